import { countProxiedRequest } from "./observe-hook";
import type { ProxyConfig } from "./config";
import { CLIENT_FAULTS } from "./errors";
import { httpStatusOfGrpc } from "./grpc-family";

/**
 * The seam between the proxy and metrics: `observeRequest` is called exactly once per request
 * the proxy answered (upstream answer or the edge's own failure), after the response headers
 * are known. It writes the structured access-log line (`wrangler tail` shows it); the metrics
 * helper adds its counters here. It must not throw and must not block the response: use
 * `ctx.waitUntil` for anything asynchronous.
 */
export interface ProxyObservation {
  /** Always "meshedge.access": the object is the access-log line as it is. */
  kind: "meshedge.access";
  mesh: string | null;
  gateway: string | null;
  virtualService: string | null;
  /** The virtual router whose route matched (null for a node-provided service). */
  virtualRouter: string | null;
  route: string | null;
  virtualNode: string | null;
  status: number;
  attempts: number;
  /** Milliseconds from the request's arrival to the response headers. */
  durationMs: number;
  requestId: string;
  /** The edge's failure cause (x-meshedge-error), null for an upstream answer. */
  error: string | null;
  /** What the edge's own failure answer did not tell the client (names of routes, nodes, ...). */
  detail: string | null;
  /**
   * True when the mesh's snapshot was older than SNAPSHOT_TTL_MS (its Durable Object has not
   * answered a refresh in time): the request was routed by the last snapshot this isolate had.
   */
  stale: boolean;
  method: string;
  path: string;
  /**
   * gRPC-Web / Connect only: the gRPC status the answer started with (src/proxy/grpc-first-frame.ts),
   * null when a message came first (the status ends the stream); absent for plain HTTP.
   */
  grpcStatus?: number | null;
}

/** The part of the Workers ExecutionContext the proxy uses. */
export interface EdgeContext {
  waitUntil(p: Promise<unknown>): void;
}

/**
 * Called once per finished proxied request. `routeSeries` is the target route's metrics series
 * (precomputed on load, so not rebuilt per request from `o.virtualRouter` and `o.route`).
 */
export function observeRequest(o: ProxyObservation, routeSeries: string, cfg: ProxyConfig, env: object, ctx: EdgeContext): void {
  if (cfg.accessLog) console.log(JSON.stringify(o));
  // Edge metrics (src/metrics): per route/node counters, flushed to the mesh DO in the background.
  // A client's own fault says nothing about the node or the route (src/proxy/errors.ts).
  if (o.error !== null && CLIENT_FAULTS.has(o.error)) return;
  // A gRPC failure counts as Envoy's HTTP equivalent (UNAVAILABLE = 503), as App Mesh's stats do.
  const g = o.grpcStatus;
  countProxiedRequest(g === undefined || g === null || g === 0 ? o : { ...o, status: httpStatusOfGrpc(g) }, routeSeries, env, ctx);
}
