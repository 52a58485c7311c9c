import { successRatePercent } from "./counters";
import { percentile } from "./histogram";
import type { BucketRow } from "./time-buckets";

/** One bucket of one series: its start (epoch seconds) and what it counted. */
export interface TimelinePoint {
  t: number;
  requests: number;
  /** Requests per second over the bucket (over its elapsed part for the current bucket). */
  rate: number;
  /** Percent of non-5xx answers; null without requests. */
  successRate: number | null;
  /** p99 latency estimate in ms (about 9% resolution); null without requests. */
  p99LatencyMs: number | null;
}

/** Every bucket of the window, per route and virtual node that answered for it. */
export interface MetricsTimeline {
  meshName: string;
  bucketSeconds: number;
  /** First bucket start and the end of the window (epoch seconds). */
  from: number;
  to: number;
  routes: { route: string; nodes: { virtualNode: string; points: TimelinePoint[] }[] }[];
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Per route and node, one point per bucket from `from` to `to` (dense: a bucket without requests
 * is a point with rate 0 and no success rate or latency), sorted by route and node name.
 */
export function buildTimeline(
  meshName: string,
  rows: Iterable<BucketRow>,
  bucketSeconds: number,
  from: number,
  to: number,
): MetricsTimeline {
  const byRoute = new Map<string, Map<string, Map<number, BucketRow>>>();
  for (const r of rows) {
    if (r.start < from || r.start > to) continue;
    let nodes = byRoute.get(r.route);
    if (nodes === undefined) byRoute.set(r.route, (nodes = new Map()));
    let buckets = nodes.get(r.node);
    if (buckets === undefined) nodes.set(r.node, (buckets = new Map()));
    buckets.set(r.start, r);
  }
  const sorted = <T>(m: Map<string, T>) => [...m.keys()].sort().map((k) => [k, m.get(k) as T] as const);
  return {
    meshName,
    bucketSeconds,
    from,
    to,
    routes: sorted(byRoute).map(([route, nodes]) => ({
      route,
      nodes: sorted(nodes).map(([virtualNode, buckets]) => {
        const points: TimelinePoint[] = [];
        for (let t = from; t <= to; t += bucketSeconds) {
          const c = buckets.get(t)?.counters;
          const seconds = Math.max(1, Math.min(bucketSeconds, to - t));
          const sr = c === undefined ? undefined : successRatePercent(c);
          const p99 = c === undefined ? undefined : percentile(c.latency, 0.99);
          points.push({
            t,
            requests: c?.requests ?? 0,
            rate: round3((c?.requests ?? 0) / seconds),
            successRate: sr === undefined ? null : round3(sr),
            p99LatencyMs: p99 === undefined ? null : round3(p99),
          });
        }
        return { virtualNode, points };
      }),
    })),
  };
}
