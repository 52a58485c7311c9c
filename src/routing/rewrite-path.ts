/**
 * Gateway prefix rewrite: replace the matched prefix of `path` by `replacement`, joining the
 * two with exactly one "/" where both sides bring one. Follows the App Mesh user guide's example
 * (prefix `/chapter`, request `/chapter/1` -> `/1`) and Envoy's advice to pair `/prefix/` with `/`:
 *   prefix `/chapter`,  `/chapter`   -> `/`
 *   prefix `/chapter`,  `/chapter/1` -> `/1`
 *   prefix `/chapter/`, `/chapter/1` -> `/1`
 *   prefix `/chapter`,  `/chapters`  -> `/s`   (a prefix is a plain string prefix)
 *   value `/book/`,     `/chapter/1` -> `/book/1`;  value `/book`, `/chapter/1` -> `/book/1`
 */
export function rewritePrefix(path: string, prefixLength: number, replacement: string): string {
  const rest = path.slice(prefixLength);
  if (rest.length === 0) return replacement;
  if (rest.charCodeAt(0) === 47 /* / */ && replacement.endsWith("/")) return replacement + rest.slice(1);
  return replacement + rest;
}

/**
 * True when `path` has a `.` or `..` segment. The edge normalizes a request path before matching,
 * so such a segment in a rewritten path was made by the rewrite itself: with prefix `/api` and
 * value `/v2/public/`, the request `/api../admin` (or `/api%2e%2e/admin`) becomes
 * `/v2/public/../admin`, which `fetch` (and any upstream) resolves to `/v2/admin`, outside the
 * rewrite target. The proxy refuses such a rewrite (400 `bad_path`) instead of forwarding it.
 */
export function hasDotSegment(path: string): boolean {
  for (let start = 0; start < path.length; ) {
    let end = path.indexOf("/", start);
    if (end < 0) end = path.length;
    const len = end - start;
    if ((len === 1 || len === 2) && path.charCodeAt(start) === 46 && (len === 1 || path.charCodeAt(start + 1) === 46)) return true;
    start = end + 1;
  }
  return false;
}
