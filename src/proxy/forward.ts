import type { SnapshotOutlier } from "../snapshot";
import { backoffMs } from "../shared/backoff";
import type { ProxyErrorCause } from "./errors";
import { type GrpcFamily, httpStatusOfGrpc } from "./grpc-family";
import { grpcOutcome } from "./grpc-first-frame";
import { ATTEMPT_HEADER } from "./headers";
import type { LoadedRetry } from "./loaded-mesh";
import { outliers } from "./outlier";
import type { PreparedBody } from "./request-body";

/** Everything one proxied request needs for its attempts. */
export interface ForwardPlan {
  url: string;
  method: string;
  headers: Headers;
  body: PreparedBody;
  retry: LoadedRetry;
  /** Epoch ms after which the request as a whole times out: the route's timeout (Infinity = no limit). */
  deadline: number;
  /** The serving listener's timeout for each attempt, in ms (Infinity = no limit): see timeouts.ts. */
  attemptMs: number;
  mesh: string;
  node: string;
  outlier: SnapshotOutlier | null;
  /** The route's targets, for the ejection limit. */
  routeNodes: readonly { virtualNode: string }[];
  /** gRPC-Web or Connect (src/proxy/grpc-family.ts): the status is read from the first frame; null for plain HTTP. */
  grpc: GrpcFamily | null;
}

/** An upstream response to pass on, or the cause of a failure the edge answers itself. */
export type ForwardResult =
  | { response: Response; attempts: number; abort: AbortController; attemptEnd: number; grpcStatus: number | null }
  | { cause: ProxyErrorCause; message: string; attempts: number };

/** RFC 9110 9.2.2: methods whose repetition has the effect of one request. */
const IDEMPOTENT: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"]);

/**
 * Whether a failed fetch failed after the upstream had the request. workerd says "Network
 * connection lost." for a refused connection and for a reset alike; any other failure (in the
 * local runtime an "internal error; reference = ..." when the answer cannot be parsed, e.g. on a
 * pooled connection an upstream's trailers left unreadable) means the request was sent and its
 * answer lost. Told apart by message because workerd gives no error code (checked against local
 * upstreams: test/node/proxy/upstream-trailers.test.ts).
 */
function sentAndLost(err: unknown): boolean {
  return !(err instanceof Error && (err.message === "Network connection lost." || err.name === "AbortError"));
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** What ends an attempt that gets no answer in time. */
type Limit = "request" | "listener" | "perTry";

/**
 * Sends the request, retrying per the route's policy: a retryable status or gRPC status, a
 * connection failure or reset, or a per-try timeout is retried up to maxRetries times after a
 * jittered back-off. Each attempt is bounded by perRetryTimeout, by the serving listener's
 * timeout (whose expiry is the node's 504, retried only when the policy retries 504) and by
 * what is left of the request deadline (the route's timeout). Retries stop early when the
 * back-off would cross the deadline; the last answer then stands. Bodies that are not
 * replayable are sent once.
 */
export async function forward(p: ForwardPlan): Promise<ForwardResult> {
  const retry = p.retry;
  const maxRetries = p.body.replayable ? retry.maxRetries : 0;
  const perTry = retry.perTryMs > 0 ? retry.perTryMs : Number.POSITIVE_INFINITY;
  let last: ForwardResult | null = null;
  for (let attempt = 1; ; attempt++) {
    const started = Date.now();
    const left = p.deadline - started;
    if (left <= 0) return { cause: "request_timeout", message: "timeout.perRequest elapsed", attempts: attempt - 1 };
    const limit: Limit = left <= perTry && left <= p.attemptMs ? "request" : p.attemptMs <= perTry ? "listener" : "perTry";
    const budget = limit === "request" ? left : limit === "listener" ? p.attemptMs : perTry;
    const abort = new AbortController();
    let fired = false;
    const timer = budget === Number.POSITIVE_INFINITY ? undefined : setTimeout(() => ((fired = true), abort.abort()), budget);
    p.headers.set(ATTEMPT_HEADER, String(attempt));
    let res: Response | null = null;
    // The request may have reached the upstream (see sentAndLost).
    let sent = false;
    try {
      res = await fetch(p.url, { method: p.method, headers: p.headers, body: p.body.body, signal: abort.signal, redirect: "manual" });
    } catch (err) {
      // workerd reports a refused connection and a reset before the response alike.
      sent = sentAndLost(err);
    }
    let grpcStatus: number | null = null;
    if (p.grpc !== null && res !== null) {
      // Within the attempt's timer: a first frame that does not come is this attempt's timeout.
      try {
        const g = await grpcOutcome(res, p.grpc);
        res = g.response;
        grpcStatus = g.grpcStatus;
      } catch {
        res = null; // the answer broke before its first frame, after the upstream had the request
        sent = true;
      }
    }
    if (timer !== undefined) clearTimeout(timer);
    // A streamed upload the client stalled or broke: its fault, not the node's (no retry, no count).
    const fault = res === null ? (p.body.clientFault?.() ?? null) : null;
    if (fault !== null)
      return {
        cause: fault,
        message:
          fault === "client_timeout" ? "the client stopped sending its request body" : "the client closed the connection during its upload",
        attempts: attempt,
      };
    const now = Date.now();
    let again: boolean;
    if (res) {
      const status = res.status;
      // A gRPC status counts as Envoy's HTTP equivalent (UNAVAILABLE = 503) for outlier detection.
      const failed = status >= 500 || (grpcStatus !== null && httpStatusOfGrpc(grpcStatus) >= 500);
      outliers.record(p.mesh, p.node, failed, p.outlier, p.routeNodes, now);
      const grpc = grpcStatus ?? (p.grpc === null ? res.headers.get("grpc-status") : null);
      again = retry.statuses[status] === 1 || (grpc !== null && retry.grpc[Number(grpc)] === 1);
      last = { response: res, attempts: attempt, abort, attemptEnd: started + p.attemptMs, grpcStatus };
      if (!again || attempt > maxRetries) return last;
    } else {
      outliers.record(p.mesh, p.node, true, p.outlier, p.routeNodes, now);
      if (fired && limit === "request") return { cause: "request_timeout", message: "timeout.perRequest elapsed", attempts: attempt };
      if (fired && limit === "listener") {
        // The serving node's Envoy answered 504: a gateway error, retried only if the policy retries 504.
        last = {
          cause: "upstream_timeout",
          message: `no response within the virtual node listener's timeout.perRequest (${p.attemptMs} ms)`,
          attempts: attempt,
        };
        again = retry.statuses[504] === 1;
      } else {
        last = fired
          ? { cause: "upstream_timeout", message: `no response within perRetryTimeout (${retry.perTryMs} ms)`, attempts: attempt }
          : sent
            ? { cause: "upstream_unreachable", message: "the upstream's answer could not be read", attempts: attempt }
            : { cause: "upstream_unreachable", message: "connection to the upstream failed or was reset", attempts: attempt };
        // A request the upstream may have executed is sent again only when repeating it is harmless.
        again = (retry.connectError || retry.reset) && !(sent && !fired && !IDEMPOTENT.has(p.method));
      }
      if (!again || attempt > maxRetries) return last;
    }
    const wait = backoffMs(attempt);
    if (Date.now() + wait >= p.deadline) return last;
    if ("response" in last) void last.response.body?.cancel();
    await sleep(wait);
  }
}
