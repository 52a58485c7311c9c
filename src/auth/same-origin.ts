const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery check for Basic-authenticated requests: a browser re-sends
 * cached Basic credentials on any request to this origin, including a form POST from
 * another site. Unsafe methods are accepted only when the browser says the request is
 * same-origin (`Sec-Fetch-Site`) or the `Origin` header equals this origin. Non-browser
 * clients send neither header and are accepted.
 */
export function isSameOriginRequest(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return true;
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") return false;
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== new URL(request.url).origin) return false;
  return true;
}
