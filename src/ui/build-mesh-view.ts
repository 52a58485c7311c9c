import { compileGatewayRouteTable, compileRouteTable, type GatewayRouteSpec, type RouteSpec } from "../routing";
import { describeGrpcMatch, describeHttpMatch } from "./describe-match";
import type { UiGatewayRoute, UiResources, UiRoute } from "./resource-input";
import { routeSettings, type UiRoutePolicy } from "./route-settings";
import type { GatewayRouteView, MeshView, NodeView, RouteView, TargetView } from "./view-types";

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Compares names by their position in a compiled table (the evaluation order of src/routing's
 * rank.ts: priority, then path kind, length, conditions, name). A name the table lacks (a route
 * the evaluator refuses, so never served) comes after the others, by name.
 */
function byEvaluationOrder(entries: readonly { readonly name: string }[]): (a: string, b: string) => number {
  const position = new Map(entries.map((e, i) => [e.name, i]));
  return (a, b) => (position.get(a) ?? entries.length) - (position.get(b) ?? entries.length) || byName(a, b);
}

/** One virtual router's routes compiled as the snapshot compiles them (refused routes left out). */
function routeOrder(routes: readonly UiRoute[]): (a: string, b: string) => number {
  // The Durable Object hands out the API's validated shapes; UiRoute only declares less of them.
  const inputs = routes.map((r) => ({ routeName: r.routeName, spec: (r.spec ?? {}) as unknown as RouteSpec }));
  return byEvaluationOrder(compileRouteTable(inputs, { skipRefused: true }).entries);
}

/** The same for one virtual gateway's gateway routes. */
function gatewayRouteOrder(routes: readonly UiGatewayRoute[]): (a: string, b: string) => number {
  const inputs = routes.map((r) => ({ gatewayRouteName: r.gatewayRouteName, spec: (r.spec ?? {}) as unknown as GatewayRouteSpec }));
  return byEvaluationOrder(compileGatewayRouteTable(inputs, { skipRefused: true }).entries);
}

/** Weighted targets with each one's share in percent (one decimal). */
function targetsWithPercent(targets: readonly { virtualNode: string; weight: number }[]): TargetView[] {
  let total = 0;
  for (const t of targets) total += t.weight;
  return targets.map((t) => ({
    virtualNode: t.virtualNode,
    weight: t.weight,
    percent: total > 0 ? Math.round((t.weight / total) * 1000) / 10 : 0,
  }));
}

/** Summarises one route: protocol, match text, targets, settings (with its policy, when given). */
export function buildRouteView(r: UiRoute, policy?: UiRoutePolicy): RouteView {
  const s = r.spec ?? {};
  const [protocol, match, targets] = s.httpRoute
    ? (["http", describeHttpMatch(s.httpRoute.match), s.httpRoute.action?.weightedTargets] as const)
    : s.http2Route
      ? (["http2", describeHttpMatch(s.http2Route.match), s.http2Route.action?.weightedTargets] as const)
      : s.grpcRoute
        ? (["grpc", describeGrpcMatch(s.grpcRoute.match), s.grpcRoute.action?.weightedTargets] as const)
        : s.tcpRoute
          ? ([
              "tcp",
              s.tcpRoute.match?.port !== undefined ? `port ${s.tcpRoute.match.port}` : "any connection",
              s.tcpRoute.action?.weightedTargets,
            ] as const)
          : (["unknown", "no match", undefined] as const);
  const v: RouteView = {
    key: `${r.virtualRouterName}/${r.routeName}`,
    routeName: r.routeName,
    protocol,
    match,
    targets: targetsWithPercent(targets ?? []),
    version: r.metadata?.version ?? 0,
    settings: routeSettings(r, policy),
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

/** The ports of a node's, router's or gateway's listeners. */
function listenerPorts(x: { spec?: { listeners?: { portMapping?: { port?: number } }[] } }): number[] {
  return (x.spec?.listeners ?? []).flatMap((l) => (l.portMapping?.port !== undefined ? [l.portMapping.port] : []));
}

function buildNodeView(n: UiResources["virtualNodes"][number]): NodeView {
  const ports = listenerPorts(n);
  const dns = n.spec?.serviceDiscovery?.dns?.hostname;
  const upstream =
    dns !== undefined
      ? `${dns}${ports[0] !== undefined ? `:${ports[0]}` : ""}`
      : n.spec?.serviceDiscovery?.awsCloudMap
        ? "Cloud Map (not served at the edge)"
        : "no service discovery";
  return { virtualNodeName: n.virtualNodeName, upstream };
}

/**
 * Turns all resources of one mesh into what the dashboard draws, sorted for stable output; the
 * routes of a router (and of a gateway) in the order the data plane evaluates them.
 */
export function buildMeshView(r: UiResources, policies: readonly UiRoutePolicy[] = []): MeshView {
  const policyOf = (rt: UiRoute) => policies.find((p) => p.virtualRouterName === rt.virtualRouterName && p.routeName === rt.routeName);
  return {
    meshName: r.mesh.meshName,
    gateways: r.virtualGateways
      .map((g) => {
        const mine = r.gatewayRoutes.filter((gr) => gr.virtualGatewayName === g.virtualGatewayName);
        const order = gatewayRouteOrder(mine);
        return {
          virtualGatewayName: g.virtualGatewayName,
          ports: listenerPorts(g),
          routes: mine.map(buildGatewayRouteView).sort((a, b) => order(a.gatewayRouteName, b.gatewayRouteName)),
        };
      })
      .sort((a, b) => byName(a.virtualGatewayName, b.virtualGatewayName)),
    services: r.virtualServices
      .map((s) => {
        const p = s.spec?.provider;
        const provider = p?.virtualRouter?.virtualRouterName
          ? `router:${p.virtualRouter.virtualRouterName}`
          : p?.virtualNode?.virtualNodeName
            ? `node:${p.virtualNode.virtualNodeName}`
            : "none";
        return { virtualServiceName: s.virtualServiceName, provider };
      })
      .sort((a, b) => byName(a.virtualServiceName, b.virtualServiceName)),
    routers: r.virtualRouters
      .map((vr) => {
        const mine = r.routes.filter((rt) => rt.virtualRouterName === vr.virtualRouterName);
        const order = routeOrder(mine);
        return {
          virtualRouterName: vr.virtualRouterName,
          ports: listenerPorts(vr),
          routes: mine.map((rt) => buildRouteView(rt, policyOf(rt))).sort((a, b) => order(a.routeName, b.routeName)),
        };
      })
      .sort((a, b) => byName(a.virtualRouterName, b.virtualRouterName)),
    nodes: r.virtualNodes.map(buildNodeView).sort((a, b) => byName(a.virtualNodeName, b.virtualNodeName)),
  };
}
