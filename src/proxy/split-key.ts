import type { SnapshotRoutePolicy } from "../rollouts/route-policy";

/**
 * The split key of a request under a route policy: the header's value, or the named cookie's
 * value; null when the policy has no split key or the request lacks it (the caller then uses the
 * random weighted pick). Scans the Cookie header in place: no split into arrays per request.
 */
export function splitKeyOf(policy: SnapshotRoutePolicy, headers: { get(name: string): string | null }): string | null {
  if (policy.splitHeader !== null) {
    const v = headers.get(policy.splitHeader);
    return v === null || v === "" ? null : v;
  }
  if (policy.splitCookie !== null) return cookieValue(headers.get("cookie"), policy.splitCookie);
  return null;
}

/** Value of cookie `name` in a Cookie header (`a=1; b=2`), surrounding quotes removed; null if absent or empty. */
export function cookieValue(header: string | null, name: string): string | null {
  if (header === null) return null;
  let i = 0;
  const n = header.length;
  while (i < n) {
    while (i < n && (header.charCodeAt(i) === 32 || header.charCodeAt(i) === 59)) i++; // spaces and ';'
    const end = header.indexOf(";", i);
    const stop = end < 0 ? n : end;
    const eq = header.indexOf("=", i);
    if (eq > i && eq < stop && header.slice(i, eq).trim() === name) {
      let value = header.slice(eq + 1, stop).trim();
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      return value === "" ? null : value;
    }
    i = stop + 1;
  }
  return null;
}
