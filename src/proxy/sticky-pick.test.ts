import { describe, expect, it } from "vitest";
import { compileRoutePolicies } from "../rollouts/route-policy";
import { pickTarget } from "./sticky-pick";

const policy = compileRoutePolicies([
  { meshName: "m", virtualRouterName: "r", routeName: "x", splitKey: { header: "x-user" }, version: 1, lastUpdatedAt: 0 },
])["r/x"]!;
const KEYS = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);
const split = (canary: number) => [
  { virtualNode: "primary", weight: 100 - canary },
  { virtualNode: "canary", weight: canary },
];
const assign = (canary: number) => KEYS.map((k) => pickTarget(split(canary), policy, new Headers({ "x-user": k }), 0)?.virtualNode);

describe("sticky split over 10,000 keys", () => {
  const at20 = assign(20);

  it("spreads keys within 2 points of the weights", () => {
    for (const [weights, got] of [
      [20, at20],
      [50, assign(50)],
      [90, assign(90)],
    ] as const) {
      const share = (100 * got.filter((n) => n === "canary").length) / KEYS.length;
      expect(Math.abs(share - weights)).toBeLessThanOrEqual(2);
    }
  });

  it("keeps every key on its target while the weights stay", () => {
    expect(assign(20)).toEqual(at20);
  });

  it("never moves a key off the canary as the canary's weight grows", () => {
    let before = at20;
    for (const w of [30, 45, 60, 80, 100]) {
      const now = assign(w);
      const left = before.filter((n, i) => n === "canary" && now[i] !== "canary").length;
      expect(left).toBe(0);
      before = now;
    }
    expect(before.every((n) => n === "canary")).toBe(true);
  });

  it("falls back to the random weighted pick without a key", () => {
    const targets = split(50);
    expect(pickTarget(targets, policy, new Headers(), 0.1)?.virtualNode).toBe("primary");
    expect(pickTarget(targets, policy, new Headers(), 0.9)?.virtualNode).toBe("canary");
    expect(pickTarget(targets, null, new Headers({ "x-user": "a" }), 0.9)?.virtualNode).toBe("canary");
  });
});
