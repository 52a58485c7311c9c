import { compileRetry } from "./compile-retry";
import { durationMs } from "./duration";
import type { AnyRoute, RouteData } from "./resource-types";
import type { SnapshotRoute } from "./types";

/** Priority ascending, routes without priority after all others, then by name (deterministic). */
export function byPriorityThenName(
  a: { priority: number | null; name: string },
  b: { priority: number | null; name: string },
): number {
  const pa = a.priority ?? Number.POSITIVE_INFINITY;
  const pb = b.priority ?? Number.POSITIVE_INFINITY;
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function routeKind(spec: RouteData["spec"]): [SnapshotRoute["protocol"], AnyRoute] | null {
  if (spec.httpRoute) return ["http", spec.httpRoute];
  if (spec.http2Route) return ["http2", spec.http2Route];
  if (spec.grpcRoute) return ["grpc", spec.grpcRoute];
  if (spec.tcpRoute) return ["tcp", spec.tcpRoute];
  return null;
}

/** One route reduced to what the proxy needs after the match: targets, retries, timeouts. */
export function compileRoute(r: RouteData): SnapshotRoute | null {
  const kind = routeKind(r.spec);
  if (!kind) return null;
  const [protocol, route] = kind;
  return {
    name: r.routeName,
    protocol,
    priority: typeof r.spec.priority === "number" ? r.spec.priority : null,
    targets: route.action.weightedTargets.map((t) => ({
      virtualNode: t.virtualNode,
      weight: t.weight,
      port: typeof t.port === "number" ? t.port : null,
    })),
    // tcp routes have no retry policy in App Mesh; they still get the default connect retries.
    retry: compileRetry(protocol === "tcp" ? undefined : route.retryPolicy),
    perRequestMs: durationMs(route.timeout?.perRequest),
    idleMs: durationMs(route.timeout?.idle),
    match: route.match ?? null,
  };
}

/** The routes of one router in evaluation order. */
export function compileRoutes(routes: RouteData[]): SnapshotRoute[] {
  const out: SnapshotRoute[] = [];
  for (const r of routes) {
    const c = compileRoute(r);
    if (c) out.push(c);
  }
  return out.sort(byPriorityThenName);
}
