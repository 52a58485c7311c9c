/** Envoy's retry back-off for App Mesh: 25 ms base, 250 ms cap. */
export const BACKOFF_BASE_MS = 25;
export const BACKOFF_CAP_MS = 250;

/**
 * Fully jittered exponential back-off before retry number `retry` (1 = first retry), as Envoy
 * does: uniform in [0, min((2^retry - 1) * base, cap)).
 */
export function backoffMs(retry: number, draw: number = Math.random()): number {
  const ceiling = Math.min((2 ** Math.max(1, retry) - 1) * BACKOFF_BASE_MS, BACKOFF_CAP_MS);
  return Math.floor(draw * ceiling);
}

/** Back-off of the edge's calls to a Durable Object after failures: 500 ms base, 10 s cap. */
export const DO_BACKOFF_BASE_MS = 500;
export const DO_BACKOFF_CAP_MS = 10_000;

/**
 * Wait after `failures` consecutive failed calls to a Durable Object: exponential with equal
 * jitter, uniform in [c/2, c) where c = min(base * 2^(failures - 1), cap). Half of it is a floor,
 * so a failed (or overloaded) object is never called again sooner than c/2; the jittered half
 * spreads the isolates' retries apart.
 */
export function callBackoffMs(failures: number, draw: number = Math.random()): number {
  const c = Math.min(DO_BACKOFF_BASE_MS * 2 ** (Math.max(1, failures) - 1), DO_BACKOFF_CAP_MS);
  return Math.floor(c / 2 + (draw * c) / 2);
}
