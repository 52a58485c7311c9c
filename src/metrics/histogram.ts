/**
 * Latency histogram with fixed, log-spaced buckets.
 *
 * Every isolate and the Durable Object use the same bucket bounds, so histograms merge by adding
 * counts index by index (deltas flushed from many isolates sum exactly). Bucket `0` holds
 * `[0, MIN_MS]`, bucket `i` holds `(MIN_MS * F^(i-1), MIN_MS * F^i]`, the last bucket is the
 * overflow above `MAX_MS`. With F = 2^(1/4) a percentile estimate is within about 9% of the truth.
 */

/** Upper bound of the first bucket, in milliseconds. */
export const MIN_MS = 0.1;
/** Growth factor between consecutive bucket bounds. */
export const FACTOR = 2 ** 0.25;
/** Number of bounded buckets; one overflow bucket follows them. */
export const BOUNDED_BUCKETS = 82; // 0.1 ms * 2^(81/4) ~= 120 s
/** Total number of buckets (bounded + overflow). */
export const BUCKETS = BOUNDED_BUCKETS + 1;
const LOG_FACTOR = Math.log(FACTOR);

/** Upper bound (ms) of bucket `i`; Infinity for the overflow bucket. */
export function bucketUpperBound(i: number): number {
  return i >= BOUNDED_BUCKETS ? Infinity : MIN_MS * FACTOR ** i;
}

/** Lower bound (ms) of bucket `i`. */
export function bucketLowerBound(i: number): number {
  return i <= 0 ? 0 : MIN_MS * FACTOR ** (i - 1);
}

/** Index of the bucket holding a duration of `ms` milliseconds (negative / NaN count as 0). */
export function bucketIndex(ms: number): number {
  if (!(ms > MIN_MS)) return 0;
  // The epsilon keeps exact bounds (e.g. MIN_MS * F^3) in their own bucket despite float error.
  const i = Math.ceil(Math.log(ms / MIN_MS) / LOG_FACTOR - 1e-9);
  return i > BOUNDED_BUCKETS ? BOUNDED_BUCKETS : i;
}

/** A histogram: `counts[i]` observations in bucket `i`, plus their count and sum. JSON-safe. */
export interface Histogram {
  counts: number[];
  count: number;
  sumMs: number;
}

/** A new empty histogram. */
export function emptyHistogram(): Histogram {
  return { counts: new Array<number>(BUCKETS).fill(0), count: 0, sumMs: 0 };
}

/** Adds one observation of `ms` milliseconds. */
export function observe(h: Histogram, ms: number): void {
  const i = bucketIndex(ms);
  h.counts[i] = (h.counts[i] ?? 0) + 1;
  h.count++;
  h.sumMs += ms > 0 ? ms : 0;
}

/** Adds `delta` into `into` (merging deltas from isolates); tolerates shorter count arrays. */
export function mergeHistogram(into: Histogram, delta: Histogram): void {
  const n = Math.min(delta.counts.length, BUCKETS);
  for (let i = 0; i < n; i++) into.counts[i] = (into.counts[i] ?? 0) + (delta.counts[i] ?? 0);
  into.count += delta.count;
  into.sumMs += delta.sumMs;
}

/**
 * Estimated value at quantile `q` in [0, 1] (e.g. 0.99 for p99), in ms; undefined when empty.
 * Interpolates linearly inside the bucket holding the rank; the overflow bucket reports its lower
 * bound (the estimate is "at least this").
 */
export function percentile(h: Histogram, q: number): number | undefined {
  if (h.count <= 0) return undefined;
  const rank = Math.max(1, Math.ceil(Math.min(Math.max(q, 0), 1) * h.count));
  let seen = 0;
  for (let i = 0; i < h.counts.length; i++) {
    const c = h.counts[i] ?? 0;
    if (c === 0) continue;
    if (seen + c >= rank) {
      const lo = bucketLowerBound(i);
      if (i >= BOUNDED_BUCKETS) return lo;
      const hi = bucketUpperBound(i);
      return lo + ((hi - lo) * (rank - seen)) / c;
    }
    seen += c;
  }
  return bucketLowerBound(BOUNDED_BUCKETS);
}
