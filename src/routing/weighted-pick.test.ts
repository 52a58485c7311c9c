import { describe, expect, it } from "vitest";
import { hash01, pickByKey, pickWeighted } from "./weighted-pick";

const t = (virtualNode: string, weight: number) => ({ virtualNode, weight });

describe("pickWeighted", () => {
  it("gives each target a slice of [0, 1) in proportion to its weight, in list order", () => {
    const targets = [t("a", 1), t("b", 3)];
    expect(pickWeighted(targets, 0)?.virtualNode).toBe("a");
    expect(pickWeighted(targets, 0.2499)?.virtualNode).toBe("a");
    expect(pickWeighted(targets, 0.25)?.virtualNode).toBe("b");
    expect(pickWeighted(targets, 0.9999)?.virtualNode).toBe("b");
  });

  it("never picks a zero weight and has no target when all weights are zero", () => {
    const targets = [t("zero", 0), t("one", 1), t("zero2", 0)];
    for (const draw of [0, 0.3, 0.7, 0.999999]) expect(pickWeighted(targets, draw)?.virtualNode).toBe("one");
    expect(pickWeighted([t("a", 0), t("b", 0)], 0.5)).toBeUndefined();
    expect(pickWeighted([], 0.5)).toBeUndefined();
  });

  it("stays on a positive-weight target even for a draw of 1", () => {
    expect(pickWeighted([t("a", 1), t("b", 1), t("z", 0)], 1)?.virtualNode).toBe("b");
  });
});

describe("pickByKey", () => {
  const keys = Array.from({ length: 4000 }, (_, i) => `user-${i}`);

  it("is stable: the same key gets the same target, whatever the order of the list", () => {
    const targets = [t("a", 1), t("b", 1), t("c", 2)];
    for (const k of keys.slice(0, 200)) expect(pickByKey(targets, k)).toBe(pickByKey([...targets].reverse(), k));
  });

  it("spreads keys in proportion to the weights", () => {
    const targets = [t("a", 1), t("b", 3), t("c", 0)];
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (const k of keys) counts[pickByKey(targets, k)!.virtualNode]!++;
    expect(counts.c).toBe(0);
    // Expected 1000 / 3000; 4 standard deviations is about 110.
    expect(Math.abs(counts.a! - 1000)).toBeLessThan(110);
  });

  it("is monotonic: raising one weight only moves keys to that target", () => {
    const before = [t("a", 5), t("b", 5), t("c", 5)];
    const after = [t("a", 5), t("b", 9), t("c", 5)];
    let moved = 0;
    for (const k of keys) {
      const x = pickByKey(before, k)!.virtualNode;
      const y = pickByKey(after, k)!.virtualNode;
      if (x !== y) {
        moved++;
        expect(y).toBe("b");
      }
    }
    expect(moved).toBeGreaterThan(0);
  });

  it("has no target when every weight is zero", () => {
    expect(pickByKey([t("a", 0)], "k")).toBeUndefined();
  });

  it("hashes into the open interval (0, 1) and separates key/node boundaries", () => {
    for (const k of keys.slice(0, 500)) {
      const h = hash01(k, "node");
      expect(h).toBeGreaterThan(0);
      expect(h).toBeLessThan(1);
    }
    expect(hash01("ab", "c")).not.toBe(hash01("a", "bc"));
  });
});
