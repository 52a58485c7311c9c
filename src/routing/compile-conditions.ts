/**
 * Turns the match parts of a route spec into snapshot conditions (plain data). Regexes are
 * compiled here once only to reject bad ones early; the snapshot keeps the pattern string.
 */
import { RouteCompileError } from "./errors";
import { compileUserRegex } from "./regex";
import type { HttpPathMatch, HttpQueryParameter, HttpRouteHeader } from "./spec";
import type { HeaderCondition, PathCondition, QueryCondition } from "./types";

function checkRegex(routeName: string, field: string, pattern: string): void {
  const re = compileUserRegex(pattern);
  if (typeof re === "string") throw new RouteCompileError(routeName, field, re);
}

/**
 * HTTP path condition. App Mesh requires exactly one of prefix / path; should a spec carry
 * several anyway, path.exact wins over path.regex over prefix, and none at all matches any path.
 * A regex is checked even where exact wins: a spec carrying a bad one is refused whole.
 */
export function httpPathCondition(
  routeName: string,
  field: string,
  prefix: string | undefined,
  path: HttpPathMatch | undefined,
): PathCondition {
  if (path?.regex !== undefined) checkRegex(routeName, `${field}.path.regex`, path.regex);
  if (path?.exact !== undefined) return { kind: "exact", value: path.exact };
  if (path?.regex !== undefined) return { kind: "regex", value: path.regex };
  if (prefix !== undefined) return { kind: "prefix", value: prefix };
  return { kind: "any", value: "" };
}

/** gRPC: service + method = exact `/{service}/{method}`, service only = prefix `/{service}/`. */
export function grpcPathCondition(
  routeName: string,
  field: string,
  serviceName: string | undefined,
  methodName: string | undefined,
): PathCondition {
  if (serviceName === undefined) {
    if (methodName !== undefined) throw new RouteCompileError(routeName, `${field}.methodName`, "methodName requires serviceName");
    return { kind: "any", value: "" };
  }
  if (methodName !== undefined) return { kind: "exact", value: `/${serviceName}/${methodName}` };
  return { kind: "prefix", value: `/${serviceName}/` };
}

/** Header / metadata conditions; a header without `match` only has to be present. */
export function headerConditions(routeName: string, field: string, headers: readonly HttpRouteHeader[] | undefined): HeaderCondition[] {
  if (headers === undefined) return [];
  return headers.map((h, i): HeaderCondition => {
    const base = { name: h.name.toLowerCase(), invert: h.invert === true };
    const m = h.match;
    if (m === undefined) return { ...base, kind: "present", value: "" };
    if (m.exact !== undefined) return { ...base, kind: "exact", value: m.exact };
    if (m.prefix !== undefined) return { ...base, kind: "prefix", value: m.prefix };
    if (m.suffix !== undefined) return { ...base, kind: "suffix", value: m.suffix };
    if (m.regex !== undefined) {
      checkRegex(routeName, `${field}[${i}].match.regex`, m.regex);
      return { ...base, kind: "regex", value: m.regex };
    }
    if (m.range !== undefined) return { ...base, kind: "range", value: "", start: m.range.start, end: m.range.end };
    // An empty match object constrains nothing beyond presence, like no match at all.
    return { ...base, kind: "present", value: "" };
  });
}

/** Query parameter conditions (exact value, or present when `match` is absent). */
export function queryConditions(params: readonly HttpQueryParameter[] | undefined): QueryCondition[] {
  if (params === undefined) return [];
  return params.map((p) => (p.match?.exact === undefined ? { name: p.name } : { name: p.name, value: p.match.exact }));
}
