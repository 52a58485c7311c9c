import { emptyHistogram, mergeHistogram, observe, type Histogram } from "./histogram";

/**
 * Counters of one series (one route and one virtual node over some span of time).
 * `statusClasses[k]` counts responses with status `k`xx for k = 1..5; index 0 counts requests that
 * ended without an HTTP status from the mesh (status 0 or out of range). JSON-safe.
 */
export interface SeriesCounters {
  requests: number;
  statusClasses: number[];
  latency: Histogram;
  /**
   * Requests routed by a snapshot older than SNAPSHOT_TTL_MS (the mesh's Durable Object had not
   * answered a refresh in time). Absent in counters stored before it was counted.
   */
  stale?: number;
}

/** A new empty counter set. */
export function emptyCounters(): SeriesCounters {
  return { requests: 0, statusClasses: [0, 0, 0, 0, 0, 0], latency: emptyHistogram(), stale: 0 };
}

/** Index in `statusClasses` of an HTTP status: 1..5 for 1xx..5xx, 0 for anything else. */
export function statusClass(status: number): number {
  const k = Math.floor(status / 100);
  return k >= 1 && k <= 5 ? k : 0;
}

/** Counts one finished request (`stale`: routed by a snapshot older than the TTL). */
export function recordRequest(c: SeriesCounters, status: number, durationMs: number, stale = false): void {
  c.requests++;
  if (stale) c.stale = (c.stale ?? 0) + 1;
  const k = statusClass(status);
  c.statusClasses[k] = (c.statusClasses[k] ?? 0) + 1;
  observe(c.latency, durationMs);
}

/** Adds `delta` into `into`. */
export function mergeCounters(into: SeriesCounters, delta: SeriesCounters): void {
  into.requests += delta.requests;
  if (delta.stale) into.stale = (into.stale ?? 0) + delta.stale;
  for (let k = 0; k < 6; k++) into.statusClasses[k] = (into.statusClasses[k] ?? 0) + (delta.statusClasses[k] ?? 0);
  mergeHistogram(into.latency, delta.latency);
}

/**
 * Requests that failed from the client's point of view: 5xx answers and requests without a status.
 * 4xx count as successes (the service answered; the client asked for something wrong), as in
 * Flagger's and Linkerd's request-success-rate.
 */
export function failures(c: SeriesCounters): number {
  return (c.statusClasses[5] ?? 0) + (c.statusClasses[0] ?? 0);
}

/** Success rate in percent (0-100); undefined without requests. */
export function successRatePercent(c: SeriesCounters): number | undefined {
  if (c.requests <= 0) return undefined;
  return (100 * (c.requests - failures(c))) / c.requests;
}
