import { proxyError } from "./errors";

/** The pieces of an absolute request URL, split without a full URL parse. */
export interface UrlParts {
  scheme: "http" | "https";
  host: string;
  /** Raw path, not yet normalized. */
  path: string;
  /** Query without "?" ("" when none). */
  query: string;
}

/** Splits `scheme://host/path?query#frag`; the fragment is dropped (clients never send one). */
export function splitUrl(url: string): UrlParts {
  const schemeEnd = url.indexOf("://");
  const scheme = url.startsWith("https") ? "https" : "http";
  const hostStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
  let pathStart = url.indexOf("/", hostStart);
  if (pathStart < 0) pathStart = url.length;
  let hash = url.indexOf("#", pathStart);
  if (hash < 0) hash = url.length;
  const q = url.indexOf("?", pathStart);
  const pathEnd = q >= 0 && q < hash ? q : hash;
  return {
    scheme,
    host: url.slice(hostStart, pathStart),
    path: pathStart === url.length ? "/" : url.slice(pathStart, pathEnd),
    query: q >= 0 && q < hash ? url.slice(q + 1, hash) : "",
  };
}

/**
 * The edge's own namespace on a data-plane hostname: `/_meshedge/health` answers for load
 * balancers and uptime checks, any other `/_meshedge` path is a 404 (the API and the dashboard
 * live only on the admin hostnames). Null for every other path: proxied, `/v20190125` included,
 * which on a data-plane hostname is an application's path like any other.
 */
export function dataPlaneReserved(url: string): Response | null {
  const schemeEnd = url.indexOf("://");
  const p = url.indexOf("/", schemeEnd < 0 ? 0 : schemeEnd + 3);
  if (p < 0 || !prefixed(url, p, "/_meshedge")) return null;
  if (prefixed(url, p, "/_meshedge/health")) return Response.json({ status: "ok" });
  return proxyError("no_route", "no route matched this request");
}

function prefixed(url: string, at: number, seg: string): boolean {
  if (!url.startsWith(seg, at)) return false;
  const next = url.charCodeAt(at + seg.length);
  // "/_meshedge", "/_meshedge/...", "/_meshedge?..." but not "/_meshedgex".
  return Number.isNaN(next) || next === 47 || next === 63 || next === 35;
}
