import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { CreateRolloutInput } from "./schema";

const valid = {
  rolloutName: "v2-canary",
  spec: {
    virtualRouterName: "r",
    routeName: "rt",
    primaryVirtualNode: "v1",
    canaryVirtualNode: "v2",
    stepWeight: 10,
    maxWeight: 50,
    interval: { unit: "s", value: 60 },
    analysis: { minSuccessRate: 99.5, maxP99LatencyMs: 300, failedChecksThreshold: 3 },
  },
};
const withSpec = (over: Record<string, unknown>) => ({ ...valid, spec: { ...valid.spec, ...over } });
const withAnalysis = (over: Record<string, unknown>) => withSpec({ analysis: { ...valid.spec.analysis, ...over } });

describe("rollout input schema", () => {
  it("accepts a complete rollout and defaults minRequests to 1", () => {
    const out = v.parse(CreateRolloutInput, valid);
    expect(out.spec.analysis.minRequests).toBe(1);
  });

  it("refuses values that could not be stored or make no sense", () => {
    for (const bad of [
      withAnalysis({ maxP99LatencyMs: Number.POSITIVE_INFINITY }),
      withAnalysis({ minSuccessRate: 101 }),
      withAnalysis({ failedChecksThreshold: 0 }),
      withSpec({ stepWeight: 2.5 }),
      withSpec({ maxWeight: 101 }),
      withSpec({ interval: { unit: "ms", value: 999 } }),
      withSpec({ interval: { unit: "h", value: 1 } }),
      withSpec({ canaryVirtualNode: "v1" }),
      withSpec({ unknown: 1 }),
      { ...valid, rolloutName: "has space" },
      { ...valid, rolloutName: "" },
    ]) {
      expect(v.safeParse(CreateRolloutInput, bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
