import { describe, expect, it } from "vitest";
import { P, SPECS, uniqueMesh } from "../support/mesh-fixture";
import { call, ok } from "../support/signed-fetch";

// wrangler.toml [vars]: QUOTA_VIRTUAL_GATEWAYS_PER_MESH = 3, QUOTA_GATEWAY_ROUTES_PER_VIRTUAL_GATEWAY = 10,
// QUOTA_ROUTES_PER_VIRTUAL_ROUTER = 50. The mesh quota is exercised in test/node/api (own runtime).
describe("quotas from [vars] -> LimitExceededException", () => {
  it("virtual gateways per mesh (3) and gateway routes per gateway (10)", async () => {
    const m = uniqueMesh("quota");
    await ok("PUT", `${P}/meshes`, { meshName: m });
    for (const g of ["g1", "g2", "g3"])
      await ok("PUT", `${P}/meshes/${m}/virtualGateways`, { virtualGatewayName: g, spec: SPECS.gateway() });
    const over = await call("PUT", `${P}/meshes/${m}/virtualGateways`, { virtualGatewayName: "g4", spec: SPECS.gateway() });
    expect(over).toMatchObject({
      status: 400,
      errorType: "LimitExceededException",
      body: { message: `Virtual gateway limit of 3 reached in mesh ${m}` },
    });
    // Freeing one makes room again.
    await ok("DELETE", `${P}/meshes/${m}/virtualGateways/g3`);
    await ok("PUT", `${P}/meshes/${m}/virtualGateways`, { virtualGatewayName: "g4", spec: SPECS.gateway() });

    await ok("PUT", `${P}/meshes/${m}/virtualNodes`, { virtualNodeName: "n", spec: SPECS.node("n.local") });
    await ok("PUT", `${P}/meshes/${m}/virtualServices`, {
      virtualServiceName: "s.local",
      spec: { provider: { virtualNode: { virtualNodeName: "n" } } },
    });
    for (let i = 0; i < 10; i++) {
      await ok("PUT", `${P}/meshes/${m}/virtualGateway/g1/gatewayRoutes`, {
        gatewayRouteName: `r${i}`,
        spec: SPECS.gatewayRoute("s.local"),
      });
    }
    const grOver = await call("PUT", `${P}/meshes/${m}/virtualGateway/g1/gatewayRoutes`, {
      gatewayRouteName: "r10",
      spec: SPECS.gatewayRoute("s.local"),
    });
    expect(grOver).toMatchObject({
      status: 400,
      errorType: "LimitExceededException",
      body: { message: "Gateway route limit of 10 reached in virtual gateway g1" },
    });
    // The quota is per gateway.
    await ok("PUT", `${P}/meshes/${m}/virtualGateway/g2/gatewayRoutes`, { gatewayRouteName: "r0", spec: SPECS.gatewayRoute("s.local") });
  });

  it("routes per virtual router (50)", async () => {
    const m = uniqueMesh("quota");
    await ok("PUT", `${P}/meshes`, { meshName: m });
    await ok("PUT", `${P}/meshes/${m}/virtualNodes`, { virtualNodeName: "n", spec: SPECS.node("n.local") });
    await ok("PUT", `${P}/meshes/${m}/virtualRouters`, { virtualRouterName: "r", spec: SPECS.router() });
    const spec = { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode: "n", weight: 1 }] } } };
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => ok("PUT", `${P}/meshes/${m}/virtualRouter/r/routes`, { routeName: `r${i}`, spec })),
    );
    const over = await call("PUT", `${P}/meshes/${m}/virtualRouter/r/routes`, { routeName: "r50", spec });
    expect(over.errorType).toBe("LimitExceededException");
  });
});
