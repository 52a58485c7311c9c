/**
 * Building blocks of the linear reference evaluator (reference-evaluator.ts): one candidate per
 * route with a plain predicate over the request, and the documented order as one comparator.
 * Written straight from the semantics, sharing no code with the compiled table.
 */
import { RE2JS } from "re2js";
import type { GatewayRouteHostnameMatch, HttpPathMatch, HttpQueryParameter, HttpRouteHeader } from "./spec";
import type { MatchRequest, RouteProtocol } from "./types";

// Compiling is the slow part of re2js; a memo keeps the reference quick enough for big comparisons.
const regexCache = new Map<string, RE2JS>();
function fullMatch(pattern: string, input: string): boolean {
  let re = regexCache.get(pattern);
  if (re === undefined) regexCache.set(pattern, (re = RE2JS.compile(pattern)));
  return re.matches(input);
}

/** One route as the reference sees it. */
export interface Candidate {
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

/** A candidate from the parts every route kind shares. */
export function common(
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
    name,
    protocol,
    priority,
    pathKind: path.kind,
    pathValue: path.value,
    conditions: count,
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

/** HTTP path condition, with the same precedence as the compiler documents. */
export function httpPath(prefix: string | undefined, path: HttpPathMatch | undefined): { kind: Candidate["pathKind"]; value: string } {
  if (path?.exact !== undefined) return { kind: "exact", value: path.exact };
  if (path?.regex !== undefined) return { kind: "regex", value: path.regex };
  if (prefix !== undefined) return { kind: "prefix", value: prefix };
  return { kind: "any", value: "" };
}

/** gRPC service / method as a path condition. */
export function grpcPath(service: string | undefined, method: string | undefined): { kind: Candidate["pathKind"]; value: string } {
  if (service === undefined) return { kind: "any", value: "" };
  return method === undefined ? { kind: "prefix", value: `/${service}/` } : { kind: "exact", value: `/${service}/${method}` };
}

const KIND_RANK = ["exact", "regex", "prefix", "any"];

/** The documented order (rank.ts), written out as one comparator over the candidates. */
export function ordered<T extends { c: Candidate; position: number }>(items: T[]): T[] {
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
