import { describe, expect, it } from "vitest";
import { emptyCounters, recordRequest } from "./counters";
import { buildTimeline } from "./timeline";

function counted(statuses: number[], ms: number) {
  const c = emptyCounters();
  for (const s of statuses) recordRequest(c, s, ms);
  return c;
}

describe("metrics timeline", () => {
  it("gives every bucket of the window per route and node, empty buckets as rate 0 without success or latency", () => {
    const rows = [
      { start: 100, route: "r/a", node: "v2", counters: counted([200, 500], 40) },
      { start: 120, route: "r/a", node: "v2", counters: counted([200], 10) },
      { start: 100, route: "r/a", node: "v1", counters: counted(Array(20).fill(200), 5) },
      { start: 80, route: "r/a", node: "v1", counters: counted([200], 5) }, // before the window
    ];
    const t = buildTimeline("m", rows, 10, 100, 125);
    expect(t.routes.map((r) => r.route)).toEqual(["r/a"]);
    const [v1, v2] = t.routes[0]!.nodes;
    expect([v1!.virtualNode, v2!.virtualNode]).toEqual(["v1", "v2"]);
    expect(v1!.points.map((p) => [p.t, p.rate])).toEqual([
      [100, 2],
      [110, 0],
      [120, 0],
    ]);
    expect(v2!.points[0]).toMatchObject({ requests: 2, successRate: 50 });
    expect(v2!.points[0]!.p99LatencyMs).toBeGreaterThan(30);
    expect(v2!.points[1]).toMatchObject({ requests: 0, successRate: null, p99LatencyMs: null });
    // The current bucket has lasted 5 s of its 10: its rate divides by 5.
    expect(v2!.points[2]).toMatchObject({ requests: 1, rate: 0.2, successRate: 100 });
  });
});
