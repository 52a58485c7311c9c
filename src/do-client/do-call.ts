import { callBackoffMs } from "../shared/backoff";

/** Default bound of one call from the edge to a Durable Object (`DO_CALL_TIMEOUT_MS`). */
export const DEFAULT_DO_CALL_TIMEOUT_MS = 2000;

/** How a call from the edge to a Durable Object failed. */
export type CallFailure = "timeout" | "overloaded" | "error";

/** The call did not settle within its bound (the Durable Object may still answer it later). */
export class CallTimeout extends Error {
  override name = "CallTimeout";
}

/**
 * Runs `call` and settles within `ms`: with its result, or with a CallTimeout when it has not
 * answered by then (the call itself is left to finish or hang; its late answer is dropped).
 */
export function boundedCall<T>(call: () => Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new CallTimeout(`${what} did not answer within ${ms} ms`)), ms);
    let p: Promise<T>;
    try {
      p = call();
    } catch (err) {
      p = Promise.reject(err);
    }
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (err: unknown) => (clearTimeout(timer), reject(err)),
    );
  });
}

/**
 * The Durable Object runtime marks an overloaded object's errors with `.overloaded = true` and
 * says they must not be retried (developers.cloudflare.com/durable-objects/best-practices/
 * error-handling); the message ("Durable Object is overloaded. ...") is the fallback.
 */
export function failureOf(err: unknown): CallFailure {
  if (err instanceof CallTimeout) return "timeout";
  if (typeof err === "object" && err !== null) {
    const e = err as { overloaded?: unknown; message?: unknown };
    if (e.overloaded === true || (typeof e.message === "string" && e.message.includes("Durable Object is overloaded"))) return "overloaded";
  }
  return "error";
}

/**
 * Back-off of the calls made for one purpose (one mesh's snapshot, the mesh list): after each
 * failure, whatever its kind (an `overloaded` error included), no call before `retryAt`; a success
 * starts over. The caller never re-issues a failed call for the same request.
 */
export class CallBackoff {
  failures = 0;
  retryAt = 0;

  /** Records a failure at `now`; returns the wait before the next call (ms). */
  failed(now: number, draw: number = Math.random()): number {
    this.failures++;
    const wait = callBackoffMs(this.failures, draw);
    this.retryAt = now + wait;
    return wait;
  }

  succeeded(): void {
    this.failures = 0;
    this.retryAt = 0;
  }
}
