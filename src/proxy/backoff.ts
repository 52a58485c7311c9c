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
