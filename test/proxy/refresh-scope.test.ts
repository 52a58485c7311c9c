/**
 * Which meshes an isolate refreshes: every served mesh is loaded once (its hosts are unknown
 * before), then only meshes requests are routed to, plus every served mesh when a request
 * matches nothing (its host may be new in any of them). Real snapshots of two real meshes.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createMesh, createNode, createService } from "./support/mesh";
import { drive, FaultySource, realSnapshot, renamed, scenarioEnv, send, sleep } from "./support/faulty-source";

const A = "px-scope-a";
const B = "px-scope-b";
const TTL = 100;
const vars = scenarioEnv(`${A},${B}`, TTL, 300);
const source = new FaultySource();

beforeAll(async () => {
  for (const [mesh, host] of [
    [A, "a.scope.local"],
    [B, "b.scope.local"],
  ] as const) {
    await createMesh(mesh);
    await createNode(mesh, "n", "a");
    await createService(mesh, host, { node: "n" });
    source.snapshots.set(mesh, await realSnapshot(mesh));
  }
});

describe("snapshot refreshes follow the traffic", () => {
  it("loads every served mesh once, then refreshes only the mesh requests are routed to", async () => {
    const { outcomes } = await drive("a.scope.local", vars, source, 800);
    expect(outcomes.every((o) => o.status === 200)).toBe(true);
    expect(source.callsOf(B).length).toBe(1);
    // About one refresh per half TTL while routed to (at least a few in 800 ms).
    expect(source.callsOf(A).length).toBeGreaterThanOrEqual(4);
  });

  it("refreshes the other meshes when a request matches no host, so a host new there is routed soon after", async () => {
    // B gains a host behind this isolate's back (a write through another isolate): B's next
    // version is the snapshot of a twin mesh that has the new host too.
    const twin = "px-scope-b-next";
    await createMesh(twin);
    await createNode(twin, "n", "a");
    await createService(twin, "b.scope.local", { node: "n" });
    await createService(twin, "new.scope.local", { node: "n" });
    const next = renamed(await realSnapshot(twin), B);
    next.version = source.snapshots.get(B)!.version + 100;
    source.snapshots.set(B, next);
    const bCalls = source.callsOf(B).length;
    const miss = await send("new.scope.local", vars, source);
    expect([miss.status, miss.cause]).toEqual([404, "no_route"]);
    let last = miss;
    for (let t0 = Date.now(); Date.now() - t0 < 1000 && last.status !== 200; await sleep(10))
      last = await send("new.scope.local", vars, source);
    expect([last.status, last.cause]).toEqual([200, null]);
    expect(source.callsOf(B).length).toBe(bCalls + 1);
  });
});
