import { describe, expect, it } from "vitest";
import { emptyCounters, recordRequest } from "./counters";
import { MetricsRecorder } from "./recorder";
import { buildReport } from "./report";
import { MemoryBucketStorage, TimeBuckets } from "./time-buckets";

const T0 = 1_800_000_000_000; // a multiple of 10 s, in ms

function delta(route: string, node: string, statuses: number[], ms = 10) {
  const counters = emptyCounters();
  for (const s of statuses) recordRequest(counters, s, ms);
  return { route, node, counters };
}

describe("time buckets", () => {
  it("merges deltas arriving in the same bucket and sums a window", () => {
    const store = new MemoryBucketStorage();
    const tb = new TimeBuckets(store, { bucketSeconds: 10, retentionSeconds: 3600 });
    tb.ingest(T0 + 1000, [delta("r/a", "v1", [200, 200, 503])]);
    tb.ingest(T0 + 4000, [delta("r/a", "v1", [200])]);
    tb.ingest(T0 + 15_000, [delta("r/a", "v2", [404])]);
    expect(store.rows.size).toBe(2);
    const q = tb.query(T0 + 19_000, 60);
    expect(q.series.size).toBe(2);
    const report = buildReport("m", 60, q.coveredSeconds, q.series.values(), T0 + 19_000);
    const route = report.routes[0];
    expect(route?.requests).toBe(5);
    expect(route?.successRate).toBe(80);
    expect(route?.nodes.map((n) => [n.virtualNode, n.requests, n.successRate])).toEqual([
      ["v1", 4, 75],
      ["v2", 1, 100],
    ]);
  });

  it("leaves buckets older than the window out of the query", () => {
    const tb = new TimeBuckets(new MemoryBucketStorage(), { bucketSeconds: 10, retentionSeconds: 3600 });
    tb.ingest(T0, [delta("r/a", "v1", [500, 500])]);
    tb.ingest(T0 + 120_000, [delta("r/a", "v1", [200])]);
    const recent = tb.query(T0 + 125_000, 60).series;
    expect([...recent.values()][0]?.counters.requests).toBe(1);
    const all = tb.query(T0 + 125_000, 600).series;
    expect([...all.values()][0]?.counters.requests).toBe(3);
  });

  it("drops buckets beyond the retention limit on ingest", () => {
    const store = new MemoryBucketStorage();
    const tb = new TimeBuckets(store, { bucketSeconds: 10, retentionSeconds: 60 });
    tb.ingest(T0, [delta("r/a", "v1", [200])]);
    tb.ingest(T0 + 50_000, [delta("r/a", "v1", [200])]);
    expect(store.rows.size).toBe(2);
    tb.ingest(T0 + 80_000, [delta("r/a", "v1", [200])]);
    expect([...store.rows.values()].map((r) => r.start * 1000 - T0)).toEqual([50_000, 80_000]);
  });

  it("computes the rate over the covered seconds, not the requested window", () => {
    const tb = new TimeBuckets(new MemoryBucketStorage(), { bucketSeconds: 10, retentionSeconds: 120 });
    tb.ingest(T0 + 5000, [delta("r/a", "v1", new Array(300).fill(200))]);
    const q = tb.query(T0 + 9_500, 60);
    expect(q.coveredSeconds).toBe(60);
    expect(buildReport("m", 60, q.coveredSeconds, q.series.values(), T0 + 9_500).routes[0]?.rate).toBe(5);
    const wide = tb.query(T0 + 9_500, 10_000);
    expect(wide.coveredSeconds).toBe(120);
    expect(buildReport("m", 10_000, wide.coveredSeconds, wide.series.values(), T0 + 9_500).routes[0]?.rate).toBe(2.5);
  });
});

describe("isolate recorder", () => {
  it("drains per mesh, route and node deltas and starts from zero", () => {
    const r = new MetricsRecorder();
    r.record("m1", "r/a", "v1", 200, 3);
    r.record("m1", "r/a", "v1", 500, 4);
    r.record("m1", "r/a", "v2", 200, 5);
    r.record("m2", "-", "n", 0, 1);
    expect(r.pending).toBe(4);
    const d = r.drain();
    expect(d.map((m) => [m.mesh, m.series.map((s) => [s.route, s.node, s.counters.requests])])).toEqual([
      [
        "m1",
        [
          ["r/a", "v1", 2],
          ["r/a", "v2", 1],
        ],
      ],
      ["m2", [["-", "n", 1]]],
    ]);
    expect(r.pending).toBe(0);
    expect(r.drain()).toEqual([]);
  });

  it("counts requests routed by a stale snapshot through to the report, next to rows stored before the count existed", () => {
    const r = new MetricsRecorder();
    r.record("m1", "r/a", "v1", 200, 3, true);
    r.record("m1", "r/a", "v1", 200, 3, false);
    r.record("m1", "r/a", "v1", 503, 3, true);
    const store = new MemoryBucketStorage();
    const tb = new TimeBuckets(store, { bucketSeconds: 10, retentionSeconds: 3600 });
    const old = emptyCounters();
    delete old.stale;
    recordRequest(old, 200, 3);
    tb.ingest(T0 + 1000, [{ route: "r/a", node: "v1", counters: old }]);
    tb.ingest(T0 + 2000, r.drain()[0]!.series);
    const q = tb.query(T0 + 3000, 60);
    const route = buildReport("m1", 60, q.coveredSeconds, q.series.values(), T0 + 3000).routes[0];
    expect([route?.requests, route?.staleRequests, route?.nodes[0]?.staleRequests]).toEqual([4, 2, 2]);
  });

  it("keeps deltas of a failed flush for the next one", () => {
    const r = new MetricsRecorder();
    r.record("m1", "r/a", "v1", 200, 3);
    const d = r.drain();
    r.record("m1", "r/a", "v1", 503, 3);
    r.restore(d);
    const again = r.drain();
    expect(again[0]?.series[0]?.counters.requests).toBe(2);
    expect(again[0]?.series[0]?.counters.statusClasses).toEqual([0, 0, 1, 0, 0, 1]);
  });
});
