import { emptyCounters, mergeCounters, successRatePercent, type SeriesCounters } from "./counters";
import { percentile } from "./histogram";
import type { BucketRow } from "./time-buckets";

/** Rate, success and latency of one series (or of one route's total) over a window. */
export interface SeriesSummary {
  requests: number;
  /** Requests per second over the covered window. */
  rate: number;
  /** Percent of requests that were not 5xx / failed; null without requests. */
  successRate: number | null;
  /** Responses per status class: "1xx".."5xx", and "other" (no HTTP status). */
  statusClasses: Record<"1xx" | "2xx" | "3xx" | "4xx" | "5xx" | "other", number>;
  /** Latency estimates in ms from the histogram (about 9% resolution); null without requests. */
  latencyMs: { p50: number | null; p90: number | null; p99: number | null; mean: number | null };
  /** Requests routed by a snapshot older than SNAPSHOT_TTL_MS (a Durable Object slow or down). */
  staleRequests: number;
}

/** One route of the mesh: its total and one summary per virtual node that answered for it. */
export interface RouteReport extends SeriesSummary {
  route: string;
  nodes: (SeriesSummary & { virtualNode: string })[];
}

/** Body of `GET /_meshedge/v1/meshes/{mesh}/metrics?window=N`. */
export interface MetricsReport {
  meshName: string;
  windowSeconds: number;
  /** Seconds really covered (whole buckets plus the elapsed part of the current one). */
  coveredSeconds: number;
  generatedAt: number;
  routes: RouteReport[];
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
const est = (v: number | undefined): number | null => (v === undefined ? null : round(v, 3));

/** Summary of one set of counters over `seconds`. */
export function summarize(c: SeriesCounters, seconds: number): SeriesSummary {
  const sr = successRatePercent(c);
  const s = c.statusClasses;
  return {
    requests: c.requests,
    rate: round(c.requests / Math.max(seconds, 1), 3),
    successRate: sr === undefined ? null : round(sr, 3),
    statusClasses: { "1xx": s[1] ?? 0, "2xx": s[2] ?? 0, "3xx": s[3] ?? 0, "4xx": s[4] ?? 0, "5xx": s[5] ?? 0, other: s[0] ?? 0 },
    latencyMs: {
      p50: est(percentile(c.latency, 0.5)),
      p90: est(percentile(c.latency, 0.9)),
      p99: est(percentile(c.latency, 0.99)),
      mean: c.latency.count > 0 ? round(c.latency.sumMs / c.latency.count, 3) : null,
    },
    staleRequests: c.stale ?? 0,
  };
}

/** Groups window rows by route (sorted by name) with per-node summaries (sorted by node). */
export function buildReport(
  meshName: string,
  windowSeconds: number,
  coveredSeconds: number,
  rows: Iterable<BucketRow>,
  nowMs: number,
): MetricsReport {
  const byRoute = new Map<string, BucketRow[]>();
  for (const r of rows) {
    const list = byRoute.get(r.route);
    if (list === undefined) byRoute.set(r.route, [r]);
    else list.push(r);
  }
  const routes: RouteReport[] = [];
  for (const route of [...byRoute.keys()].sort()) {
    const list = (byRoute.get(route) ?? []).sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
    const total = emptyCounters();
    for (const r of list) mergeCounters(total, r.counters);
    routes.push({
      route,
      ...summarize(total, coveredSeconds),
      nodes: list.map((r) => ({ virtualNode: r.node, ...summarize(r.counters, coveredSeconds) })),
    });
  }
  return { meshName, windowSeconds, coveredSeconds, generatedAt: Math.floor(nowMs / 1000), routes };
}
