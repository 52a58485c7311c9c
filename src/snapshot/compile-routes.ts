import { compileRouteTable } from "../routing";
import { nameDict } from "../shared/name-dict";
import type { Duration, GrpcRoute, HttpRoute, RouteData, TcpRoute } from "../schema";
import { compileRetry } from "./compile-retry";
import { durationMs } from "../shared/duration";
import type { SnapshotPort, SnapshotRoute, SnapshotRouter } from "./types";

type AnyRoute = HttpRoute | GrpcRoute | TcpRoute;

function routeKind(spec: RouteData["spec"]): [SnapshotRoute["protocol"], AnyRoute] | null {
  if (spec.httpRoute) return ["http", spec.httpRoute];
  if (spec.http2Route) return ["http2", spec.http2Route];
  if (spec.grpcRoute) return ["grpc", spec.grpcRoute];
  if (spec.tcpRoute) return ["tcp", spec.tcpRoute];
  return null;
}

/** One route reduced to what the proxy needs after the match: retries and timeouts. */
function compileRoute(r: RouteData): SnapshotRoute | null {
  const kind = routeKind(r.spec);
  if (!kind) return null;
  const [protocol, route] = kind;
  return {
    name: r.routeName,
    protocol,
    // tcp routes have no retry policy in App Mesh; they still get the default connect retries.
    retry: compileRetry("retryPolicy" in route ? route.retryPolicy : undefined),
    perRequestMs: durationMs((route.timeout as { perRequest?: Duration } | undefined)?.perRequest),
    idleMs: durationMs((route.timeout as { idle?: Duration } | undefined)?.idle),
  };
}

/**
 * The routes of one virtual router: the route table of `src/routing` plus per-route policy.
 * A route the evaluator cannot compile (the control plane rejects those on write, so only
 * data written by an older version) is left out rather than failing the whole mesh.
 */
export function compileRouter(name: string, listeners: SnapshotPort[], routes: RouteData[]): SnapshotRouter {
  const table = compileRouteTable(routes, { skipRefused: true });
  const served = new Set(table.entries.map((e) => e.name));
  const policies: [string, SnapshotRoute][] = [];
  for (const r of routes) {
    const c = served.has(r.routeName) ? compileRoute(r) : null;
    if (c) policies.push([c.name, c]);
  }
  return { name, listeners, routes: nameDict(policies), table };
}
