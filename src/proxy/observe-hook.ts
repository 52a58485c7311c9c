import { recordEdgeRequest } from "./edge-metrics";

/** The fields of the proxy's observation (src/proxy/observe.ts) that metrics read. */
export interface ObservedRequest {
  mesh: string | null;
  virtualNode: string | null;
  status: number;
  durationMs: number;
  stale: boolean;
}

/**
 * Counts one proxied request that reached a virtual node choice (requests refused before that,
 * e.g. no route matched, have no route/node series) under `routeSeries` (`{router}/{route}`, or
 * NO_ROUTE: series-key.ts) and makes sure a background flush is pending.
 * Called by the proxy's observe seam; never throws (the seam also guards it).
 */
export function countProxiedRequest(
  o: ObservedRequest,
  routeSeries: string,
  env: object,
  ctx: { waitUntil(p: Promise<unknown>): void },
): void {
  if (o.mesh === null || o.virtualNode === null) return;
  recordEdgeRequest(o.mesh, routeSeries, o.virtualNode, o.status, o.durationMs, env, ctx, o.stale);
}
