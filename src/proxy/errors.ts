/**
 * The proxy's own failure answers: JSON `{"error": cause, "message": ...}` plus the
 * `x-meshedge-error: <cause>` header, so a client (or a test) can tell the edge's answer from
 * an upstream's.
 */
export const PROXY_ERRORS = {
  ambiguous_framing: 400,
  bad_path: 400,
  body_not_allowed: 400,
  client_timeout: 408,
  // nginx's "client closed request": the client went away, so nobody reads this answer; it
  // names the case in the access log.
  client_closed: 499,
  no_route: 404,
  upstream_unreachable: 502,
  no_target: 503,
  no_healthy_target: 503,
  /** The isolate has no snapshot of a served mesh (or no mesh list): its Durable Object did not answer. */
  config_unavailable: 503,
  discovery_unusable: 503,
  upstream_timeout: 504,
  request_timeout: 504,
  loop_detected: 508,
  internal_error: 500,
  /** Plain gRPC (HTTP/2 with trailers) reached the edge: a trailers-only gRPC error (grpcUnsupported). */
  grpc_unsupported: 200,
} as const;

export type ProxyErrorCause = keyof typeof PROXY_ERRORS;

/**
 * Causes that are the client's fault, not an upstream's: never retried, never counted by outlier
 * detection, never counted in a node's or route's metrics (so no client can eject a healthy node
 * or roll a canary back by sending broken requests).
 */
export const CLIENT_FAULTS: ReadonlySet<string> = new Set<ProxyErrorCause>([
  "ambiguous_framing",
  "bad_path",
  "body_not_allowed",
  "client_timeout",
  "client_closed",
  "grpc_unsupported",
]);

/** Header naming the cause of an answer the edge made itself. */
export const ERROR_HEADER = "x-meshedge-error";

/**
 * The answers `proxyError` made (so an upstream's own `x-meshedge-error` header is not taken
 * for one), with the internal detail each one keeps for the access log.
 */
const edgeAnswers = new WeakMap<Response, string | null>();

/**
 * Builds the edge's failure answer for `cause` (its headers stay mutable for the caller).
 * `message` goes to the client, who may be anonymous: it must name nothing internal (no virtual
 * router, route, node or service name, no upstream address). `detail`, which may, is written to
 * the access log only.
 */
export function proxyError(cause: ProxyErrorCause, message: string, detail: string | null = null): Response {
  const headers = new Headers({ "content-type": "application/json", [ERROR_HEADER]: cause });
  const res = new Response(JSON.stringify({ error: cause, message }), { status: PROXY_ERRORS[cause], headers });
  edgeAnswers.set(res, detail);
  return res;
}

/** The cause when `res` is an answer the edge made itself, else null (an upstream's answer). */
export function edgeErrorOf(res: Response): string | null {
  return edgeAnswers.has(res) ? res.headers.get(ERROR_HEADER) : null;
}

/** The internal detail of an answer the edge made itself (access log only), else null. */
export function edgeDetailOf(res: Response): string | null {
  return edgeAnswers.get(res) ?? null;
}

/** gRPC's UNIMPLEMENTED: the method exists, but not over this transport. */
const GRPC_UNIMPLEMENTED = "12";

/**
 * The edge's answer to plain gRPC (`application/grpc`): a trailers-only gRPC error, i.e. HTTP 200
 * with `grpc-status` and `grpc-message` in the headers, which every gRPC client reads as the call's
 * status. A Worker cannot proxy plain gRPC: its `fetch` speaks HTTP/1.1 to upstreams (no h2c, no
 * ALPN) and its Response has no trailers, so the upstream's `grpc-status` would be lost.
 */
export function grpcUnsupported(): Response {
  const headers = new Headers({
    "content-type": "application/grpc",
    "grpc-status": GRPC_UNIMPLEMENTED,
    "grpc-message": "plain gRPC cannot cross this edge (HTTP/1.1 upstreams without trailers): use gRPC-Web or Connect",
    [ERROR_HEADER]: "grpc_unsupported",
  });
  const res = new Response(null, { status: 200, headers });
  edgeAnswers.set(res, null);
  return res;
}
