/**
 * The obviously-correct linear evaluator: reads the specs directly, sorts them with the
 * documented order and tries each route in turn. It shares no matching code with the compiled
 * table (only re2js), so the contract tests and the randomized comparison check one against the
 * other. Not for production: cost grows with the number of routes.
 */
import { RE2JS } from "re2js";
import type { GatewayRouteHostnameMatch, GatewayRouteSpec, HttpPathMatch, HttpQueryParameter, HttpRouteHeader, RouteSpec } from "./spec";
import type { GatewayMatchRequest, GatewayRouteMatch, GatewayRouteTable, MatchRequest, RouteMatch, RouteProtocol, RouteTable } from "./types";

// Compiling is the slow part of re2js; a memo keeps the reference quick enough for big comparisons.
const regexCache = new Map<string, RE2JS>();
function fullMatch(pattern: string, input: string): boolean {
  let re = regexCache.get(pattern);
  if (re === undefined) regexCache.set(pattern, (re = RE2JS.compile(pattern)));
  return re.matches(input);
}

interface Candidate {
  name: string;
  protocol: RouteProtocol;
  priority: number | undefined;
  pathKind: "exact" | "regex" | "prefix" | "any";
  pathValue: string;
  conditions: number;
  test(req: MatchRequest, host: string): boolean;
}

function headerOk(h: HttpRouteHeader, req: MatchRequest): boolean {
  const v = req.headers.get(h.name);
  const invert = h.invert === true;
  const m = h.match;
  const isPresence = m === undefined || Object.values(m).every((x) => x === undefined);
  if (v === null) return isPresence && invert;
  let ok = true;
  if (m?.exact !== undefined) ok = v === m.exact;
  else if (m?.prefix !== undefined) ok = v.startsWith(m.prefix);
  else if (m?.suffix !== undefined) ok = v.endsWith(m.suffix);
  else if (m?.regex !== undefined) ok = fullMatch(m.regex, v);
  else if (m?.range !== undefined) ok = /^[+-]?[0-9]+$/.test(v) && Number(v) >= m.range.start && Number(v) < m.range.end;
  return invert ? !ok : ok;
}

function queryOk(q: HttpQueryParameter, query: string): boolean {
  const pairs = query === "" ? [] : query.split("&");
  const first = pairs.find((p) => p === q.name || p.startsWith(`${q.name}=`));
  if (first === undefined) return false;
  const value = first === q.name ? "" : first.slice(q.name.length + 1);
  return q.match?.exact === undefined || q.match.exact === value;
}

function pathOk(kind: Candidate["pathKind"], value: string, path: string): boolean {
  if (kind === "exact") return path === value;
  if (kind === "prefix") return path.startsWith(value);
  if (kind === "regex") return fullMatch(value, path);
  return true;
}

function common(
  name: string,
  protocol: RouteProtocol,
  priority: number | undefined,
  path: { kind: Candidate["pathKind"]; value: string },
  m: {
    method?: string | undefined;
    scheme?: string | undefined;
    port?: number | undefined;
    headers?: readonly HttpRouteHeader[] | undefined;
    query?: readonly HttpQueryParameter[] | undefined;
    host?: GatewayRouteHostnameMatch | undefined;
  },
): Candidate {
  const headers = m.headers ?? [];
  const query = m.query ?? [];
  const count = headers.length + query.length + [m.method, m.scheme, m.port, m.host].filter((x) => x !== undefined).length;
  return {
    name, protocol, priority, pathKind: path.kind, pathValue: path.value, conditions: count,
    test(req, host) {
      if (req.protocol !== protocol) return false;
      if (!pathOk(path.kind, path.value, req.path)) return false;
      if (m.method !== undefined && m.method !== req.method) return false;
      if (m.scheme !== undefined && m.scheme !== req.scheme) return false;
      if (m.port !== undefined && m.port !== req.port) return false;
      if (m.host?.exact !== undefined && host !== m.host.exact.toLowerCase()) return false;
      if (m.host?.exact === undefined && m.host?.suffix !== undefined && !host.endsWith(m.host.suffix.toLowerCase())) return false;
      return headers.every((h) => headerOk(h, req)) && query.every((q) => queryOk(q, req.query));
    },
  };
}

function httpPath(prefix: string | undefined, path: HttpPathMatch | undefined): { kind: Candidate["pathKind"]; value: string } {
  if (path?.exact !== undefined) return { kind: "exact", value: path.exact };
  if (path?.regex !== undefined) return { kind: "regex", value: path.regex };
  if (prefix !== undefined) return { kind: "prefix", value: prefix };
  return { kind: "any", value: "" };
}

function grpcPath(service: string | undefined, method: string | undefined): { kind: Candidate["pathKind"]; value: string } {
  if (service === undefined) return { kind: "any", value: "" };
  return method === undefined ? { kind: "prefix", value: `/${service}/` } : { kind: "exact", value: `/${service}/${method}` };
}

const KIND_RANK = ["exact", "regex", "prefix", "any"];

/** The documented order (rank.ts), written out as one comparator over the candidates. */
function ordered<T extends { c: Candidate; position: number }>(items: T[]): T[] {
  return items.sort((a, b) => {
    const pa = a.c.priority ?? 1001;
    const pb = b.c.priority ?? 1001;
    if (pa !== pb) return pa - pb;
    const ka = KIND_RANK.indexOf(a.c.pathKind);
    const kb = KIND_RANK.indexOf(b.c.pathKind);
    if (ka !== kb) return ka - kb;
    if (a.c.pathValue.length !== b.c.pathValue.length) return b.c.pathValue.length - a.c.pathValue.length;
    if (a.c.conditions !== b.c.conditions) return b.c.conditions - a.c.conditions;
    if (a.c.name !== b.c.name) return a.c.name < b.c.name ? -1 : 1;
    return a.position - b.position;
  });
}

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
      const result: { -readonly [K in keyof RouteMatch]: RouteMatch[K] } = { routeName: hit.c.name, protocol: hit.c.protocol, targets, index };
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
function rewrite(c: Candidate, s: GatewayRouteSpec, req: GatewayMatchRequest): { path: string; host: string; service: string; port?: number } {
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
        gatewayRouteName: hit.c.name, protocol: hit.c.protocol, virtualServiceName: rw.service, index, path: rw.path, host: rw.host,
      };
      if (rw.port !== undefined) result.port = rw.port;
      return result;
    },
  };
}
