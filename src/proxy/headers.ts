import { HOPS_HEADER } from "./guards";

/**
 * Hop-by-hop headers (RFC 9110 7.6.1) that workerd's fetch would pass on. It already drops
 * Connection, Keep-Alive, TE, Trailer, Transfer-Encoding and Upgrade itself (checked against a
 * local upstream), so deleting those again would only cost time on every request.
 */
const HOP_BY_HOP = ["proxy-connection", "proxy-authenticate", "proxy-authorization"];

/**
 * Headers the edge owns and a client must not be able to send upstream as if the edge had set
 * them (a fake mirror mark, route or node names). The hop counter is read on entry and set
 * again; the attempt number and authority are always overwritten.
 */
const EDGE_OWNED = ["x-meshedge-mirror", "x-meshedge-route", "x-meshedge-virtual-node", "x-meshedge-attempts", "x-meshedge-error"];

/** The Host App Mesh would send upstream (Workers' fetch always sends the URL's own host). */
export const AUTHORITY_HEADER = "x-meshedge-authority";
/** 1-based attempt number sent upstream (like Envoy's x-envoy-attempt-count). */
export const ATTEMPT_HEADER = "x-meshedge-attempt";

/**
 * The headers sent upstream: the client's minus hop-by-hop ones (and any the Connection header
 * names), plus x-forwarded-for / -proto / -host, the request id, the hop count and the authority.
 */
export function upstreamHeaders(
  req: Request,
  scheme: string,
  originalHost: string,
  authority: string,
  requestId: string,
  hops: number,
): Headers {
  const h = new Headers(req.headers);
  // Headers the Connection header names are hop-by-hop too; workerd keeps those.
  // `Connection: Upgrade` names Upgrade, which must reach the upstream for a WebSocket
  // handshake: workerd's fetch then opens the socket (and drops any other Upgrade itself).
  const named = h.get("connection");
  if (named)
    for (const n of named.split(",")) {
      const name = n.trim();
      if (name.toLowerCase() !== "upgrade") h.delete(name);
    }
  for (let i = 0; i < HOP_BY_HOP.length; i++) h.delete(HOP_BY_HOP[i] as string);
  for (let i = 0; i < EDGE_OWNED.length; i++) h.delete(EDGE_OWNED[i] as string);
  // No `host` delete: workerd's fetch sends the URL's host whatever the headers say (checked).
  const ip = req.headers.get("cf-connecting-ip");
  if (ip) {
    const prev = h.get("x-forwarded-for");
    h.set("x-forwarded-for", prev ? `${prev}, ${ip}` : ip);
  }
  h.set("x-forwarded-proto", scheme);
  h.set("x-forwarded-host", originalHost);
  h.set("x-request-id", requestId);
  h.set(HOPS_HEADER, String(hops + 1));
  h.set(AUTHORITY_HEADER, authority);
  return h;
}

/** Keeps a sane client request id (printable, bounded) or makes a new one. */
export function requestIdOf(h: Headers): string {
  const id = h.get("x-request-id");
  return id && id.length <= 200 && /^[\x21-\x7e]+$/.test(id) ? id : crypto.randomUUID();
}

/** The route headers (ROUTE_HEADERS on) on an upstream answer passed to the client. */
export function setRouteHeaders(h: Headers, requestId: string, attempts: number, routeName: string | null, node: string): void {
  h.set("x-request-id", requestId);
  h.set("x-meshedge-attempts", String(attempts));
  if (routeName) h.set("x-meshedge-route", routeName);
  h.set("x-meshedge-virtual-node", node);
}
