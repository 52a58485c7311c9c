import { describe, expect, it } from "vitest";
import { analyze, manual, startRollout } from "./state-machine";
import type { Analysis, RolloutSpec, RolloutState, Transition } from "./types";

const spec: RolloutSpec = {
  virtualRouterName: "router",
  routeName: "route",
  primaryVirtualNode: "v1",
  canaryVirtualNode: "v2",
  stepWeight: 20,
  maxWeight: 60,
  interval: { unit: "s", value: 60 },
  analysis: { minSuccessRate: 99, maxP99LatencyMs: 500, failedChecksThreshold: 2, minRequests: 10 },
};
const healthy: Analysis = { requests: 100, successRate: 100, p99LatencyMs: 20 };
const failing: Analysis = { requests: 100, successRate: 50, p99LatencyMs: 20 };
const slow: Analysis = { requests: 100, successRate: 100, p99LatencyMs: 900 };
const T = 1_000_000;

function run(state: RolloutState, a: Analysis, at: number): Transition {
  const t = analyze(spec, state, a, at);
  if (t === undefined) throw new Error("no transition");
  return t;
}

describe("rollout state machine", () => {
  it("starts with one step of canary traffic and schedules the first check", () => {
    const t = startRollout(spec, T);
    expect(t.weights).toEqual({ primary: 80, canary: 20 });
    expect(t.state).toMatchObject({ status: "PROGRESSING", canaryWeight: 20, nextCheckAt: T + 60_000 });
    expect(t.entry.event).toBe("STARTED");
  });

  it("advances step by step to maxWeight, then promotes to 100 on the next passing check", () => {
    let s = startRollout(spec, T).state;
    const seen: [string, number | undefined][] = [];
    for (let i = 1; i <= 3; i++) {
      const t = run(s, healthy, T + i * 60_000);
      seen.push([t.entry.event, t.weights?.canary]);
      s = t.state;
    }
    expect(seen).toEqual([
      ["ADVANCED", 40],
      ["ADVANCED", 60],
      ["PROMOTED", 100],
    ]);
    expect(s).toMatchObject({ status: "SUCCEEDED", canaryWeight: 100, nextCheckAt: null, checks: 3 });
    expect(analyze(spec, s, healthy, T + 999_999)).toBeUndefined();
  });

  it("holds the weights on a failed check and rolls back at the failed-checks threshold", () => {
    let s = startRollout(spec, T).state;
    const first = run(s, failing, T + 60_000);
    expect(first.entry.event).toBe("CHECK_FAILED");
    expect(first.weights).toBeUndefined();
    expect(first.entry.message).toContain("success rate 50% < 99%");
    s = first.state;
    const second = run(s, slow, T + 120_000);
    expect(second.entry.event).toBe("ROLLED_BACK");
    expect(second.weights).toEqual({ primary: 100, canary: 0 });
    expect(second.state).toMatchObject({ status: "FAILED", failedChecks: 2, nextCheckAt: null });
    expect(second.entry.message).toContain("p99 900 ms > 500 ms");
  });

  it("counts failed checks over the whole rollout, not only consecutive ones", () => {
    let s = startRollout(spec, T).state;
    s = run(s, failing, T + 1).state;
    s = run(s, healthy, T + 2).state;
    expect(s.canaryWeight).toBe(40);
    expect(run(s, failing, T + 3).state.status).toBe("FAILED");
  });

  it("skips a check without enough canary traffic: no step, no failure", () => {
    const s = startRollout(spec, T).state;
    const t = run(s, { requests: 3, successRate: 0, p99LatencyMs: 9999 }, T + 60_000);
    expect(t.entry.event).toBe("CHECK_SKIPPED");
    expect(t.weights).toBeUndefined();
    expect(t.state).toMatchObject({ failedChecks: 0, canaryWeight: 20, nextCheckAt: T + 120_000 });
  });

  it("pauses (no checks), resumes with a fresh interval, and aborts back to the primary", () => {
    const s = startRollout(spec, T).state;
    const p = manual(spec, s, "pause", T + 5);
    if (typeof p === "string") throw new Error(p);
    expect(p.state).toMatchObject({ status: "PAUSED", nextCheckAt: null, canaryWeight: 20 });
    expect(analyze(spec, p.state, healthy, T + 60_000)).toBeUndefined();
    expect(manual(spec, p.state, "pause", T + 6)).toBe("rollout is already PAUSED");
    const r = manual(spec, p.state, "resume", T + 10);
    if (typeof r === "string") throw new Error(r);
    expect(r.state).toMatchObject({ status: "PROGRESSING", nextCheckAt: T + 10 + 60_000 });
    const a = manual(spec, r.state, "abort", T + 20);
    if (typeof a === "string") throw new Error(a);
    expect(a.weights).toEqual({ primary: 100, canary: 0 });
    expect(a.state.status).toBe("ABORTED");
    expect(manual(spec, a.state, "resume", T + 30)).toMatch(/rollout is ABORTED/);
  });

  it("caps the first step at maxWeight", () => {
    expect(startRollout({ ...spec, stepWeight: 80, maxWeight: 50 }, T).weights).toEqual({ primary: 50, canary: 50 });
  });
});
