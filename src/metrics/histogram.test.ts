import { describe, expect, it } from "vitest";
import { BUCKETS, bucketIndex, bucketLowerBound, bucketUpperBound, emptyHistogram, mergeHistogram, observe, percentile } from "./histogram";

describe("latency histogram", () => {
  it("puts every duration in the bucket whose bounds contain it", () => {
    for (const ms of [0, 0.05, 0.1, 0.11, 1, 2.5, 17, 250, 999, 15_000, 119_000]) {
      const i = bucketIndex(ms);
      expect(ms).toBeGreaterThanOrEqual(bucketLowerBound(i));
      expect(ms).toBeLessThanOrEqual(bucketUpperBound(i));
    }
  });

  it("sends huge and invalid durations to the overflow and first buckets", () => {
    expect(bucketIndex(10_000_000)).toBe(BUCKETS - 1);
    expect(bucketIndex(Number.NaN)).toBe(0);
    expect(bucketIndex(-5)).toBe(0);
  });

  it("estimates percentiles within the bucket resolution", () => {
    const h = emptyHistogram();
    for (let ms = 1; ms <= 1000; ms++) observe(h, ms);
    expect(h.count).toBe(1000);
    for (const [q, truth] of [
      [0.5, 500],
      [0.9, 900],
      [0.99, 990],
    ] as const) {
      const p = percentile(h, q) ?? 0;
      expect(Math.abs(p - truth) / truth).toBeLessThan(0.1);
    }
  });

  it("is empty-safe", () => {
    expect(percentile(emptyHistogram(), 0.99)).toBeUndefined();
  });

  it("merges deltas exactly: two halves equal the whole", () => {
    const whole = emptyHistogram();
    const a = emptyHistogram();
    const b = emptyHistogram();
    for (let i = 0; i < 500; i++) {
      const ms = (i * 37) % 400;
      observe(whole, ms);
      observe(i % 2 === 0 ? a : b, ms);
    }
    mergeHistogram(a, b);
    expect(a).toEqual(whole);
    expect(percentile(a, 0.9)).toBe(percentile(whole, 0.9));
  });

  it("reports a p99 dominated by slow outliers", () => {
    const h = emptyHistogram();
    for (let i = 0; i < 95; i++) observe(h, 5);
    for (let i = 0; i < 5; i++) observe(h, 800);
    expect(percentile(h, 0.5) ?? 0).toBeLessThan(6);
    expect(percentile(h, 0.99) ?? 0).toBeGreaterThan(700);
  });
});
