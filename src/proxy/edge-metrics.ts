import { envInt } from "../shared/env-int";
import { meshStub } from "../do-client/stubs";
import { proxyConfig } from "./config";
import { boundedCall } from "../do-client/do-call";
import { MetricsRecorder, type MeshMetricsDelta } from "../metrics/recorder";

/**
 * The isolate's metrics: one recorder per isolate, fed once per finished request, flushed as
 * deltas to each mesh's Durable Object in the background: at most one flush pending per isolate,
 * `METRICS_FLUSH_MS` (default 5000) after the first request that found none pending. So a busy
 * isolate makes one DO call per mesh every few seconds, never one per request, and never on a
 * request's path (the flush runs in `ctx.waitUntil`).
 */
export const edgeRecorder = new MetricsRecorder();

let pending: Promise<void> | null = null;

/** The part of Env the flusher uses (the mesh DO namespace and the flush interval). */
export interface MetricsEnv {
  MESH: DurableObjectNamespace<import("../../durable/mesh-object").MeshObject>;
  METRICS_FLUSH_MS?: string;
}

/** Flush interval in ms from the env var (default 5000, at least 100). */
export function flushIntervalMs(env: MetricsEnv): number {
  return envInt(env.METRICS_FLUSH_MS, { fallback: 5000, min: 100, outOfRange: "clamp" });
}

/**
 * Counts one finished request (the proxy's observe seam and the mirror call this) and makes sure
 * a background flush is pending when `env` has the mesh Durable Object binding.
 */
export function recordEdgeRequest(
  mesh: string,
  route: string,
  node: string,
  status: number,
  durationMs: number,
  env: object,
  ctx: { waitUntil(p: Promise<unknown>): void },
  stale = false,
): void {
  edgeRecorder.record(mesh, route, node, status, durationMs, stale);
  if ((env as Partial<MetricsEnv>).MESH !== undefined) scheduleMetricsFlush(env as MetricsEnv, ctx);
}

/** Starts the background flush timer unless one is already pending. Cheap: called per request. */
function scheduleMetricsFlush(env: MetricsEnv, ctx: { waitUntil(p: Promise<unknown>): void }): void {
  if (pending !== null) return;
  const p = new Promise<void>((resolve) => setTimeout(resolve, flushIntervalMs(env)))
    .then(() => flushEdgeMetrics(env))
    .finally(() => {
      if (pending === p) pending = null;
    });
  pending = p;
  ctx.waitUntil(p);
}

let inflight: Promise<void> = Promise.resolve();

/**
 * Sends every pending delta now (one RPC per mesh, each bounded by DO_CALL_TIMEOUT_MS, so a hung
 * object cannot stall the flushes queued behind it). Flushes run one after the other, so when the
 * returned promise settles, everything recorded before the call has reached the Durable Objects
 * (or, for a failed or timed-out call, is kept for the next flush: a call that timed out but
 * landed late is then counted twice). Errors are logged, never thrown.
 */
export function flushEdgeMetrics(env: MetricsEnv): Promise<void> {
  inflight = inflight.then(() => sendDeltas(env));
  return inflight;
}

async function sendDeltas(env: MetricsEnv): Promise<void> {
  const deltas = edgeRecorder.drain();
  const failed: MeshMetricsDelta[] = [];
  const bound = proxyConfig(env).doCallTimeoutMs;
  await Promise.all(
    deltas.map(async (d) => {
      try {
        await boundedCall(() => meshStub(env, d.mesh).ingestMetrics(d.series), bound, `the Durable Object of mesh ${d.mesh}`);
      } catch (err) {
        failed.push(d);
        console.log(JSON.stringify({ msg: "metrics flush failed", mesh: d.mesh, error: err instanceof Error ? err.message : String(err) }));
      }
    }),
  );
  if (failed.length > 0) edgeRecorder.restore(failed);
}
