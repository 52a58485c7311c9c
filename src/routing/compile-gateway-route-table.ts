/**
 * Compiles a virtual gateway's gateway routes into a `GatewayRouteTableSnapshot`, resolving the
 * App Mesh rewrite defaults at compile time:
 *   - prefix match: the matched prefix is replaced by `/` unless `rewrite.prefix.defaultPrefix`
 *     is DISABLED; `rewrite.prefix.value` replaces it by that value instead;
 *   - `rewrite.path.exact` replaces the whole path;
 *   - Host becomes the target virtual service's name unless
 *     `rewrite.hostname.defaultTargetHostname` is DISABLED.
 * gRPC gateway routes never rewrite the path (it names the gRPC method).
 */
import { grpcPathCondition, headerConditions, httpPathCondition, queryConditions } from "./compile-conditions";
import { compileEach, RouteCompileError } from "./errors";
import { sortByRank } from "./rank";
import type { GatewayRouteHostnameMatch, GatewayRouteHostnameRewrite, GatewayRouteSpec } from "./spec";
import type { CompileTableOptions, GatewayRewrite, GatewayRouteEntrySnapshot, GatewayRouteTableSnapshot, MatchConditions } from "./types";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function hostnameCondition(h: GatewayRouteHostnameMatch | undefined): MatchConditions["hostname"] {
  if (h?.exact !== undefined) return { kind: "exact", value: h.exact.toLowerCase() };
  if (h?.suffix !== undefined) return { kind: "suffix", value: h.suffix.toLowerCase() };
  return undefined;
}

function hostRewrite(rw: GatewayRouteHostnameRewrite | undefined, service: string): Mutable<GatewayRewrite> {
  return rw?.defaultTargetHostname === "DISABLED" ? {} : { host: service };
}

/** One gateway route's snapshot entry. Throws `RouteCompileError` for a spec that cannot be evaluated. */
function compileGatewayRouteEntry(name: string, spec: GatewayRouteSpec): GatewayRouteEntrySnapshot {
  let entry: Mutable<GatewayRouteEntrySnapshot>;
  const http = spec.httpRoute ?? spec.http2Route;
  if (http !== undefined) {
    const protocol = spec.httpRoute !== undefined ? "http" : "http2";
    const { match: m, action } = http;
    const service = action.target.virtualService.virtualServiceName;
    const path = httpPathCondition(name, `${protocol}Route.match`, m.prefix, m.path);
    const rewrite = hostRewrite(action.rewrite?.hostname, service);
    const prefixRw = action.rewrite?.prefix;
    if (action.rewrite?.path?.exact !== undefined) rewrite.exactPath = action.rewrite.path.exact;
    else if (path.kind === "prefix" && prefixRw?.value !== undefined) rewrite.prefix = prefixRw.value;
    else if (path.kind === "prefix" && prefixRw?.defaultPrefix !== "DISABLED") rewrite.prefix = "/";
    entry = {
      name,
      protocol,
      path,
      headers: headerConditions(name, `${protocol}Route.match.headers`, m.headers),
      query: queryConditions(m.queryParameters),
      virtualServiceName: service,
      rewrite,
    };
    if (m.method !== undefined) entry.method = m.method;
    if (m.port !== undefined) entry.port = m.port;
    const host = hostnameCondition(m.hostname);
    if (host !== undefined) entry.hostname = host;
    if (action.target.port !== undefined) entry.targetPort = action.target.port;
  } else if (spec.grpcRoute !== undefined) {
    const { match: m, action } = spec.grpcRoute;
    const service = action.target.virtualService.virtualServiceName;
    entry = {
      name,
      protocol: "grpc",
      path: grpcPathCondition(name, "grpcRoute.match", m.serviceName, undefined),
      headers: headerConditions(name, "grpcRoute.match.metadata", m.metadata),
      query: [],
      virtualServiceName: service,
      rewrite: hostRewrite(action.rewrite?.hostname, service),
    };
    if (m.port !== undefined) entry.port = m.port;
    const host = hostnameCondition(m.hostname);
    if (host !== undefined) entry.hostname = host;
    if (action.target.port !== undefined) entry.targetPort = action.target.port;
  } else {
    throw new RouteCompileError(name, "spec", "no httpRoute, http2Route or grpcRoute");
  }
  if (spec.priority !== undefined) entry.priority = spec.priority;
  return entry;
}

/**
 * Compiles gateway routes into a plain, JSON-serializable snapshot in evaluation order; throws
 * `RouteCompileError` like `compileRouteTable`, unless `options.skipRefused` leaves them out.
 */
export function compileGatewayRouteTable(
  routes: readonly { readonly gatewayRouteName: string; readonly spec: GatewayRouteSpec }[],
  options: CompileTableOptions = {},
): GatewayRouteTableSnapshot {
  const entries = compileEach(routes, (r) => compileGatewayRouteEntry(r.gatewayRouteName, r.spec), options.skipRefused);
  return { format: 1, entries: sortByRank(entries) };
}

/** Why a gateway route spec cannot be compiled, or undefined. */
export function gatewayRouteSpecProblem(name: string, spec: GatewayRouteSpec): string | undefined {
  try {
    compileGatewayRouteEntry(name, spec);
    return undefined;
  } catch (err) {
    if (err instanceof RouteCompileError) return err.message;
    throw err;
  }
}
