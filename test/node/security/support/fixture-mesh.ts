import type { HttpApi } from "./http-api";

const listener = { portMapping: { port: 8080, protocol: "http" } };

/** Valid create bodies for every resource kind, referring to each other within one mesh. */
export const VALID = {
  mesh: { spec: {} },
  virtualNode: { spec: { listeners: [listener], serviceDiscovery: { dns: { hostname: "vn.local" } } } },
  virtualRouter: { spec: { listeners: [listener] } },
  route: { spec: { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode: "vn", weight: 1 }] } } } },
  virtualService: { spec: { provider: { virtualRouter: { virtualRouterName: "vr" } } } },
  virtualGateway: { spec: { listeners: [listener] } },
  gatewayRoute: {
    spec: { httpRoute: { match: { prefix: "/" }, action: { target: { virtualService: { virtualServiceName: "vs.local" } } } } },
  },
} as const;

/** Path parameters naming the fixture's resources. */
export const NAMES = {
  meshName: "",
  virtualNodeName: "vn",
  virtualRouterName: "vr",
  routeName: "rt",
  virtualServiceName: "vs.local",
  virtualGatewayName: "vg",
  gatewayRouteName: "gr",
};

/** Creates one of every resource kind in `mesh` through the API and returns the names. */
export async function createFixtureMesh({ ok }: HttpApi, mesh: string): Promise<typeof NAMES> {
  const m = `/v20190125/meshes/${mesh}`;
  await ok("PUT", "/v20190125/meshes", { meshName: mesh, ...VALID.mesh });
  await ok("PUT", `${m}/virtualNodes`, { virtualNodeName: "vn", ...VALID.virtualNode });
  await ok("PUT", `${m}/virtualRouters`, { virtualRouterName: "vr", ...VALID.virtualRouter });
  await ok("PUT", `${m}/virtualRouter/vr/routes`, { routeName: "rt", ...VALID.route });
  await ok("PUT", `${m}/virtualServices`, { virtualServiceName: "vs.local", ...VALID.virtualService });
  await ok("PUT", `${m}/virtualGateways`, { virtualGatewayName: "vg", ...VALID.virtualGateway });
  await ok("PUT", `${m}/virtualGateway/vg/gatewayRoutes`, { gatewayRouteName: "gr", ...VALID.gatewayRoute });
  return { ...NAMES, meshName: mesh };
}
