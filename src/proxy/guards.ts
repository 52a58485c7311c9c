import { proxyError } from "./errors";

/** Request header counting how many times a request crossed a meshedge edge. */
export const HOPS_HEADER = "x-meshedge-hops";

/**
 * Refuses requests whose body framing is ambiguous (request smuggling): Content-Length together
 * with Transfer-Encoding, or several / malformed Content-Length values. Returns null when fine.
 */
export function framingProblem(h: Headers): Response | null {
  const cl = h.get("content-length");
  const te = h.get("transfer-encoding");
  if (cl !== null && te !== null) {
    return proxyError("ambiguous_framing", "both Content-Length and Transfer-Encoding are set");
  }
  // fetch joins repeated headers with ", ": any separator means several values were sent.
  if (cl !== null && !/^\d{1,15}$/.test(cl.trim())) {
    return proxyError("ambiguous_framing", "several or malformed Content-Length values");
  }
  return null;
}

/** The hop count the request arrived with (0 when absent or unreadable). */
export function hopCount(h: Headers): number {
  const v = h.get(HOPS_HEADER);
  if (v === null) return 0;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** 508 when the request already went through `maxHops` edges: a routing loop through the edge. */
export function loopProblem(hops: number, maxHops: number): Response | null {
  return hops >= maxHops
    ? proxyError(
        "loop_detected",
        `request crossed the edge ${hops} times (limit ${maxHops}); a mesh route probably points back at the edge`,
      )
    : null;
}
