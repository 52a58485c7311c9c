import { expect, it } from "vitest";
import { call, ok } from "../support/signed-fetch";

it("creates and describes a mesh", async () => {
  const m = await ok("PUT", "/v20190125/meshes", { meshName: "smoke-1" });
  expect(m["meshName"]).toBe("smoke-1");
  const d = await call("GET", "/v20190125/meshes/smoke-1");
  expect(d.status).toBe(200);
  expect(d.body).toEqual(m);
  const n = await call("GET", "/v20190125/meshes/nope");
  expect([n.status, n.errorType]).toEqual([404, "NotFoundException"]);
});
