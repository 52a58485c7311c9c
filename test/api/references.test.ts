import { describe, expect, it } from "vitest";
import { buildMesh, N, P, SPECS, uniqueMesh } from "../support/mesh-fixture";
import { call, ok } from "../support/signed-fetch";

async function expectError(type: string, method: string, path: string, body?: unknown): Promise<string> {
  const a = await call<{ message: string }>(method, path, body);
  expect(a.errorType, JSON.stringify(a.body)).toBe(type);
  return a.body.message;
}

describe("references between resources", () => {
  it("NotFoundException for every kind of missing reference", async () => {
    const m = uniqueMesh("ref");
    await ok("PUT", `${P}/meshes`, { meshName: m });
    await ok("PUT", `${P}/meshes/${m}/virtualRouters`, { virtualRouterName: "r", spec: SPECS.router() });
    await ok("PUT", `${P}/meshes/${m}/virtualGateways`, { virtualGatewayName: "g", spec: SPECS.gateway() });
    expect(
      await expectError("NotFoundException", "PUT", `${P}/meshes/${m}/virtualRouter/r/routes`, {
        routeName: "x",
        spec: SPECS.weightedRoute("ghost", "ghost"),
      }),
    ).toBe(`Route x of virtual router r in mesh ${m} references Virtual node ghost in mesh ${m}, which does not exist`);
    await expectError("NotFoundException", "PUT", `${P}/meshes/${m}/virtualServices`, {
      virtualServiceName: "s",
      spec: { provider: { virtualNode: { virtualNodeName: "ghost" } } },
    });
    await expectError("NotFoundException", "PUT", `${P}/meshes/${m}/virtualServices`, {
      virtualServiceName: "s",
      spec: SPECS.serviceByRouter("ghost"),
    });
    await expectError("NotFoundException", "PUT", `${P}/meshes/${m}/virtualGateway/g/gatewayRoutes`, {
      gatewayRouteName: "x",
      spec: SPECS.gatewayRoute("ghost.local"),
    });
    // An update is checked the same way.
    await ok("PUT", `${P}/meshes/${m}/virtualNodes`, { virtualNodeName: "n", spec: SPECS.node("n.local") });
    await ok("PUT", `${P}/meshes/${m}/virtualServices`, {
      virtualServiceName: "s",
      spec: { provider: { virtualNode: { virtualNodeName: "n" } } },
    });
    await expectError("NotFoundException", "PUT", `${P}/meshes/${m}/virtualServices/s`, {
      spec: { provider: { virtualNode: { virtualNodeName: "ghost" } } },
    });
    // Nothing was stored by the failed writes.
    expect(
      (await ok("GET", `${P}/meshes/${m}/virtualServices`)).virtualServices.map(
        (v: { virtualServiceName: string }) => v.virtualServiceName,
      ),
    ).toEqual(["s"]);
    expect((await ok("GET", `${P}/meshes/${m}/virtualServices/s`)).metadata.version).toBe(1);
  });

  it("a virtual node's backends are not references: missing on create and update, deletable while listed", async () => {
    const m = uniqueMesh("ref");
    await ok("PUT", `${P}/meshes`, { meshName: m });
    const backends = (name: string) => [{ virtualService: { virtualServiceName: name } }];
    await ok("PUT", `${P}/meshes/${m}/virtualNodes`, {
      virtualNodeName: "n",
      spec: { ...SPECS.node("n.local"), backends: backends("later.local") },
    });
    await ok("PUT", `${P}/meshes/${m}/virtualNodes/n`, { spec: { ...SPECS.node("n.local"), backends: backends("ghost.local") } });
    await ok("PUT", `${P}/meshes/${m}/virtualServices`, {
      virtualServiceName: "ghost.local",
      spec: { provider: { virtualNode: { virtualNodeName: "n" } } },
    });
    // The node lists the service as a backend and the service names the node: App Mesh deletes the service first.
    expect((await ok("DELETE", `${P}/meshes/${m}/virtualServices/ghost.local`)).status).toEqual({ status: "DELETED" });
    expect((await ok("GET", `${P}/meshes/${m}/virtualNodes/n`)).spec.backends).toEqual(backends("ghost.local"));
  });

  it("ResourceInUseException while anything still references or contains a resource", async () => {
    const m = uniqueMesh("ref");
    await buildMesh(m);
    await ok("PUT", `${P}/meshes/${m}/virtualNodes`, {
      virtualNodeName: "client",
      spec: { ...SPECS.node("c.local"), backends: [{ virtualService: { virtualServiceName: N.service } }] },
    });
    const base = `${P}/meshes/${m}`;
    expect(await expectError("ResourceInUseException", "DELETE", `${base}/virtualNodes/${N.a}`)).toBe(
      `Virtual node ${N.a} in mesh ${m} cannot be deleted: it is referenced by Route ${N.route} of virtual router ${N.router}`,
    );
    expect(await expectError("ResourceInUseException", "DELETE", `${base}/virtualRouters/${N.router}`)).toMatch(/still has routes/);
    expect(await expectError("ResourceInUseException", "DELETE", `${base}/virtualGateways/${N.gateway}`)).toMatch(
      /still has gateway routes/,
    );
    expect(await expectError("ResourceInUseException", "DELETE", `${base}/virtualServices/${N.service}`)).toMatch(
      /referenced by Gateway route gr-1 of virtual gateway gw-1$/,
    );
    expect(await expectError("ResourceInUseException", "DELETE", `${P}/meshes/${m}`)).toMatch(/still holds 8 resource\(s\)/);

    // Router without routes is still the service's provider.
    await ok("DELETE", `${base}/virtualRouter/${N.router}/routes/${N.route}`);
    expect(await expectError("ResourceInUseException", "DELETE", `${base}/virtualRouters/${N.router}`)).toMatch(
      /referenced by Virtual service svc.local/,
    );
    // Once the route is gone, its targets are free.
    await ok("DELETE", `${base}/virtualNodes/${N.a}`);
    await ok("DELETE", `${base}/virtualGateway/${N.gateway}/gatewayRoutes/${N.gatewayRoute}`);
    await ok("DELETE", `${base}/virtualServices/${N.service}`);
    await ok("DELETE", `${base}/virtualRouters/${N.router}`);
    await ok("DELETE", `${base}/virtualGateways/${N.gateway}`);
    for (const n of [N.b, "client"]) await ok("DELETE", `${base}/virtualNodes/${n}`);
    expect((await ok("DELETE", `${P}/meshes/${m}`)).status).toEqual({ status: "DELETED" });
  });

  it("a deleted mesh can be created again, empty and with a new uid", async () => {
    const m = uniqueMesh("ref");
    const first = await ok("PUT", `${P}/meshes`, { meshName: m });
    await ok("PUT", `${P}/meshes/${m}/virtualRouters`, { virtualRouterName: "r", spec: SPECS.router() });
    await ok("DELETE", `${P}/meshes/${m}/virtualRouters/r`);
    await ok("DELETE", `${P}/meshes/${m}`);
    const second = await ok("PUT", `${P}/meshes`, { meshName: m });
    expect(second.metadata.uid).not.toBe(first.metadata.uid);
    expect((await ok("GET", `${P}/meshes/${m}/virtualRouters`)).virtualRouters).toEqual([]);
  });
});
