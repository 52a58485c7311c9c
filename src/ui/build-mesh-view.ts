import { describeGrpcMatch, describeHttpMatch } from "./describe-match";
import type { UiGatewayRoute, UiResources, UiRoute } from "./resource-input";
import type { GatewayRouteView, MeshView, NodeView, RouteView, TargetView } from "./view-types";

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Routes with a priority first (0 highest), then the rest by name: the order they are evaluated. */
function byPriority<T extends { priority?: number; name: string }>(a: T, b: T): number {
  const pa = a.priority ?? Number.POSITIVE_INFINITY;
  const pb = b.priority ?? Number.POSITIVE_INFINITY;
  return pa !== pb ? pa - pb : byName(a.name, b.name);
}

/** Weighted targets with each one's share in percent (one decimal). */
export function targetsWithPercent(targets: readonly { virtualNode: string; weight: number; port?: number | undefined }[]): TargetView[] {
  let total = 0;
  for (const t of targets) total += t.weight;
  return targets.map((t) => {
    const v: TargetView = {
      virtualNode: t.virtualNode,
      weight: t.weight,
      percent: total > 0 ? Math.round((t.weight / total) * 1000) / 10 : 0,
    };
    if (t.port !== undefined) v.port = t.port;
    return v;
  });
}

/** Summarises one route: protocol, match text, targets. */
export function buildRouteView(r: UiRoute): RouteView {
  const s = r.spec ?? {};
  const [protocol, match, targets] =
    s.httpRoute ? (["http", describeHttpMatch(s.httpRoute.match), s.httpRoute.action?.weightedTargets] as const)
    : s.http2Route ? (["http2", describeHttpMatch(s.http2Route.match), s.http2Route.action?.weightedTargets] as const)
    : s.grpcRoute ? (["grpc", describeGrpcMatch(s.grpcRoute.match), s.grpcRoute.action?.weightedTargets] as const)
    : s.tcpRoute ? (["tcp", s.tcpRoute.match?.port !== undefined ? `port ${s.tcpRoute.match.port}` : "any connection", s.tcpRoute.action?.weightedTargets] as const)
    : (["unknown", "no match", undefined] as const);
  const v: RouteView = {
    key: `${r.virtualRouterName}/${r.routeName}`,
    virtualRouterName: r.virtualRouterName,
    routeName: r.routeName,
    protocol,
    match,
    targets: targetsWithPercent(targets ?? []),
    version: r.metadata?.version ?? 0,
  };
  if (s.priority !== undefined) v.priority = s.priority;
  return v;
}

function buildGatewayRouteView(g: UiGatewayRoute): GatewayRouteView {
  const s = g.spec ?? {};
  const http = s.httpRoute ?? s.http2Route;
  const match = http ? describeHttpMatch(http.match) : describeGrpcMatch(s.grpcRoute?.match);
  const target = (http ?? s.grpcRoute)?.action?.target?.virtualService?.virtualServiceName ?? "?";
  const v: GatewayRouteView = { gatewayRouteName: g.gatewayRouteName, match, target };
  if (s.priority !== undefined) v.priority = s.priority;
  return v;
}

function buildNodeView(n: UiResources["virtualNodes"][number]): NodeView {
  const ports = (n.spec?.listeners ?? []).flatMap((l) => (l.portMapping?.port !== undefined ? [l.portMapping.port] : []));
  const dns = n.spec?.serviceDiscovery?.dns?.hostname;
  const upstream =
    dns !== undefined ? `${dns}${ports[0] !== undefined ? `:${ports[0]}` : ""}`
    : n.spec?.serviceDiscovery?.awsCloudMap ? "Cloud Map (not served at the edge)"
    : "no service discovery";
  return { virtualNodeName: n.virtualNodeName, upstream, ports };
}

/** Turns all resources of one mesh into what the dashboard draws, sorted for stable output. */
export function buildMeshView(r: UiResources): MeshView {
  const routes = r.routes.map(buildRouteView);
  const gatewayRoutes = r.gatewayRoutes;
  return {
    meshName: r.mesh.meshName,
    version: r.mesh.metadata?.version ?? 0,
    gateways: r.virtualGateways
      .map((g) => ({
        virtualGatewayName: g.virtualGatewayName,
        ports: (g.spec?.listeners ?? []).flatMap((l) => (l.portMapping?.port !== undefined ? [l.portMapping.port] : [])),
        routes: gatewayRoutes
          .filter((gr) => gr.virtualGatewayName === g.virtualGatewayName)
          .map(buildGatewayRouteView)
          .sort((a, b) => byPriority({ ...a, name: a.gatewayRouteName }, { ...b, name: b.gatewayRouteName })),
      }))
      .sort((a, b) => byName(a.virtualGatewayName, b.virtualGatewayName)),
    services: r.virtualServices
      .map((s) => {
        const p = s.spec?.provider;
        const provider =
          p?.virtualRouter?.virtualRouterName ? `router:${p.virtualRouter.virtualRouterName}`
          : p?.virtualNode?.virtualNodeName ? `node:${p.virtualNode.virtualNodeName}`
          : "none";
        return { virtualServiceName: s.virtualServiceName, provider };
      })
      .sort((a, b) => byName(a.virtualServiceName, b.virtualServiceName)),
    routers: r.virtualRouters
      .map((vr) => ({
        virtualRouterName: vr.virtualRouterName,
        ports: (vr.spec?.listeners ?? []).flatMap((l) => (l.portMapping?.port !== undefined ? [l.portMapping.port] : [])),
        routes: routes
          .filter((rt) => rt.virtualRouterName === vr.virtualRouterName)
          .sort((a, b) => byPriority({ ...a, name: a.routeName }, { ...b, name: b.routeName })),
      }))
      .sort((a, b) => byName(a.virtualRouterName, b.virtualRouterName)),
    nodes: r.virtualNodes.map(buildNodeView).sort((a, b) => byName(a.virtualNodeName, b.virtualNodeName)),
  };
}
