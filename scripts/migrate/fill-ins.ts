import { isObject } from "./model";
import type { Kind } from "./resources";

/**
 * A spec as App Mesh stores it, so that "unchanged" treats App Mesh's own fill-ins as equal
 * (README "What App Mesh filled in"): a virtual node's `backends: []`, a listener health
 * check's `port` = the listener's port, an HTTP / HTTP2 route match without `prefix` or
 * `path` = `prefix: "/"`, a mesh's `{}`. Keys are sorted, for comparison.
 */
export function normalizeSpec(kind: Kind, spec: unknown): unknown {
  const s = structuredClone(isObject(spec) ? spec : {}) as Record<string, unknown>;
  if (kind === "virtualNode" && s.backends === undefined) s.backends = [];
  if (kind === "virtualNode" || kind === "virtualGateway") {
    for (const l of Array.isArray(s.listeners) ? s.listeners : []) {
      if (isObject(l) && isObject(l.healthCheck) && l.healthCheck.port === undefined && isObject(l.portMapping)) {
        l.healthCheck.port = l.portMapping.port;
      }
    }
  }
  if (kind === "route") {
    for (const r of ["httpRoute", "http2Route"]) {
      const match = (s[r] as { match?: Record<string, unknown> } | undefined)?.match;
      if (isObject(match) && match.prefix === undefined && match.path === undefined) match.prefix = "/";
    }
  }
  return sortKeys(s);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObject(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => [k, sortKeys(v[k])]),
  );
}

export function sameSpec(kind: Kind, a: unknown, b: unknown): boolean {
  return JSON.stringify(normalizeSpec(kind, a)) === JSON.stringify(normalizeSpec(kind, b));
}
