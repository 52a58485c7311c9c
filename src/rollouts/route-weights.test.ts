import { describe, expect, it } from "vitest";
import type { RouteSpec } from "../schema";
import { canaryShare, holdsRolloutWeights, rolloutTargetProblem, routeTargets, withRolloutWeights } from "./route-weights";

const spec: RouteSpec = {
  priority: 3,
  httpRoute: {
    match: { prefix: "/" },
    action: { weightedTargets: [{ virtualNode: "v1", weight: 1, port: 8080 }] },
    retryPolicy: { maxRetries: 1, perRetryTimeout: { unit: "ms", value: 100 }, httpRetryEvents: ["server-error"] },
  },
};

describe("rollout route weights", () => {
  it("adds the canary beside the primary with its port and keeps the rest of the spec", () => {
    const next = withRolloutWeights(spec, "v1", "v2", { primary: 80, canary: 20 });
    expect(routeTargets(next)).toEqual([
      { virtualNode: "v1", weight: 80, port: 8080 },
      { virtualNode: "v2", weight: 20, port: 8080 },
    ]);
    expect(next.priority).toBe(3);
    expect(next.httpRoute?.retryPolicy).toEqual(spec.httpRoute?.retryPolicy);
    expect(routeTargets(spec)).toEqual([{ virtualNode: "v1", weight: 1, port: 8080 }]);
  });

  it("updates existing targets in place", () => {
    const twice = withRolloutWeights(withRolloutWeights(spec, "v1", "v2", { primary: 80, canary: 20 }), "v1", "v2", {
      primary: 0,
      canary: 100,
    });
    expect(routeTargets(twice)?.map((t) => [t.virtualNode, t.weight])).toEqual([
      ["v1", 0],
      ["v2", 100],
    ]);
  });

  it("refuses routes without the primary or with third targets", () => {
    expect(rolloutTargetProblem(spec, "v1", "v2")).toBeUndefined();
    expect(rolloutTargetProblem(spec, "v9", "v2")).toMatch(/no weighted target for the primary/);
    const three = withRolloutWeights(spec, "v1", "v3", { primary: 50, canary: 50 });
    expect(rolloutTargetProblem(three, "v1", "v2")).toMatch(/other than the primary and canary: v3/);
  });
  it("reads the canary's share back from the route, whoever wrote it", () => {
    const written = withRolloutWeights(spec, "v1", "v2", { primary: 70, canary: 30 });
    expect(canaryShare(written, "v1", "v2")).toBe(30);
    expect(holdsRolloutWeights(written, "v1", "v2", 30)).toBe(true);
    const byHand = withRolloutWeights(spec, "v1", "v2", { primary: 3, canary: 1 });
    expect(canaryShare(byHand, "v1", "v2")).toBe(25);
    expect(holdsRolloutWeights(byHand, "v1", "v2", 30)).toBe(false);
    expect(canaryShare(spec, "v1", "v2")).toBe(0);
    expect(canaryShare(withRolloutWeights(spec, "v1", "v2", { primary: 0, canary: 0 }), "v1", "v2")).toMatch(/both 0/);
    expect(canaryShare(spec, "v9", "v2")).toMatch(/no weighted target for the primary/);
  });
});
