import { compileGatewayRouteTable } from "../routing";
import type { GatewayRouteData, RouteData } from "../schema";
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

/**
 * Compiles all ACTIVE resources of one mesh into the JSON snapshot the edge routes with.
 * Pure and deterministic (same input, same output), so the Durable Object can memoise it per
 * config `version`. References to missing resources are kept as names: the edge answers 503 for
 * them, which is what App Mesh's Envoy does for a cluster with no endpoints.
 */
export function compileMeshSnapshot(r: MeshResources, version: number): MeshSnapshot {
  const snap: MeshSnapshot = {
    format: SNAPSHOT_FORMAT,
    meshName: r.mesh.meshName,
    version,
    services: {},
    nodes: {},
    routers: {},
    gateways: {},
  };
  for (const n of r.virtualNodes) snap.nodes[n.virtualNodeName] = compileNode(n);
  for (const s of r.virtualServices) {
    const p = s.spec.provider as
      | { virtualRouter?: { virtualRouterName: string }; virtualNode?: { virtualNodeName: string } }
      | undefined;
    const provider: SnapshotProvider = p?.virtualRouter
      ? { kind: "virtualRouter", name: p.virtualRouter.virtualRouterName }
      : p?.virtualNode
        ? { kind: "virtualNode", name: p.virtualNode.virtualNodeName }
        : { kind: "none" };
    snap.services[s.virtualServiceName] = { name: s.virtualServiceName, provider };
  }
  const routesByRouter = groupBy<RouteData>(r.routes, (x) => x.virtualRouterName);
  for (const vr of r.virtualRouters) {
    const mine = routesByRouter.get(vr.virtualRouterName) ?? [];
    const listeners = (vr.spec.listeners ?? []).map((l) => ({ port: l.portMapping.port, protocol: l.portMapping.protocol }));
    snap.routers[vr.virtualRouterName] = compileRouter(vr.virtualRouterName, listeners, mine);
  }
  const byGateway = groupBy<GatewayRouteData>(r.gatewayRoutes, (x) => x.virtualGatewayName);
  for (const g of r.virtualGateways) {
    snap.gateways[g.virtualGatewayName] = {
      name: g.virtualGatewayName,
      listeners: g.spec.listeners.map((l) => ({ port: l.portMapping.port, protocol: l.portMapping.protocol })),
      // Gateway routes the evaluator refuses are left out, as in compileRouter.
      table: compileGatewayRouteTable(byGateway.get(g.virtualGatewayName) ?? [], { skipRefused: true }),
    };
  }
  return snap;
}
