import { envInt } from "../../src/shared/env-int";
import { emptyCounters, mergeCounters, successRatePercent, type SeriesCounters } from "../../src/metrics/counters";
import { percentile } from "../../src/metrics/histogram";
import type { SeriesDelta } from "../../src/metrics/recorder";
import { buildReport, type MetricsReport } from "../../src/metrics/report";
import { buildTimeline, type MetricsTimeline } from "../../src/metrics/timeline";
import { bucketStart, TimeBuckets } from "../../src/metrics/time-buckets";
import { SqlBucketStorage } from "./sql-bucket-storage";

/** Settings from wrangler.toml [vars] (strings there), with defaults. */
export function metricsConfig(env: { METRICS_BUCKET_SECONDS?: string; METRICS_RETENTION_SECONDS?: string }): {
  bucketSeconds: number;
  retentionSeconds: number;
} {
  const bucketSeconds = clampInt(env.METRICS_BUCKET_SECONDS, 10, 1, 3600);
  const retentionSeconds = clampInt(env.METRICS_RETENTION_SECONDS, 3600, bucketSeconds, 7 * 86_400);
  return { bucketSeconds, retentionSeconds };
}

function clampInt(s: string | undefined, fallback: number, min: number, max: number): number {
  return envInt(s, { fallback, min, max, outOfRange: "clamp" });
}

/** A listener told about every ingested delta (rollouts use it to accumulate canary analysis). */
export type DeltaListener = (series: readonly SeriesDelta[]) => void;

/**
 * The mesh Durable Object's metrics: deltas flushed by isolates go into SQLite time buckets;
 * window queries produce the JSON report. Runs inside the DO (single-threaded, so the
 * read-merge-write of a bucket row needs no transaction of its own).
 */
export class MeshMetrics {
  readonly #buckets: TimeBuckets;
  readonly #storage: SqlBucketStorage;
  readonly #listeners: DeltaListener[] = [];
  readonly #config: { bucketSeconds: number; retentionSeconds: number };

  constructor(sql: SqlStorage, config: { bucketSeconds: number; retentionSeconds: number }) {
    this.#config = config;
    this.#storage = new SqlBucketStorage(sql);
    this.#buckets = new TimeBuckets(this.#storage, config);
  }

  /** Drops every bucket (a new incarnation of the mesh starts with no metrics). */
  clear(): void {
    this.#storage.clear();
  }

  /** Calls `listener` with each ingested delta. */
  onIngest(listener: DeltaListener): void {
    this.#listeners.push(listener);
  }

  /** Stores one isolate's delta. */
  ingest(series: readonly SeriesDelta[], nowMs = Date.now()): void {
    this.#buckets.ingest(nowMs, series);
    for (const l of this.#listeners) l(series);
  }

  /** The report over the last `windowSeconds`. */
  report(meshName: string, windowSeconds: number, nowMs = Date.now()): MetricsReport {
    const q = this.#buckets.query(nowMs, windowSeconds);
    return buildReport(meshName, windowSeconds, q.coveredSeconds, q.series.values(), nowMs);
  }

  /** Bucket by bucket over the last `windowSeconds` (at most the retention): what the charts draw. */
  timeline(meshName: string, windowSeconds: number, nowMs = Date.now()): MetricsTimeline {
    const size = this.#config.bucketSeconds;
    const window = Math.min(Math.max(windowSeconds, size), this.#config.retentionSeconds);
    const from = bucketStart(nowMs - window * 1000, size) + size;
    return buildTimeline(meshName, this.#storage.scanFrom(from), size, from, Math.floor(nowMs / 1000));
  }
}

/** Sum of counters for one route + node from a delta list. */
export function sumSeries(
  series: readonly SeriesDelta[],
  route: string,
  node: string,
  into: SeriesCounters = emptyCounters(),
): SeriesCounters {
  for (const s of series) if (s.route === route && s.node === node) mergeCounters(into, s.counters);
  return into;
}

/** The rollout analysis numbers of a counter set. */
export function analysisOf(c: SeriesCounters): { requests: number; successRate: number | null; p99LatencyMs: number | null } {
  const sr = successRatePercent(c);
  const p99 = percentile(c.latency, 0.99);
  return {
    requests: c.requests,
    successRate: sr === undefined ? null : Math.round(sr * 1000) / 1000,
    p99LatencyMs: p99 === undefined ? null : Math.round(p99 * 1000) / 1000,
  };
}
