import type { MeshResources } from "../../src/schema";

const meta = (version = 1) => ({
  arn: "arn:aws:appmesh:us-east-1:000000000000:mesh/scale",
  createdAt: 0,
  lastUpdatedAt: 0,
  meshOwner: "000000000000",
  resourceOwner: "000000000000",
  uid: "u",
  version,
});

/**
 * A synthetic mesh with `routeCount` routes spread over routers of 50 routes each (App Mesh's
 * per-router quota), two weighted targets per route, one virtual service per router and 2 nodes
 * per router. Matches are a realistic mix: 60% prefix, 20% exact path, 10% header + prefix,
 * 10% RE2 path regex (compiled with re2js on load, indexed under its literal prefix `/orders/{i}/`).
 */
export function generateMesh(routeCount: number, meshName = "scale"): MeshResources {
  const routers = Math.ceil(routeCount / 50);
  const r: MeshResources = {
    mesh: { meshName, metadata: meta(), spec: {}, status: { status: "ACTIVE" } },
    virtualNodes: [],
    virtualServices: [],
    virtualRouters: [],
    routes: [],
    virtualGateways: [],
    gatewayRoutes: [],
  } as unknown as MeshResources;
  const push = <K extends keyof MeshResources>(k: K, v: unknown) => (r[k] as unknown[]).push(v);
  for (let g = 0; g < routers; g++) {
    for (const v of ["a", "b"]) {
      push("virtualNodes", {
        meshName,
        virtualNodeName: `svc${g}-${v}`,
        metadata: meta(),
        status: { status: "ACTIVE" },
        spec: {
          listeners: [{ portMapping: { port: 8080, protocol: "http" } }],
          serviceDiscovery: { dns: { hostname: `svc${g}-${v}.internal` } },
        },
      });
    }
    push("virtualRouters", {
      meshName,
      virtualRouterName: `router${g}`,
      metadata: meta(),
      status: { status: "ACTIVE" },
      spec: { listeners: [{ portMapping: { port: 80, protocol: "http" } }] },
    });
    push("virtualServices", {
      meshName,
      virtualServiceName: `svc${g}.local`,
      metadata: meta(),
      status: { status: "ACTIVE" },
      spec: { provider: { virtualRouter: { virtualRouterName: `router${g}` } } },
    });
    for (let i = 0; i < 50 && g * 50 + i < routeCount; i++) {
      const k = i % 10;
      const match =
        k < 6
          ? { prefix: `/api/v${i}/items/` }
          : k < 8
            ? { path: { exact: `/exact/${i}/status` } }
            : k < 9
              ? { prefix: `/beta/${i}/`, headers: [{ name: "x-canary", match: { exact: "1" } }] }
              : { path: { regex: `/orders/${i}/[0-9]+(/lines)?` } };
      push("routes", {
        meshName,
        virtualRouterName: `router${g}`,
        routeName: `route${i}`,
        metadata: meta(),
        status: { status: "ACTIVE" },
        spec: {
          priority: i,
          httpRoute: {
            match,
            action: {
              weightedTargets: [
                { virtualNode: `svc${g}-a`, weight: 90 },
                { virtualNode: `svc${g}-b`, weight: 10 },
              ],
            },
            retryPolicy: { maxRetries: 2, perRetryTimeout: { unit: "ms", value: 2000 }, httpRetryEvents: ["server-error"] },
          },
        },
      });
    }
  }
  return r;
}
