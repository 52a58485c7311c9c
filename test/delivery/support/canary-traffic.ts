import { emptyCounters, recordRequest } from "../../../src/metrics/counters";
import type { SeriesDelta } from "../../../src/metrics/recorder";

/**
 * A metrics delta as an edge isolate would flush it: `n` requests of one route and node with
 * the given status and latency. Used where a test drives the DO's analysis directly.
 */
export function delta(route: string, node: string, n: number, status: number, ms: number): SeriesDelta {
  const counters = emptyCounters();
  for (let i = 0; i < n; i++) recordRequest(counters, status, ms);
  return { route, node, counters };
}
