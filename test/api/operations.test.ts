import { describe, expect, it } from "vitest";
import { buildMesh, expectModelOutput, N, P, SPECS, uniqueMesh } from "../support/mesh-fixture";
import { call, ok } from "../support/signed-fetch";

const ACCOUNT = "000000000000";
const ARN = (rest: string) => `arn:aws:appmesh:us-east-1:${ACCOUNT}:mesh/${rest}`;

/** The child kinds: their collection path, their item path and the output key. */
const kinds = (m: string) =>
  [
    {
      op: "VirtualNode",
      coll: `${P}/meshes/${m}/virtualNodes`,
      item: `${P}/meshes/${m}/virtualNodes/${N.a}`,
      key: "virtualNode",
      arn: ARN(`${m}/virtualNode/${N.a}`),
      spec: SPECS.node("changed.local"),
    },
    {
      op: "VirtualRouter",
      coll: `${P}/meshes/${m}/virtualRouters`,
      item: `${P}/meshes/${m}/virtualRouters/${N.router}`,
      key: "virtualRouter",
      arn: ARN(`${m}/virtualRouter/${N.router}`),
      spec: SPECS.router(),
    },
    {
      op: "Route",
      coll: `${P}/meshes/${m}/virtualRouter/${N.router}/routes`,
      item: `${P}/meshes/${m}/virtualRouter/${N.router}/routes/${N.route}`,
      key: "route",
      arn: ARN(`${m}/virtualRouter/${N.router}/route/${N.route}`),
      spec: SPECS.weightedRoute(N.a, N.b, 50, 50),
    },
    {
      op: "VirtualService",
      coll: `${P}/meshes/${m}/virtualServices`,
      item: `${P}/meshes/${m}/virtualServices/${N.service}`,
      key: "virtualService",
      arn: ARN(`${m}/virtualService/${N.service}`),
      spec: { provider: { virtualNode: { virtualNodeName: N.b } } },
    },
    {
      op: "VirtualGateway",
      coll: `${P}/meshes/${m}/virtualGateways`,
      item: `${P}/meshes/${m}/virtualGateways/${N.gateway}`,
      key: "virtualGateway",
      arn: ARN(`${m}/virtualGateway/${N.gateway}`),
      spec: SPECS.gateway(),
    },
    {
      op: "GatewayRoute",
      coll: `${P}/meshes/${m}/virtualGateway/${N.gateway}/gatewayRoutes`,
      item: `${P}/meshes/${m}/virtualGateway/${N.gateway}/gatewayRoutes/${N.gatewayRoute}`,
      key: "gatewayRoute",
      arn: ARN(`${m}/virtualGateway/${N.gateway}/gatewayRoute/${N.gatewayRoute}`),
      spec: SPECS.gatewayRoute(N.service),
    },
  ] as const;

describe("mesh operations", () => {
  it('CreateMesh answers the mesh with App Mesh metadata and, without a spec, "spec": {} (create-mesh.rst)', async () => {
    const m = uniqueMesh("ops-mesh");
    const before = Date.now() / 1000;
    const mesh = await ok("PUT", `${P}/meshes`, { meshName: m, tags: [{ key: "team", value: "edge" }] });
    expectModelOutput("CreateMesh", mesh);
    expect(mesh).toMatchObject({ meshName: m, status: { status: "ACTIVE" } });
    expect(mesh.spec).toEqual({});
    expect(mesh.metadata).toMatchObject({ arn: ARN(m), version: 1, meshOwner: ACCOUNT, resourceOwner: ACCOUNT });
    expect(mesh.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(mesh.metadata.createdAt).toBeGreaterThanOrEqual(Math.floor(before));
    expect(mesh.metadata.lastUpdatedAt).toBe(mesh.metadata.createdAt);
  });

  it("DescribeMesh, UpdateMesh (replaces the spec, version + 1), ListMeshes and DeleteMesh", async () => {
    const m = uniqueMesh("ops-mesh");
    const created = await ok("PUT", `${P}/meshes`, { meshName: m, spec: { egressFilter: { type: "ALLOW_ALL" } } });
    const described = await ok("GET", `${P}/meshes/${m}`);
    expectModelOutput("DescribeMesh", described);
    expect(described).toEqual(created);

    const updated = await ok("PUT", `${P}/meshes/${m}`, { spec: { serviceDiscovery: { ipPreference: "IPv4_ONLY" } } });
    expectModelOutput("UpdateMesh", updated);
    expect(updated.spec).toEqual({ serviceDiscovery: { ipPreference: "IPv4_ONLY" } });
    expect(updated.metadata.version).toBe(2);
    expect(updated.metadata.uid).toBe(created.metadata.uid);
    expect(updated.metadata.createdAt).toBe(created.metadata.createdAt);
    expect(updated.metadata.lastUpdatedAt).toBeGreaterThanOrEqual(created.metadata.lastUpdatedAt);

    const list = await ok("GET", `${P}/meshes?limit=100`);
    expectModelOutput("ListMeshes", list);
    const ref = list.meshes.find((r: { meshName: string }) => r.meshName === m);
    expect(ref).toEqual({
      meshName: m,
      arn: ARN(m),
      meshOwner: ACCOUNT,
      resourceOwner: ACCOUNT,
      version: 2,
      createdAt: created.metadata.createdAt,
      lastUpdatedAt: updated.metadata.lastUpdatedAt,
    });

    const deleted = await ok("DELETE", `${P}/meshes/${m}`);
    expectModelOutput("DeleteMesh", deleted);
    expect(deleted.status).toEqual({ status: "DELETED" });
    expect((await call("GET", `${P}/meshes/${m}`)).errorType).toBe("NotFoundException");
    const after = await ok("GET", `${P}/meshes?limit=100`);
    expect(after.meshes.map((r: { meshName: string }) => r.meshName)).not.toContain(m);
  });
});

describe("resource operations (every kind)", () => {
  it("Describe, List and Update every kind, then Delete them all in dependency order", async () => {
    const m = uniqueMesh("ops-all");
    await buildMesh(m);
    for (const k of kinds(m)) {
      const d = await ok("GET", k.item);
      expectModelOutput(`Describe${k.op}` as never, d);
      expect(d.metadata).toMatchObject({ arn: k.arn, version: 1, meshOwner: ACCOUNT, resourceOwner: ACCOUNT });
      expect(d.status).toEqual({ status: "ACTIVE" });
      expect(d.meshName).toBe(m);

      const list = await ok("GET", k.coll);
      expectModelOutput(`List${k.op}s` as never, list);
      expect(list[`${k.key}s`]).toHaveLength(k.op === "VirtualNode" ? 2 : 1);
      expect(list[`${k.key}s`][0]).toMatchObject({ meshName: m, arn: k.op === "VirtualNode" ? k.arn : expect.any(String), version: 1 });

      const u = await ok("PUT", k.item, { spec: k.spec });
      expectModelOutput(`Update${k.op}` as never, u);
      expect(u.spec).toEqual(k.spec);
      expect(u.metadata.version).toBe(2);
      expect(u.metadata.uid).toBe(d.metadata.uid);
      // Describe shows a node stored without backends with `backends: []` (describe-virtual-node.rst); Update echoes the spec.
      const fill = k.op === "VirtualNode" ? { spec: { ...u.spec, backends: [] } } : {};
      expect(await ok("GET", k.item)).toEqual({ ...u, ...fill });
    }
    // Children before parents, referrers before what they reference.
    for (const k of [...kinds(m)].reverse().sort((x, y) => order(x.op) - order(y.op))) {
      const del = await ok("DELETE", k.item);
      expectModelOutput(`Delete${k.op}` as never, del);
      expect(del.status).toEqual({ status: "DELETED" });
      expect(del.metadata.version).toBe(2);
      expect((await call("GET", k.item)).errorType).toBe("NotFoundException");
    }
    await ok("DELETE", `${P}/meshes/${m}/virtualNodes/${N.b}`);
    await ok("DELETE", `${P}/meshes/${m}`);
  });

  it("creates a resource from the model's input exactly as sent, with tags", async () => {
    const m = uniqueMesh("ops-create");
    await ok("PUT", `${P}/meshes`, { meshName: m });
    const spec = SPECS.node("n.local");
    const n = await ok("PUT", `${P}/meshes/${m}/virtualNodes`, { virtualNodeName: "n", spec, tags: [{ key: "a", value: "1" }] });
    expectModelOutput("CreateVirtualNode", n);
    expect(n).toMatchObject({ meshName: m, virtualNodeName: "n", spec });
    const tags = await ok("GET", `${P}/tags?resourceArn=${encodeURIComponent(n.metadata.arn)}`);
    expect(tags).toEqual({ tags: [{ key: "a", value: "1" }] });
  });
});

function order(op: string): number {
  return ["GatewayRoute", "VirtualGateway", "VirtualService", "Route", "VirtualRouter", "VirtualNode"].indexOf(op);
}
