import { env } from "cloudflare:workers";
import { meshStub, registryStub } from "../../src/do-client/stubs";
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { MeshStore } from "../../durable/mesh/mesh-store";
import { createResource } from "../../durable/mesh/mesh-writes";
import { buildMesh, N, P, SPECS, uniqueMesh } from "../support/mesh-fixture";
import { ok } from "../support/signed-fetch";

const mesh = (name: string) => meshStub(env, name);

describe("the mesh Durable Object", () => {
  it("keeps every resource across a restart of the object", async () => {
    const m = uniqueMesh("dur");
    await buildMesh(m);
    const before = await ok("GET", `${P}/meshes/${m}/virtualRouter/${N.router}/routes/${N.route}`);
    const { version } = await mesh(m).getSnapshot();
    const raw = env.MESH.get(env.MESH.idFromName(m));
    // Mark the live instance, so the test can tell that a new one answers after the restart.
    await runInDurableObject(raw, (o) => {
      (o as unknown as { probe?: number }).probe = 1;
    });
    await evictDurableObject(raw);
    expect(await runInDurableObject(raw, (o) => (o as unknown as { probe?: number }).probe)).toBeUndefined();
    expect(await ok("GET", `${P}/meshes/${m}/virtualRouter/${N.router}/routes/${N.route}`)).toEqual(before);
    expect((await mesh(m).getSnapshot(version)).snapshot).toBeUndefined();
    const res = await mesh(m).getResources();
    expect(res?.virtualNodes.map((n) => n.virtualNodeName)).toEqual([N.a, N.b]);
    expect(res?.routes).toHaveLength(1);
  });

  it("a write interrupted inside its transaction leaves neither the resource nor the version bump", async () => {
    const m = uniqueMesh("dur");
    await ok("PUT", `${P}/meshes`, { meshName: m });
    const raw = env.MESH.get(env.MESH.idFromName(m));
    await runInDurableObject(raw, (_o, state) => {
      const store = new MeshStore(state.storage.sql);
      const before = store.configVersion();
      const ctx = { store, id: { region: "us-east-1", account: "000000000000" }, env: {}, now: 1 };
      const key = { meshName: m, kind: "virtualNode" as const, parent: "", name: "half" };
      expect(() =>
        state.storage.transactionSync(() => {
          createResource(ctx, { key, spec: SPECS.node("h.local") });
          throw new Error("crash after the write, before the commit");
        }),
      ).toThrow("crash");
      expect(store.get("virtualNode", "", "half")).toBeUndefined();
      expect(store.configVersion()).toBe(before);
    });
    expect((await ok("GET", `${P}/meshes/${m}/virtualNodes`)).virtualNodes).toEqual([]);
  });

  it("bumps the config version on every routing write (not on tags) and serves the compiled snapshot", async () => {
    const m = uniqueMesh("dur");
    await ok("PUT", `${P}/meshes`, { meshName: m });
    const v1 = (await mesh(m).getSnapshot()).version;
    await ok("PUT", `${P}/meshes/${m}/virtualNodes`, { virtualNodeName: "n", spec: SPECS.node("n.local") });
    const s2 = await mesh(m).getSnapshot();
    expect(s2.version).toBe(v1 + 1);
    expect(s2.snapshot?.nodes["n"]).toBeDefined();
    expect(s2.snapshot?.version).toBe(s2.version);
    expect(await mesh(m).getSnapshot(s2.version)).toEqual({ version: s2.version });

    const arn = `arn:aws:appmesh:us-east-1:000000000000:mesh/${m}/virtualNode/n`;
    await ok("PUT", `${P}/tag?resourceArn=${encodeURIComponent(arn)}`, { tags: [{ key: "a", value: "b" }] });
    expect((await mesh(m).getSnapshot()).version).toBe(s2.version);

    await ok("PUT", `${P}/meshes/${m}/virtualNodes/n`, { spec: SPECS.node("moved.local") });
    expect((await mesh(m).getSnapshot()).version).toBe(s2.version + 1);
    // A failed write changes nothing.
    await ok("GET", `${P}/meshes/${m}`);
    const failed = await (await import("../support/signed-fetch")).call("DELETE", `${P}/meshes/${m}`);
    expect(failed.errorType).toBe("ResourceInUseException");
    expect((await mesh(m).getSnapshot()).version).toBe(s2.version + 1);
  });

  it("answers missing: true for a mesh that does not exist, and keeps versions increasing across delete and re-create", async () => {
    const m = uniqueMesh("dur");
    expect(await mesh(m).getSnapshot()).toEqual({ version: 0, missing: true });
    expect(await mesh(m).getResources()).toBeUndefined();
    await ok("PUT", `${P}/meshes`, { meshName: m });
    await ok("DELETE", `${P}/meshes/${m}`);
    const gone = await mesh(m).getSnapshot();
    expect(gone).toEqual({ version: 2, missing: true });
    await ok("PUT", `${P}/meshes`, { meshName: m });
    expect((await mesh(m).getSnapshot()).version).toBe(3);
  });

  it("lists mesh names for the edge from the registry", async () => {
    const m = uniqueMesh("dur");
    await ok("PUT", `${P}/meshes`, { meshName: m });
    const registry = registryStub(env);
    expect(await registry.listMeshNames()).toContain(m);
    await ok("DELETE", `${P}/meshes/${m}`);
    expect(await registry.listMeshNames()).not.toContain(m);
  });
});
