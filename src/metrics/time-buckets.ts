import { emptyCounters, mergeCounters, type SeriesCounters } from "./counters";
import { seriesKey } from "./series-key";
import type { SeriesDelta } from "./recorder";

/** One stored bucket row: the counters of one series during `[start, start + bucketSeconds)`. */
export interface BucketRow {
  /** Bucket start, epoch seconds, a multiple of the bucket size. */
  start: number;
  route: string;
  node: string;
  counters: SeriesCounters;
}

/** Where buckets live: SQLite in the mesh Durable Object, a Map in unit tests. */
export interface BucketStorage {
  get(start: number, route: string, node: string): SeriesCounters | undefined;
  put(row: BucketRow): void;
  /** Deletes every bucket that starts before `start`. */
  deleteBefore(start: number): void;
  /** Every bucket starting at or after `start`. */
  scanFrom(start: number): Iterable<BucketRow>;
}

/** Bucket size and retention, in seconds. */
export interface BucketConfig {
  bucketSeconds: number;
  retentionSeconds: number;
}

/** Start (epoch seconds) of the bucket containing `nowMs`. */
export function bucketStart(nowMs: number, bucketSeconds: number): number {
  const s = Math.floor(nowMs / 1000);
  return s - (s % bucketSeconds);
}

/**
 * Time-bucketed metrics of one mesh with a retention limit. Deltas are filed under the bucket
 * of their arrival time (isolates flush every few seconds, so that is at most one flush interval
 * late), merged with what the bucket already holds; buckets older than the retention are dropped
 * on every ingest.
 */
export class TimeBuckets {
  readonly #storage: BucketStorage;
  readonly #config: BucketConfig;

  constructor(storage: BucketStorage, config: BucketConfig) {
    this.#storage = storage;
    this.#config = config;
  }

  /** Merges a flushed delta into the current bucket and prunes expired buckets. */
  ingest(nowMs: number, series: readonly SeriesDelta[]): void {
    const start = bucketStart(nowMs, this.#config.bucketSeconds);
    for (const s of series) {
      const row = this.#storage.get(start, s.route, s.node) ?? emptyCounters();
      mergeCounters(row, s.counters);
      this.#storage.put({ start, route: s.route, node: s.node, counters: row });
    }
    this.#storage.deleteBefore(start - this.#config.retentionSeconds);
  }

  /**
   * Sums every series over the last `windowSeconds` (clamped to [bucket size, retention]): all
   * buckets whose start is within the window, the current partial bucket included. Returns the
   * window actually covered in seconds (whole buckets), so rates divide by real time.
   */
  query(nowMs: number, windowSeconds: number): { coveredSeconds: number; series: Map<string, BucketRow> } {
    const size = this.#config.bucketSeconds;
    const window = Math.min(Math.max(windowSeconds, size), this.#config.retentionSeconds);
    const current = bucketStart(nowMs, size);
    const first = bucketStart(nowMs - window * 1000, size) + size;
    const series = new Map<string, BucketRow>();
    for (const row of this.#storage.scanFrom(first)) {
      const key = seriesKey(row.route, row.node);
      let agg = series.get(key);
      if (agg === undefined) series.set(key, (agg = { start: first, route: row.route, node: row.node, counters: emptyCounters() }));
      mergeCounters(agg.counters, row.counters);
    }
    // The current bucket is only partly elapsed: count the seconds that have really passed.
    const coveredSeconds = current - first + Math.max(1, Math.ceil(nowMs / 1000 - current));
    return { coveredSeconds, series };
  }
}

/** A BucketStorage in memory (unit tests, and a reference for the SQLite one). */
export class MemoryBucketStorage implements BucketStorage {
  readonly rows = new Map<string, BucketRow>();
  get(start: number, route: string, node: string): SeriesCounters | undefined {
    return this.rows.get(`${start}\n${seriesKey(route, node)}`)?.counters;
  }
  put(row: BucketRow): void {
    this.rows.set(`${row.start}\n${seriesKey(row.route, row.node)}`, row);
  }
  deleteBefore(start: number): void {
    for (const [k, r] of this.rows) if (r.start < start) this.rows.delete(k);
  }
  *scanFrom(start: number): Iterable<BucketRow> {
    for (const r of this.rows.values()) if (r.start >= start) yield r;
  }
}
