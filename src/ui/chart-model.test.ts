import { describe, expect, it } from "vitest";
import { buildRouteCharts, markerKind, niceMax } from "./chart-model";

const point = (t: number, rate: number, successRate: number | null) => ({
  t,
  rate,
  successRate,
  p99LatencyMs: successRate === null ? null : 10,
});

describe("chart model", () => {
  it("breaks a line where a bucket has no value, and marks history entries inside the window only", () => {
    const series = [{ virtualNode: "v2", points: [point(0, 1, 100), point(10, 0, null), point(20, 2, 50), point(30, 2, 100)] }];
    const history = [
      { at: -5, event: "STARTED" as const, primaryWeight: 90, canaryWeight: 10, message: "before the window" },
      {
        at: 10,
        event: "CHECK_SKIPPED" as const,
        primaryWeight: 90,
        canaryWeight: 10,
        message: "skipped",
        analysis: { requests: 0, successRate: null, p99LatencyMs: null },
      },
      {
        at: 20,
        event: "CHECK_FAILED" as const,
        primaryWeight: 90,
        canaryWeight: 10,
        message: "failed",
        analysis: { requests: 9, successRate: 50, p99LatencyMs: 12 },
      },
    ];
    const rc = buildRouteCharts("r/a", ["v1", "v2"], series, [{ name: "c", primary: "v1", canary: "v2", history }], 0, 30);
    const success = rc.charts.find((c) => c.metric === "success");
    const [v1, v2] = success?.lines ?? [];
    expect(v1).toMatchObject({ virtualNode: "v1", role: "primary", d: "", last: null });
    // A lone first point (a dot), then a segment of two points after the gap.
    expect(v2?.d.match(/M/g)?.length).toBe(2);
    expect(v2?.d).toMatch(/^M[\d.]+ [\d.]+h0\.1M[\d.]+ [\d.]+L[\d.]+ [\d.]+$/);
    expect(v2).toMatchObject({ role: "canary", last: 100 });
    expect(rc.markers.map((m) => [m.event, m.kind])).toEqual([
      ["CHECK_SKIPPED", "skipped"],
      ["CHECK_FAILED", "failed"],
    ]);
    expect(rc.markers[1]?.label).toMatch(/CHECK_FAILED canary 10% · 9 canary requests, success 50%, p99 12 ms: failed/);
    expect(rc.markers[0]!.x).toBeLessThan(rc.markers[1]!.x);
  });

  it("tells passed checks from steps, and rounds axes up", () => {
    const at = { at: 0, primaryWeight: 50, canaryWeight: 50, message: "" };
    const a = { requests: 5, successRate: 100, p99LatencyMs: 1 };
    expect(markerKind({ ...at, event: "ADVANCED", analysis: a })).toBe("passed");
    expect(markerKind({ ...at, event: "ROLLED_BACK", analysis: a })).toBe("failed");
    expect(markerKind({ ...at, event: "ROLLED_BACK" })).toBe("step");
    expect(markerKind({ ...at, event: "PAUSED" })).toBe("step");
    expect([niceMax(0), niceMax(3), niceMax(7.5), niceMax(120)]).toEqual([1, 5, 10, 200]);
  });
});
