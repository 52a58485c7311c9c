/**
 * The proxy's own failure answers: JSON `{"error": cause, "message": ...}` plus the
 * `x-meshedge-error: <cause>` header, so a client (or a test) can tell the edge's answer from
 * an upstream's.
 */
export const PROXY_ERRORS = {
  ambiguous_framing: 400,
  bad_path: 400,
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
} as const;

export type ProxyErrorCause = keyof typeof PROXY_ERRORS;

/** Header naming the cause of an answer the edge made itself. */
export const ERROR_HEADER = "x-meshedge-error";

/** The answers `proxyError` made (so an upstream's own `x-meshedge-error` header is not taken for one). */
const edgeAnswers = new WeakSet<Response>();

/** Builds the edge's failure answer for `cause` (its headers stay mutable for the caller). */
export function proxyError(cause: ProxyErrorCause, message: string): Response {
  const headers = new Headers({ "content-type": "application/json", [ERROR_HEADER]: cause });
  const res = new Response(JSON.stringify({ error: cause, message }), { status: PROXY_ERRORS[cause], headers });
  edgeAnswers.add(res);
  return res;
}

/** The cause when `res` is an answer the edge made itself, else null (an upstream's answer). */
export function edgeErrorOf(res: Response): string | null {
  return edgeAnswers.has(res) ? res.headers.get(ERROR_HEADER) : null;
}
