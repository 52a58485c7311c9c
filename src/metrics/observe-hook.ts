import { recordEdgeRequest } from "./edge-metrics";
import { NO_ROUTE, routeSeriesName } from "./series-key";

/** The fields of the proxy's observation (src/proxy/observe.ts) that metrics read. */
export interface ObservedRequest {
  mesh: string | null;
  virtualRouter?: string | null;
  route: string | null;
  virtualNode: string | null;
  status: number;
  durationMs: number;
}

/**
 * Counts one proxied request that reached a virtual node choice (requests refused before that,
 * e.g. no route matched, have no route/node series) and makes sure a background flush is pending.
 * Called by the proxy's observe seam; never throws (the seam also guards it).
 */
export function countProxiedRequest(o: ObservedRequest, env: object, ctx: { waitUntil(p: Promise<unknown>): void }): void {
  if (o.mesh === null || o.virtualNode === null) return;
  const route = o.route !== null && o.virtualRouter ? routeSeriesName(o.virtualRouter, o.route) : NO_ROUTE;
  recordEdgeRequest(o.mesh, route, o.virtualNode, o.status, o.durationMs, env, ctx);
}
