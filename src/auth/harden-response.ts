/**
 * Headers added to every authenticated management and dashboard answer, unless the handler
 * set its own: the dashboard must not be framed by another site while the browser holds Basic
 * credentials (clickjacking), content types are not sniffed, answers with mesh configuration
 * are not stored by shared caches, and no URL leaks through the Referer.
 */
const HARDENING: readonly (readonly [string, string])[] = [
  ["x-frame-options", "DENY"],
  ["content-security-policy", "frame-ancestors 'none'"],
  ["x-content-type-options", "nosniff"],
  ["cache-control", "no-store"],
  ["referrer-policy", "no-referrer"],
];

/** Returns `res` with the hardening headers it lacks (a copy when its headers are immutable). */
export function hardenResponse(res: Response): Response {
  let out = res;
  for (const [name, value] of HARDENING) {
    if (out.headers.has(name)) continue;
    try {
      out.headers.set(name, value);
    } catch {
      // Headers of a fetched response are immutable: copy once, then set.
      out = new Response(out.body, out);
      out.headers.set(name, value);
    }
  }
  return out;
}
