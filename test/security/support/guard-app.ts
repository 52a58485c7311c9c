import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { expect } from "vitest";
import { managementGuard, type AuthVariables } from "../../../src/auth";
import { TEST_KEYS } from "./sign";

/**
 * A Hono app with only the real management guard in front of an echo handler, so the
 * guard's decisions are observable without depending on the API handlers behind it.
 */
export function guardedEchoApp() {
  const app = new Hono<{ Bindings: Env; Variables: AuthVariables }>();
  app.use("*", managementGuard());
  app.all("*", async (c) => {
    const principal = c.get("principal") as AuthVariables["principal"] | undefined;
    const body = c.req.method === "GET" || c.req.method === "HEAD" ? "" : await c.req.text();
    return c.json({ path: c.req.path, principal: principal ?? null, body });
  });
  return app;
}

/** Sends a request through the guarded echo app with the given access key configuration (null: unset). */
export async function send(req: Request, keys: string | null = TEST_KEYS): Promise<Response> {
  const bindings = { ...env } as Record<string, unknown>;
  if (keys === null) delete bindings["MESHEDGE_ACCESS_KEYS"];
  else bindings["MESHEDGE_ACCESS_KEYS"] = keys;
  return guardedEchoApp().fetch(req, bindings as unknown as Env);
}

/** Asserts App Mesh's error shape (an x-amzn-errortype header, a body of only a message) and returns it. */
export async function errorOf(res: Response): Promise<{ status: number; type: string; message: string }> {
  const type = res.headers.get("x-amzn-errortype");
  const body = (await res.json()) as Record<string, unknown>;
  expect(type).toEqual(expect.any(String));
  expect(Object.keys(body)).toEqual(["message"]);
  expect(body.message).toEqual(expect.any(String));
  return { status: res.status, type: type as string, message: body.message as string };
}
