/** App Mesh's default `timeout.perRequest` for routes and virtual node listeners (15 s). */
export const DEFAULT_PER_REQUEST_MS = 15_000;

/** The two timeouts App Mesh's two Envoys applied to one request, in ms (Infinity = none). */
export interface EffectiveTimeouts {
  /**
   * The caller's Envoy: the route's `timeout.perRequest` (default 15 s, 0 = none) bounds the
   * whole request, every attempt and back-off included.
   */
  requestMs: number;
  /**
   * The serving node's Envoy: its listener's `timeout.perRequest` (default 15 s, 0 = none)
   * bounds each attempt that reaches it; when it fires the node answers 504, a gateway error
   * the route's retry policy may retry.
   */
  attemptMs: number;
}

const orDefault = (ms: number | null): number => {
  const v = ms ?? DEFAULT_PER_REQUEST_MS;
  return v > 0 ? v : Number.POSITIVE_INFINITY;
};

/**
 * The effective timeouts of a request from the route's and the target listener's configured
 * `perRequest` (null = not set). Neither replaces the other: a 20 s route in front of a
 * listener left at its default still gets the listener's 504 after 15 s
 * (aws-app-mesh-examples, walkthroughs/howto-timeout-policy: a 17 s answer needs both raised).
 */
export function effectiveTimeouts(routeMs: number | null, listenerMs: number | null): EffectiveTimeouts {
  return { requestMs: orDefault(routeMs), attemptMs: orDefault(listenerMs) };
}
