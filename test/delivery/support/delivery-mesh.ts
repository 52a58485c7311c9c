import { env } from "cloudflare:workers";
import { P, uniqueMesh } from "../../support/mesh-fixture";
import { call, ok } from "../../support/signed-fetch";
import { reload } from "../../proxy/support/mesh";

export { call, ok, uniqueMesh };
/** Makes this isolate's edge see the mesh's latest config at once (as the API does after its writes). */
export { reload as seeChanges };

/** The delivery API prefix. */
export const D = "/_meshedge/v1";

/** Names inside a delivery mesh: the service's Host is `svc.<mesh>` so meshes never clash. */
export const names = (mesh: string) => ({
  primary: "primary",
  canary: "canary",
  shadow: "shadow",
  router: "router",
  route: "route",
  service: `svc.${mesh}`,
});

const node = (port: number) => ({
  listeners: [{ portMapping: { port, protocol: "http" } }],
  serviceDiscovery: { dns: { hostname: "127.0.0.1" } },
});

/**
 * A rollout spec for the route of {@link buildDeliveryMesh}, canary `canary` against `primary`:
 * 30-point steps up to 90 every 60 s, unless `over` replaces some fields.
 */
export const rolloutSpec = (over: Record<string, unknown> = {}) => ({
  virtualRouterName: "router",
  routeName: "route",
  primaryVirtualNode: "primary",
  canaryVirtualNode: "canary",
  stepWeight: 30,
  maxWeight: 90,
  interval: { unit: "s", value: 60 },
  analysis: { minSuccessRate: 99, maxP99LatencyMs: 500, failedChecksThreshold: 2, minRequests: 10 },
  ...over,
});

/**
 * Creates through the App Mesh API: nodes `primary`, `canary` (and `shadow` when given) on local
 * upstream ports, a router with route `route` (prefix "/", everything to primary, or the given
 * canary weight) and the virtual service `svc.<mesh>` provided by the router.
 */
export async function buildDeliveryMesh(
  mesh: string,
  ports: { primary: number; canary: number; shadow?: number },
  canaryWeight = 0,
): Promise<ReturnType<typeof names>> {
  const n = names(mesh);
  const m = `${P}/meshes/${mesh}`;
  await ok("PUT", `${P}/meshes`, { meshName: mesh });
  await ok("PUT", `${m}/virtualNodes`, { virtualNodeName: n.primary, spec: node(ports.primary) });
  await ok("PUT", `${m}/virtualNodes`, { virtualNodeName: n.canary, spec: node(ports.canary) });
  if (ports.shadow !== undefined) await ok("PUT", `${m}/virtualNodes`, { virtualNodeName: n.shadow, spec: node(ports.shadow) });
  await ok("PUT", `${m}/virtualRouters`, {
    virtualRouterName: n.router,
    spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] },
  });
  const targets = [{ virtualNode: n.primary, weight: 100 - canaryWeight }];
  if (canaryWeight > 0) targets.push({ virtualNode: n.canary, weight: canaryWeight });
  await ok("PUT", `${m}/virtualRouter/${n.router}/routes`, {
    routeName: n.route,
    spec: { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: targets } } },
  });
  await ok("PUT", `${m}/virtualServices`, {
    virtualServiceName: n.service,
    spec: { provider: { virtualRouter: { virtualRouterName: n.router } } },
  });
  reload(mesh);
  return n;
}

/** DescribeRoute through the API (its body is the RouteData): the route's version and its weights by node. */
export async function describeWeights(mesh: string): Promise<{ version: number; weights: Record<string, number> }> {
  const n = names(mesh);
  const route = await ok<{
    metadata: { version: number };
    spec: { httpRoute: { action: { weightedTargets: { virtualNode: string; weight: number }[] } } };
  }>("GET", `${P}/meshes/${mesh}/virtualRouter/${n.router}/routes/${n.route}`);
  const weights: Record<string, number> = {};
  for (const t of route.spec.httpRoute.action.weightedTargets) weights[t.virtualNode] = t.weight;
  return { version: route.metadata.version, weights };
}

/** The mesh's Durable Object stub (for ingestMetrics and runDurableObjectAlarm). */
export function meshStub(mesh: string) {
  return env.MESH.get(env.MESH.idFromName(mesh));
}
