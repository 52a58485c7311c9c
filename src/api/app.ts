import { Hono } from "hono";
import { operations, type OperationSpec } from "../schema";
import { bindRequest } from "./bind-request";
import { API_PREFIX } from "./api-prefix";
import { handlers } from "./handlers";
import { checkResourceNames } from "./resource-names";
import type { MeshWriteHook } from "./mesh-write-hook";
import { parseInput } from "./validate";

/**
 * The App Mesh management API: one Hono route per operation of the model, at its method
 * and path. Each request is bound (path, query, body), validated against the model, handled,
 * and answered 200 with the model's output (its payload member alone when it has one).
 * Mount with `app.route("/", managementApi(invalidateMesh))`; errors reach the app's `onError`,
 * paths no operation serves its `notFound` (src/api/no-such-operation.ts).
 */
export function managementApi(invalidateMesh: MeshWriteHook): Hono<{ Bindings: Env }> {
  const api = new Hono<{ Bindings: Env }>();
  // AWS SDKs report this id in `$metadata.requestId`; errors carry it too.
  api.use(`${API_PREFIX}/*`, async (c, next) => {
    await next();
    c.res.headers.set("x-amzn-requestid", crypto.randomUUID());
  });
  for (const spec of Object.values(operations) as OperationSpec[]) {
    const handler = handlers[spec.name as keyof typeof handlers];
    if (!handler) throw new Error(`no handler for ${spec.name}`);
    const path = spec.requestUri.replace(/\{(\w+)\}/g, ":$1");
    api.on(spec.method, path, async (c) => {
      const input = parseInput(spec.input, await bindRequest(spec, c)) as Record<string, unknown>;
      checkResourceNames(input);
      const output = await handler(input, c.env);
      // A write served by this isolate is routed by at once here (other isolates follow
      // within SNAPSHOT_TTL_MS): drop this isolate's cached snapshot of the mesh.
      if (spec.method !== "GET" && typeof input["meshName"] === "string") invalidateMesh(input["meshName"]);
      return c.json(spec.outputPayload ? output[spec.outputPayload] : output, 200);
    });
  }
  return api;
}
