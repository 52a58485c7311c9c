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
 * True unless the URL's path is the management API (`/v20190125`) or the project's own
 * namespace (`/_meshedge`): the same split the management guard makes.
 */
export function isDataPlanePath(url: string): boolean {
  const schemeEnd = url.indexOf("://");
  const p = url.indexOf("/", schemeEnd < 0 ? 0 : schemeEnd + 3);
  if (p < 0) return true;
  return !(prefixed(url, p, "/v20190125") || prefixed(url, p, "/_meshedge"));
}

function prefixed(url: string, at: number, seg: string): boolean {
  if (!url.startsWith(seg, at)) return false;
  const next = url.charCodeAt(at + seg.length);
  // "/v20190125", "/v20190125/...", "/v20190125?..." but not "/v20190125x".
  return Number.isNaN(next) || next === 47 || next === 63 || next === 35;
}
