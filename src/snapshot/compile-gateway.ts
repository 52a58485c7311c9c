import { byPriorityThenName } from "./compile-routes";
import type { AnyGatewayRoute, GatewayRouteData } from "./resource-types";
import type { SnapshotGatewayRoute } from "./types";

function kind(spec: GatewayRouteData["spec"]): [SnapshotGatewayRoute["protocol"], AnyGatewayRoute] | null {
  if (spec.httpRoute) return ["http", spec.httpRoute];
  if (spec.http2Route) return ["http2", spec.http2Route];
  if (spec.grpcRoute) return ["grpc", spec.grpcRoute];
  return null;
}

/**
 * One gateway route with its rewrites resolved to App Mesh's defaults: a prefix match rewrites
 * the matched prefix to "/" (or `rewrite.prefix.value`) unless `defaultPrefix` is DISABLED, and
 * the Host becomes the target virtual service's name unless `defaultTargetHostname` is DISABLED.
 */
export function compileGatewayRoute(g: GatewayRouteData): SnapshotGatewayRoute | null {
  const k = kind(g.spec);
  if (!k) return null;
  const [protocol, route] = k;
  const match = (route.match ?? {}) as { prefix?: unknown };
  const rw = route.action.rewrite;
  const matchPrefix = typeof match.prefix === "string" ? match.prefix : null;
  const prefixValue = protocol === "grpc" ? null : (rw?.prefix?.value ?? null);
  return {
    name: g.gatewayRouteName,
    protocol,
    priority: typeof g.spec.priority === "number" ? g.spec.priority : null,
    targetService: route.action.target.virtualService.virtualServiceName,
    targetPort: typeof route.action.target.port === "number" ? route.action.target.port : null,
    matchPrefix,
    rewritePrefix:
      protocol !== "grpc" && matchPrefix !== null && (prefixValue !== null || rw?.prefix?.defaultPrefix !== "DISABLED"),
    prefixValue,
    pathExact: protocol === "grpc" ? null : (rw?.path?.exact ?? null),
    rewriteHost: rw?.hostname?.defaultTargetHostname !== "DISABLED",
    match: route.match ?? null,
  };
}

/** The gateway routes of one virtual gateway in evaluation order. */
export function compileGatewayRoutes(routes: GatewayRouteData[]): SnapshotGatewayRoute[] {
  const out: SnapshotGatewayRoute[] = [];
  for (const r of routes) {
    const c = compileGatewayRoute(r);
    if (c) out.push(c);
  }
  return out.sort(byPriorityThenName);
}
