import { describe, expect, it } from "vitest";
import { P, SPECS, uniqueMesh } from "../support/mesh-fixture";
import { call, ok } from "../support/signed-fetch";

describe("clientToken idempotency", () => {
  it("same token and same input: the same answer and no second resource", async () => {
    const m = uniqueMesh("idem");
    const body = { meshName: m, clientToken: "tok-mesh-1" };
    const first = await ok("PUT", `${P}/meshes`, body);
    const second = await ok("PUT", `${P}/meshes`, body);
    expect(second).toEqual(first);

    const node = { virtualNodeName: "n", spec: SPECS.node("n.local"), clientToken: "tok-node-1" };
    const a = await ok("PUT", `${P}/meshes/${m}/virtualNodes`, node);
    // Field order does not matter: the input is compared canonically.
    const b = await ok("PUT", `${P}/meshes/${m}/virtualNodes`, {
      clientToken: "tok-node-1",
      spec: SPECS.node("n.local"),
      virtualNodeName: "n",
    });
    expect(b).toEqual(a);
    const list = await ok("GET", `${P}/meshes/${m}/virtualNodes`);
    expect(list.virtualNodes).toHaveLength(1);
  });

  it("same token with a different input is a ConflictException", async () => {
    const m = uniqueMesh("idem");
    await ok("PUT", `${P}/meshes`, { meshName: m });
    await ok("PUT", `${P}/meshes/${m}/virtualNodes`, { virtualNodeName: "n1", spec: SPECS.node("a"), clientToken: "tok-x" });
    const other = await call("PUT", `${P}/meshes/${m}/virtualNodes`, {
      virtualNodeName: "n2",
      spec: SPECS.node("a"),
      clientToken: "tok-x",
    });
    expect([other.status, other.errorType]).toEqual([409, "ConflictException"]);
    expect((await ok("GET", `${P}/meshes/${m}/virtualNodes`)).virtualNodes).toHaveLength(1);
  });

  it("a CreateMesh token reused for another mesh name is a ConflictException, and no second mesh is made", async () => {
    const m1 = uniqueMesh("idem");
    const m2 = uniqueMesh("idem");
    const token = `tok-${m1}`;
    await ok("PUT", `${P}/meshes`, { meshName: m1, clientToken: token });
    const other = await call("PUT", `${P}/meshes`, { meshName: m2, clientToken: token });
    expect([other.status, other.errorType]).toEqual([409, "ConflictException"]);
    expect((await call("GET", `${P}/meshes/${m2}`)).errorType).toBe("NotFoundException");
    // The same input with the same token still replays the first answer.
    expect((await ok("PUT", `${P}/meshes`, { meshName: m1, clientToken: token })).meshName).toBe(m1);
  });

  it("an idempotent update applies once (version 2, not 3)", async () => {
    const m = uniqueMesh("idem");
    await ok("PUT", `${P}/meshes`, { meshName: m });
    await ok("PUT", `${P}/meshes/${m}/virtualRouters`, { virtualRouterName: "r", spec: SPECS.router() });
    const upd = { spec: { listeners: [{ portMapping: { port: 9090, protocol: "http" } }] }, clientToken: "tok-upd" };
    const u1 = await ok("PUT", `${P}/meshes/${m}/virtualRouters/r`, upd);
    const u2 = await ok("PUT", `${P}/meshes/${m}/virtualRouters/r`, upd);
    expect(u2).toEqual(u1);
    expect((await ok("GET", `${P}/meshes/${m}/virtualRouters/r`)).metadata.version).toBe(2);
  });

  it("without a token, a second create of the same name conflicts", async () => {
    const m = uniqueMesh("idem");
    await ok("PUT", `${P}/meshes`, { meshName: m });
    expect((await call("PUT", `${P}/meshes`, { meshName: m })).errorType).toBe("ConflictException");
  });

  it("a failed write stores nothing, so the retry with the same token runs again", async () => {
    const m = uniqueMesh("idem");
    await ok("PUT", `${P}/meshes`, { meshName: m });
    const svc = {
      virtualServiceName: "s.local",
      spec: { provider: { virtualNode: { virtualNodeName: "late" } } },
      clientToken: "tok-retry",
    };
    expect((await call("PUT", `${P}/meshes/${m}/virtualServices`, svc)).errorType).toBe("NotFoundException");
    await ok("PUT", `${P}/meshes/${m}/virtualNodes`, { virtualNodeName: "late", spec: SPECS.node("late.local") });
    expect((await ok("PUT", `${P}/meshes/${m}/virtualServices`, svc)).virtualServiceName).toBe("s.local");
  });
});
