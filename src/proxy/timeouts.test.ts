import { describe, expect, it } from "vitest";
import { compileRetry, DEFAULT_RETRY } from "../snapshot/compile-retry";
import { DEFAULT_PER_REQUEST_MS, effectiveTimeouts } from "./timeouts";

const NONE = Number.POSITIVE_INFINITY;

describe("effectiveTimeouts: App Mesh's two hops", () => {
  it("defaults both the route's request timeout and the listener's attempt timeout to 15 s", () => {
    expect(DEFAULT_PER_REQUEST_MS).toBe(15_000);
    expect(effectiveTimeouts(null, null)).toEqual({ requestMs: 15_000, attemptMs: 15_000 });
  });

  it("keeps the listener's default 15 s per attempt under a 20 s route (the route does not replace it)", () => {
    expect(effectiveTimeouts(20_000, null)).toEqual({ requestMs: 20_000, attemptMs: 15_000 });
  });

  it("keeps the route's default 15 s for the request under a 20 s listener", () => {
    expect(effectiveTimeouts(null, 20_000)).toEqual({ requestMs: 15_000, attemptMs: 20_000 });
  });

  it("lets a 17 s answer through only when both are raised (howto-timeout-policy)", () => {
    const t = effectiveTimeouts(20_000, 20_000);
    expect(t).toEqual({ requestMs: 20_000, attemptMs: 20_000 });
    // Without a retryPolicy nothing else bounds the one attempt: no per-try timeout.
    expect(compileRetry(undefined).perTryMs).toBe(0);
    expect(Math.min(t.requestMs, t.attemptMs) > 17_000).toBe(true);
  });

  it("0 disables either one", () => {
    expect(effectiveTimeouts(0, 0)).toEqual({ requestMs: NONE, attemptMs: NONE });
    expect(effectiveTimeouts(0, 500)).toEqual({ requestMs: NONE, attemptMs: 500 });
  });
});

describe("the default retry policy (a route without retryPolicy)", () => {
  it("is App Mesh's: 2 retries on 503, gRPC unavailable and connect failures; no per-try timeout, no reset", () => {
    expect(compileRetry(undefined)).toEqual({
      maxRetries: 2,
      perTryMs: 0,
      statuses: [503],
      connectError: true,
      reset: false,
      grpcStatuses: [14],
    });
    expect(DEFAULT_RETRY.perTryMs).toBe(0);
  });
});
