import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { operations } from "../../src/schema";
import { buildMesh, P, uniqueMesh } from "../support/mesh-fixture";
import { call } from "../support/signed-fetch";

const mesh = uniqueMesh("fuzz");
const writes = Object.values(operations).filter((o) => o.method === "PUT" && o.requestUri.startsWith(`${P}/meshes/`));

/** Values shaped like App Mesh input: nested objects with the model's field names mixed in. */
const words = fc.constantFrom(
  "spec",
  "httpRoute",
  "grpcRoute",
  "action",
  "weightedTargets",
  "virtualNode",
  "weight",
  "match",
  "prefix",
  "listeners",
  "portMapping",
  "port",
  "protocol",
  "provider",
  "virtualRouter",
  "virtualRouterName",
  "backends",
  "tags",
  "key",
  "value",
  "priority",
  "routeName",
  "virtualNodeName",
  "clientToken",
  "__proto__",
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.string({ maxLength: 8 }),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(words, tie("value"), { maxKeys: 4 }),
  ),
})).value;

describe("no input produces a 500", () => {
  it("random bodies on every write operation answer 200 or an App Mesh 4xx", async () => {
    await buildMesh(mesh);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: writes.length - 1 }), fc.dictionary(words, json, { maxKeys: 5 }), async (i, body) => {
        const op = writes[i]!;
        const path = op.requestUri.replace(/\{(\w+)\}/g, (_, n: string) =>
          n === "meshName" ? mesh : n === "virtualRouterName" ? "router-1" : n === "virtualGatewayName" ? "gw-1" : "fz",
        );
        const a = await call(op.method, path, body);
        expect(a.status, `${op.name} ${JSON.stringify(body)} -> ${JSON.stringify(a.body)}`).toBeLessThan(500);
        if (a.status !== 200) expect(a.errorType).toMatch(/Exception$/);
      }),
      { numRuns: 150, seed: 20261122 },
    );
  });
});
