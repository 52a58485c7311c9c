import { describe, expect, it } from "vitest";
import { operations } from "../../src/schema";
import { uniqueMesh } from "../support/mesh-fixture";
import { call } from "../support/signed-fetch";

const mesh = uniqueMesh("wired");

/** The operation's path with every {param} filled in (names of things that do not exist). */
function pathOf(requestUri: string): string {
  return requestUri.replace(/\{(\w+)\}/g, (_, name: string) => (name === "meshName" ? mesh : `x-${name}`));
}

describe("every operation of the model is wired at its method and path", () => {
  it.each(Object.values(operations).map((o) => [o.name, o.method, o.requestUri] as const))(
    "%s (%s %s) reaches its handler and answers in the API's error shape",
    async (_name, method, uri) => {
      const query =
        uri.endsWith("/tags") || uri.endsWith("/tag") || uri.endsWith("/untag")
          ? `?resourceArn=${encodeURIComponent(`arn:aws:appmesh:us-east-1:000000000000:mesh/${mesh}`)}`
          : "";
      const a = await call<{ message: string }>(method, `${pathOf(uri)}${query}`, method === "PUT" ? {} : undefined);
      // Not the router's fallback: the handler (or validation of its input) answered.
      expect(a.body.message ?? "").not.toMatch(/^No App Mesh operation matches/);
      expect(a.status).not.toBe(500);
      expect(a.requestId).toMatch(/^[0-9a-f-]{36}$/);
      if (a.status !== 200) {
        expect(["BadRequestException", "NotFoundException"]).toContain(a.errorType);
        expect(Object.keys(a.body)).toEqual(["message"]);
      }
    },
  );
});
