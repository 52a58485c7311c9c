import { env } from "cloudflare:workers";
import { createMesh, createNodeAt, createRoute, createRouter, createService, P, uniqueMesh } from "../../support/mesh-fixture";
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
  await createMesh(mesh);
  await createNodeAt(mesh, n.primary, "127.0.0.1", ports.primary);
  await createNodeAt(mesh, n.canary, "127.0.0.1", ports.canary);
  if (ports.shadow !== undefined) await createNodeAt(mesh, n.shadow, "127.0.0.1", ports.shadow);
  await createRouter(mesh, n.router);
  const targets = [{ virtualNode: n.primary, weight: 100 - canaryWeight }];
  if (canaryWeight > 0) targets.push({ virtualNode: n.canary, weight: canaryWeight });
  await createRoute(mesh, n.router, n.route, { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: targets } } });
  await createService(mesh, n.service, { router: n.router });
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
