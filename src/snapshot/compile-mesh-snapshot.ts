import { compileGatewayRouteTable } from "../routing";
import { nameDict } from "../shared/name-dict";
import type { GatewayRouteData, RouteData, VirtualServiceData } from "../schema";
import { compileNode } from "./compile-node";
import { compileRouter } from "./compile-routes";
import { SNAPSHOT_FORMAT, type MeshResources, type MeshSnapshot, type SnapshotProvider } from "./types";

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

function providerOf(spec: VirtualServiceData["spec"]): SnapshotProvider {
  const p = spec.provider as { virtualRouter?: { virtualRouterName: string }; virtualNode?: { virtualNodeName: string } } | undefined;
  return p?.virtualRouter
    ? { kind: "virtualRouter", name: p.virtualRouter.virtualRouterName }
    : p?.virtualNode
      ? { kind: "virtualNode", name: p.virtualNode.virtualNodeName }
      : { kind: "none" };
}

/**
 * Compiles all ACTIVE resources of one mesh into the JSON snapshot the edge routes with.
 * Pure and deterministic (same input, same output), so the Durable Object can memoise it per
 * config `version`. References to missing resources are kept as names: the edge answers 503 for
 * them, which is what App Mesh's Envoy does for a cluster with no endpoints.
 */
export function compileMeshSnapshot(r: MeshResources, version: number): MeshSnapshot {
  const routesByRouter = groupBy<RouteData>(r.routes, (x) => x.virtualRouterName);
  const byGateway = groupBy<GatewayRouteData>(r.gatewayRoutes, (x) => x.virtualGatewayName);
  // Dictionaries from entries (nameDict): `__proto__` or `constructor` are names like any other.
  return {
    format: SNAPSHOT_FORMAT,
    meshName: r.mesh.meshName,
    version,
    services: nameDict(r.virtualServices.map((s) => [s.virtualServiceName, { name: s.virtualServiceName, provider: providerOf(s.spec) }])),
    nodes: nameDict(r.virtualNodes.map((n) => [n.virtualNodeName, compileNode(n)])),
    routers: nameDict(
      r.virtualRouters.map((vr) => {
        const listeners = (vr.spec.listeners ?? []).map((l) => ({ port: l.portMapping.port, protocol: l.portMapping.protocol }));
        return [vr.virtualRouterName, compileRouter(vr.virtualRouterName, listeners, routesByRouter.get(vr.virtualRouterName) ?? [])];
      }),
    ),
    gateways: nameDict(
      r.virtualGateways.map((g) => [
        g.virtualGatewayName,
        {
          name: g.virtualGatewayName,
          listeners: g.spec.listeners.map((l) => ({ port: l.portMapping.port, protocol: l.portMapping.protocol })),
          // Gateway routes the evaluator refuses are left out, as in compileRouter.
          table: compileGatewayRouteTable(byGateway.get(g.virtualGatewayName) ?? [], { skipRefused: true }),
        },
      ]),
    ),
  };
}
