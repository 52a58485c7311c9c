/**
 * Runtime form of a snapshot entry's conditions: regexes compiled once (re2js), everything
 * else kept as flat fields so the check reads no nested objects and allocates nothing.
 */
import type { RE2JS } from "re2js";
import { queryParamMatches } from "./query-param";
import { compileUserRegex } from "./regex";
import type { HeaderCondition, HeaderLookup, MatchConditions, MatchRequest, QueryCondition } from "./types";

const INTEGER = /^[+-]?\d+$/;

interface LoadedHeader {
  readonly name: string;
  readonly invert: boolean;
  readonly kind: HeaderCondition["kind"];
  readonly value: string;
  readonly start: number;
  readonly end: number;
  readonly re: RE2JS | null;
}

function mustCompile(pattern: string): RE2JS {
  const re = compileUserRegex(pattern);
  // Snapshots are compiled by compileRouteTable, which already refused bad patterns.
  if (typeof re === "string") throw new Error(`snapshot holds a refused regex: ${re}`);
  return re;
}

/** The per-entry runtime check. */
export class LoadedConditions {
  readonly pathRe: RE2JS | null;
  readonly method: string | null;
  readonly scheme: string | null;
  readonly port: number;
  readonly hostKind: 0 | 1 | 2; // none, exact, suffix
  readonly hostValue: string;
  readonly headers: readonly LoadedHeader[];
  readonly query: readonly QueryCondition[];
  /** True when the index already decides: no condition beyond an exact or prefix path. */
  readonly trivial: boolean;

  constructor(c: MatchConditions) {
    this.pathRe = c.path.kind === "regex" ? mustCompile(c.path.value) : null;
    this.method = c.method ?? null;
    this.scheme = c.scheme ?? null;
    this.port = c.port ?? -1;
    this.hostKind = c.hostname === undefined ? 0 : c.hostname.kind === "exact" ? 1 : 2;
    this.hostValue = c.hostname?.value ?? "";
    this.headers = c.headers.map((h) => ({
      name: h.name,
      invert: h.invert,
      kind: h.kind,
      value: h.value,
      start: h.start ?? 0,
      end: h.end ?? 0,
      re: h.kind === "regex" ? mustCompile(h.value) : null,
    }));
    this.query = c.query;
    this.trivial =
      this.pathRe === null &&
      this.method === null &&
      this.scheme === null &&
      this.port === -1 &&
      this.hostKind === 0 &&
      this.headers.length === 0 &&
      this.query.length === 0;
  }

  /** Every condition except the indexed part of the path (exact / prefix) and the hostname. */
  check(req: MatchRequest): boolean {
    if (this.method !== null && req.method !== this.method) return false;
    if (this.scheme !== null && req.scheme !== this.scheme) return false;
    if (this.port !== -1 && req.port !== this.port) return false;
    if (this.pathRe !== null && !this.pathRe.testExact(req.path)) return false;
    const hs = this.headers;
    for (let i = 0; i < hs.length; i++) if (!headerMatches(hs[i]!, req.headers)) return false;
    const qs = this.query;
    for (let i = 0; i < qs.length; i++) {
      const q = qs[i]!;
      if (!queryParamMatches(req.query, q.name, q.value)) return false;
    }
    return true;
  }

  /** Hostname condition against a lower-cased Host without port. */
  checkHost(host: string): boolean {
    if (this.hostKind === 0) return true;
    return this.hostKind === 1 ? host === this.hostValue : host.endsWith(this.hostValue);
  }
}

/**
 * Envoy's header matcher: a missing header matches only an inverted presence check; otherwise
 * the value is tested and `invert` flips the result. Range takes a base-10 integer, [start, end).
 */
function headerMatches(h: LoadedHeader, headers: HeaderLookup): boolean {
  const v = headers.get(h.name);
  if (v === null) return h.kind === "present" && h.invert;
  let ok: boolean;
  switch (h.kind) {
    case "present":
      ok = true;
      break;
    case "exact":
      ok = v === h.value;
      break;
    case "prefix":
      ok = v.startsWith(h.value);
      break;
    case "suffix":
      ok = v.endsWith(h.value);
      break;
    case "regex":
      ok = h.re!.testExact(v);
      break;
    case "range": {
      const n = INTEGER.test(v) ? Number(v) : Number.NaN;
      ok = n >= h.start && n < h.end;
      break;
    }
  }
  return ok !== h.invert;
}

/** Lower-cased Host without its port (IPv6 literals keep their brackets). */
export function hostWithoutPort(host: string): string {
  let end = host.length;
  const colon = host.lastIndexOf(":");
  if (colon >= 0 && host.indexOf("]", colon) < 0 && (host.charCodeAt(0) !== 91 /* [ */ || host.charCodeAt(colon - 1) === 93)) end = colon;
  return host.slice(0, end).toLowerCase();
}
