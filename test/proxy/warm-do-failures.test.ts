/**
 * A warm isolate (it holds the mesh's snapshot) whose mesh Durable Object hangs, answers slowly,
 * errors or is overloaded: every request is answered from the last snapshot without waiting,
 * marked stale once it is older than the TTL, and the object is called once per back-off.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { callBackoffMs } from "../../src/shared/backoff";
import type { MeshSnapshot } from "../../src/snapshot";
import { createMesh, createNode, createService } from "./support/mesh";
import { drive, FaultySource, maxFailingCalls, realSnapshot, renamed, scenarioEnv, send, sleep, type Fault } from "./support/faulty-source";

const BASE = "px-warm-faults";
const TTL = 100;
const BOUND = 300;
let base: MeshSnapshot;

beforeAll(async () => {
  await createMesh(BASE);
  await createNode(BASE, "blue", "a");
  await createService(BASE, "warm.faults.local", { node: "blue" });
  base = await realSnapshot(BASE);
});

/** A mesh of its own, loaded (warm) through a healthy source, then switched to `fault`. */
async function warm(name: string, fault: Fault) {
  const source = new FaultySource();
  source.snapshots.set(name, renamed(base, name));
  const vars = scenarioEnv(name, TTL, BOUND);
  const first = await send("warm.faults.local", vars, source);
  expect([first.status, first.cause, source.calls.length]).toEqual([200, null, 1]);
  source.fault = fault;
  const switched = source.calls.length;
  return { source, vars, failingCalls: () => source.calls.slice(switched).map((c) => c.at) };
}

describe("a warm isolate whose mesh Durable Object fails", () => {
  it("hangs: keeps answering from its snapshot without waiting; calls time out and back off; recovers", async () => {
    const { source, vars, failingCalls } = await warm("px-warm-hang", "hang");
    const { outcomes, elapsedMs } = await drive("warm.faults.local", vars, source, 1500);
    expect(outcomes.every((o) => o.status === 200 && o.cause === null)).toBe(true);
    // No request waited for the hung call (the bound is the most any call may take).
    expect(Math.max(...outcomes.map((o) => o.waitMs))).toBeLessThan(BOUND);
    // Served stale, and said so, once the snapshot is older than the TTL.
    expect(outcomes.at(-1)!.stale).toBe(true);
    expect(outcomes[0]!.stale).toBe(false);
    // One call at a time, each given up after the bound, then the back-off.
    const n = failingCalls().length;
    expect(n).toBeGreaterThanOrEqual(2);
    expect(n).toBeLessThanOrEqual(maxFailingCalls(elapsedMs, BOUND));
    source.fault = "ok";
    const after = await drive("warm.faults.local", vars, source, 2500);
    expect(after.outcomes.at(-1)!.stale).toBe(false);
  });

  it("answers slowly (slower than the TTL, within the bound): no request waits for it", async () => {
    const slowMs = 200;
    const { source, vars, failingCalls } = await warm("px-warm-slow", { slowMs });
    const { outcomes, elapsedMs } = await drive("warm.faults.local", vars, source, 1200);
    expect(outcomes.every((o) => o.status === 200)).toBe(true);
    expect(Math.max(...outcomes.map((o) => o.waitMs))).toBeLessThan(slowMs);
    expect(outcomes.some((o) => o.stale)).toBe(true);
    // At most one refresh in flight: no more calls than slow answers fit in the time.
    const n = failingCalls().length;
    expect(n).toBeGreaterThanOrEqual(2);
    expect(n).toBeLessThanOrEqual(Math.ceil(elapsedMs / slowMs) + 1);
  });

  it("errors: answers from its snapshot, and calls again only after the jittered back-off", async () => {
    const { source, vars, failingCalls } = await warm("px-warm-error", "error");
    const { outcomes, elapsedMs } = await drive("warm.faults.local", vars, source, 1500);
    expect(outcomes.every((o) => o.status === 200)).toBe(true);
    expect(Math.max(...outcomes.map((o) => o.waitMs))).toBeLessThan(BOUND);
    const calls = failingCalls();
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.length).toBeLessThanOrEqual(maxFailingCalls(elapsedMs, 0));
    expect(outcomes.length).toBeGreaterThan(5 * calls.length);
  });

  it("is overloaded: never called again sooner than the back-off, never re-called for a request", async () => {
    const { source, vars, failingCalls } = await warm("px-warm-overloaded", "overloaded");
    const { outcomes } = await drive("warm.faults.local", vars, source, 2000);
    expect(outcomes.every((o) => o.status === 200)).toBe(true);
    expect(Math.max(...outcomes.map((o) => o.waitMs))).toBeLessThan(BOUND);
    const calls = failingCalls();
    expect(calls.length).toBeGreaterThanOrEqual(2);
    // The gap after the n-th consecutive overloaded answer is at least the back-off's floor.
    for (let i = 1; i < calls.length; i++) expect(calls[i]! - calls[i - 1]!).toBeGreaterThanOrEqual(callBackoffMs(i, 0));
  });

  it("sees a change again once the object answers (a new version after the outage)", async () => {
    const { source, vars } = await warm("px-warm-recover", "error");
    await drive("warm.faults.local", vars, source, 300);
    const changed = renamed(base, "px-warm-recover");
    changed.version = base.version + 1;
    delete (changed.services as Record<string, unknown>)["warm.faults.local"];
    source.snapshots.set("px-warm-recover", changed);
    source.fault = "ok";
    let last = await send("warm.faults.local", vars, source);
    for (let t0 = Date.now(); Date.now() - t0 < 3000 && last.status === 200; await sleep(20))
      last = await send("warm.faults.local", vars, source);
    expect([last.status, last.cause]).toEqual([404, "no_route"]);
  });
});
