import { compileRouteTable, routeSpecProblem } from "../routing";
import type { Duration, GrpcRoute, HttpRoute, RouteData, TcpRoute } from "../schema";
import { compileRetry } from "./compile-retry";
import { durationMs } from "./duration";
import type { SnapshotPort, SnapshotRoute, SnapshotRouter } from "./types";

type AnyRoute = HttpRoute | GrpcRoute | TcpRoute;
type RouteInput = Parameters<typeof compileRouteTable>[0][number];

function routeKind(spec: RouteData["spec"]): [SnapshotRoute["protocol"], AnyRoute] | null {
  if (spec.httpRoute) return ["http", spec.httpRoute];
  if (spec.http2Route) return ["http2", spec.http2Route];
  if (spec.grpcRoute) return ["grpc", spec.grpcRoute];
  if (spec.tcpRoute) return ["tcp", spec.tcpRoute];
  return null;
}

/** One route reduced to what the proxy needs after the match: retries and timeouts. */
export function compileRoute(r: RouteData): SnapshotRoute | null {
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
  // The generated valibot types allow explicit `undefined` members; routing's do not.
  const usable = (routes as unknown as RouteInput[]).filter((r) => routeSpecProblem(r.routeName, r.spec) === undefined);
  const policies: Record<string, SnapshotRoute> = {};
  for (const r of usable) {
    const c = compileRoute(r as unknown as RouteData);
    if (c) policies[c.name] = c;
  }
  return { name, listeners, routes: policies, table: compileRouteTable(usable) };
}
