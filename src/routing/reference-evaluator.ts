/**
 * The obviously-correct linear evaluator: reads the specs directly, sorts them with the
 * documented order and tries each route in turn. It shares no matching code with the compiled
 * table (only re2js), so the contract tests and the randomized comparison check one against the
 * other. Not for production: cost grows with the number of routes.
 */
import { common, grpcPath, httpPath, ordered, type Candidate } from "./reference-candidate";
import type { GatewayRouteSpec, RouteSpec } from "./spec";
import type { GatewayMatchRequest, GatewayRouteMatch, GatewayRouteTable, MatchRequest, RouteMatch, RouteTable } from "./types";

function routeCandidate(name: string, s: RouteSpec): Candidate {
  const http = s.httpRoute ?? s.http2Route;
  if (http !== undefined) {
    const m = http.match;
    return common(name, s.httpRoute ? "http" : "http2", s.priority, httpPath(m.prefix, m.path), { ...m, query: m.queryParameters ?? [] });
  }
  if (s.grpcRoute !== undefined) {
    const m = s.grpcRoute.match;
    return common(name, "grpc", s.priority, grpcPath(m.serviceName, m.methodName), { ...m, headers: m.metadata ?? [] });
  }
  return common(name, "tcp", s.priority, { kind: "any", value: "" }, { ...s.tcpRoute?.match });
}

/** Linear reference for route tables (same interface as `loadRouteTable`). */
export function createReferenceRouteTable(routes: readonly { readonly routeName: string; readonly spec: RouteSpec }[]): RouteTable {
  const items = ordered(routes.map((r, position) => ({ c: routeCandidate(r.routeName, r.spec), position, spec: r.spec })));
  return {
    size: items.length,
    match(req: MatchRequest): RouteMatch | undefined {
      const index = items.findIndex((it) => it.c.test(req, ""));
      const hit = items[index];
      if (hit === undefined) return undefined;
      const s = hit.spec;
      const route = s.httpRoute ?? s.http2Route ?? s.grpcRoute;
      const targets = (route ?? s.tcpRoute)?.action.weightedTargets ?? [];
      const result: { -readonly [K in keyof RouteMatch]: RouteMatch[K] } = {
        routeName: hit.c.name,
        protocol: hit.c.protocol,
        targets,
        index,
      };
      if (route?.retryPolicy !== undefined) result.retryPolicy = route.retryPolicy;
      const timeout = (route ?? s.tcpRoute)?.timeout;
      if (timeout !== undefined) result.timeout = timeout;
      return result;
    },
  };
}

function gatewayCandidate(name: string, s: GatewayRouteSpec): Candidate {
  const http = s.httpRoute ?? s.http2Route;
  if (http !== undefined) {
    const m = http.match;
    const opts = { ...m, query: m.queryParameters ?? [] };
    if (m.hostname !== undefined) Object.assign(opts, { host: m.hostname });
    return common(name, s.httpRoute ? "http" : "http2", s.priority, httpPath(m.prefix, m.path), opts);
  }
  const m = s.grpcRoute?.match ?? {};
  const opts = { ...m, headers: m.metadata ?? [] };
  if (m.hostname !== undefined) Object.assign(opts, { host: m.hostname });
  return common(name, "grpc", s.priority, grpcPath(m.serviceName, undefined), opts);
}

/** The App Mesh rewrite rules, spelled out case by case. */
function rewrite(
  c: Candidate,
  s: GatewayRouteSpec,
  req: GatewayMatchRequest,
): { path: string; host: string; service: string; port?: number } {
  const action = (s.httpRoute ?? s.http2Route ?? s.grpcRoute)!.action;
  const service = action.target.virtualService.virtualServiceName;
  const host = action.rewrite?.hostname?.defaultTargetHostname === "DISABLED" ? req.host : service;
  let path = req.path;
  const httpRw = s.grpcRoute === undefined ? (s.httpRoute ?? s.http2Route)?.action.rewrite : undefined;
  if (httpRw?.path?.exact !== undefined) path = httpRw.path.exact;
  else if (s.grpcRoute === undefined && c.pathKind === "prefix") {
    const replacement = httpRw?.prefix?.value ?? (httpRw?.prefix?.defaultPrefix === "DISABLED" ? undefined : "/");
    if (replacement !== undefined) {
      const rest = req.path.substring(c.pathValue.length);
      if (rest === "") path = replacement;
      else if (rest.startsWith("/") && replacement.endsWith("/")) path = replacement + rest.substring(1);
      else path = replacement + rest;
    }
  }
  return action.target.port === undefined ? { path, host, service } : { path, host, service, port: action.target.port };
}

/** Linear reference for gateway route tables (same interface as `loadGatewayRouteTable`). */
export function createReferenceGatewayRouteTable(
  routes: readonly { readonly gatewayRouteName: string; readonly spec: GatewayRouteSpec }[],
): GatewayRouteTable {
  const items = ordered(routes.map((r, position) => ({ c: gatewayCandidate(r.gatewayRouteName, r.spec), position, spec: r.spec })));
  return {
    size: items.length,
    match(req: GatewayMatchRequest): GatewayRouteMatch | undefined {
      const host = req.host.replace(/:[0-9]*$/, "").toLowerCase();
      const index = items.findIndex((it) => it.c.test(req, host));
      const hit = items[index];
      if (hit === undefined) return undefined;
      const rw = rewrite(hit.c, hit.spec, req);
      const result: { -readonly [K in keyof GatewayRouteMatch]: GatewayRouteMatch[K] } = {
        gatewayRouteName: hit.c.name,
        protocol: hit.c.protocol,
        virtualServiceName: rw.service,
        index,
        path: rw.path,
        host: rw.host,
      };
      if (rw.port !== undefined) result.port = rw.port;
      return result;
    },
  };
}
