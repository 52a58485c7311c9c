import { setRouteHeaders } from "./headers";

/**
 * A WebSocket upgrade the upstream accepted. workerd's fetch opened the socket (the request's
 * `Upgrade: websocket` reached it) and answered 101 with `webSocket`; returning a 101 response
 * with that socket hands it to the client unaccepted, so workerd pumps the frames natively in
 * both directions (text, binary, subprotocol, close codes) and the Worker holds no buffer.
 * Retries happened only before this answer (a 101 is no retry event); no body timeout applies
 * after it (there is no body to guard), and the access log and metrics see status 101.
 */
export function upgraded(
  up: Response,
  routeHeaders: boolean,
  requestId: string,
  attempts: number,
  routeName: string | null,
  node: string,
): Response {
  if (!routeHeaders || up.webSocket === null) return up;
  const headers = new Headers(up.headers);
  setRouteHeaders(headers, requestId, attempts, routeName, node);
  return new Response(null, { status: 101, webSocket: up.webSocket, headers });
}
