/**
 * Compiles a virtual router's routes into a `RouteTableSnapshot`: conditions in plain data,
 * entries sorted into evaluation order (see rank.ts). Runs in the Durable Object on writes.
 */
import { grpcPathCondition, headerConditions, httpPathCondition, queryConditions } from "./compile-conditions";
import { compileEach, RouteCompileError } from "./errors";
import { sortByRank } from "./rank";
import type { RouteSpec } from "./spec";
import type { CompileTableOptions, RouteEntrySnapshot, RouteTableSnapshot } from "./types";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** One route's snapshot entry. Throws `RouteCompileError` for a spec that cannot be evaluated. */
function compileRouteEntry(routeName: string, spec: RouteSpec): RouteEntrySnapshot {
  const entry = compileMatch(routeName, spec);
  if (spec.priority !== undefined) entry.priority = spec.priority;
  return entry;
}

function compileMatch(name: string, spec: RouteSpec): Mutable<RouteEntrySnapshot> {
  // App Mesh accepts exactly one kind; should several be set, the first in this order wins.
  const http = spec.httpRoute ?? spec.http2Route;
  if (http !== undefined) {
    const protocol = spec.httpRoute !== undefined ? "http" : "http2";
    const m = http.match;
    const entry: Mutable<RouteEntrySnapshot> = {
      name,
      protocol,
      path: httpPathCondition(name, `${protocol}Route.match`, m.prefix, m.path),
      headers: headerConditions(name, `${protocol}Route.match.headers`, m.headers),
      query: queryConditions(m.queryParameters),
      targets: http.action.weightedTargets,
    };
    if (m.method !== undefined) entry.method = m.method;
    if (m.scheme !== undefined) entry.scheme = m.scheme;
    if (m.port !== undefined) entry.port = m.port;
    if (http.retryPolicy !== undefined) entry.retryPolicy = http.retryPolicy;
    if (http.timeout !== undefined) entry.timeout = http.timeout;
    return entry;
  }
  if (spec.grpcRoute !== undefined) {
    const g = spec.grpcRoute;
    const entry: Mutable<RouteEntrySnapshot> = {
      name,
      protocol: "grpc",
      path: grpcPathCondition(name, "grpcRoute.match", g.match.serviceName, g.match.methodName),
      headers: headerConditions(name, "grpcRoute.match.metadata", g.match.metadata),
      query: [],
      targets: g.action.weightedTargets,
    };
    if (g.match.port !== undefined) entry.port = g.match.port;
    if (g.retryPolicy !== undefined) entry.retryPolicy = g.retryPolicy;
    if (g.timeout !== undefined) entry.timeout = g.timeout;
    return entry;
  }
  if (spec.tcpRoute !== undefined) {
    const t = spec.tcpRoute;
    const entry: Mutable<RouteEntrySnapshot> = {
      name,
      protocol: "tcp",
      path: { kind: "any", value: "" },
      headers: [],
      query: [],
      targets: t.action.weightedTargets,
    };
    if (t.match?.port !== undefined) entry.port = t.match.port;
    if (t.timeout !== undefined) entry.timeout = t.timeout;
    return entry;
  }
  throw new RouteCompileError(name, "spec", "no httpRoute, http2Route, grpcRoute or tcpRoute");
}

/**
 * Compiles routes into a plain, JSON-serializable snapshot in evaluation order.
 * Throws `RouteCompileError` (naming the route and field) for a spec that cannot be evaluated,
 * unless `options.skipRefused` leaves such routes out.
 */
export function compileRouteTable(
  routes: readonly { readonly routeName: string; readonly spec: RouteSpec }[],
  options: CompileTableOptions = {},
): RouteTableSnapshot {
  const entries = compileEach(routes, (r) => compileRouteEntry(r.routeName, r.spec), options.skipRefused);
  return { format: 1, entries: sortByRank(entries) };
}

/** Why a route spec cannot be compiled (for the control plane's validation), or undefined. */
export function routeSpecProblem(routeName: string, spec: RouteSpec): string | undefined {
  try {
    compileRouteEntry(routeName, spec);
    return undefined;
  } catch (err) {
    if (err instanceof RouteCompileError) return err.message;
    throw err;
  }
}
