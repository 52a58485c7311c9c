/** Small builders shared by the routing tests (not shipped code paths). */
import type { GatewayRouteSpec, HttpRouteMatch, RouteSpec, WeightedTarget } from "../spec";
import type { GatewayMatchRequest, MatchRequest, RouteProtocol } from "../types";

export type NamedRoute = { routeName: string; spec: RouteSpec };
export type NamedGatewayRoute = { gatewayRouteName: string; spec: GatewayRouteSpec };

/** One target named after the route, so a match result says which route won. */
export function targetsOf(name: string): WeightedTarget[] {
  return [{ virtualNode: `${name}-node`, weight: 1 }];
}

/** An httpRoute (or http2Route) with an optional priority. */
export function httpRoute(
  routeName: string,
  match: HttpRouteMatch,
  priority?: number,
  kind: "httpRoute" | "http2Route" = "httpRoute",
): NamedRoute {
  const spec: RouteSpec = { [kind]: { match, action: { weightedTargets: targetsOf(routeName) } } };
  return { routeName, spec: priority === undefined ? spec : { ...spec, priority } };
}

export interface RequestOptions {
  protocol?: RouteProtocol;
  method?: string;
  scheme?: "http" | "https";
  query?: string;
  headers?: [string, string][];
  port?: number;
}

/** A MatchRequest with defaults: http GET http://…:80, no query, no headers. */
export function request(path: string, o: RequestOptions = {}): MatchRequest {
  const headers = new Headers();
  for (const [k, v] of o.headers ?? []) headers.append(k, v);
  return {
    protocol: o.protocol ?? "http",
    method: o.method ?? "GET",
    scheme: o.scheme ?? "http",
    path,
    query: o.query ?? "",
    headers,
    port: o.port ?? 80,
  };
}

/** A gateway request: `request` plus a Host. */
export function gatewayRequest(path: string, host: string, o: RequestOptions = {}): GatewayMatchRequest {
  return { ...request(path, o), host };
}
