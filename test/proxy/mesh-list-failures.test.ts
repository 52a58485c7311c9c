/**
 * SERVED_MESHES = "*" with a failing registry Durable Object: the real EntryIndex (a fresh one,
 * as a new isolate has) stores the failure and backs off, instead of calling the registry on
 * every request; with a list from before it keeps serving that list.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { proxyConfig } from "../../src/proxy/config";
import { EntryIndex, type EntryPoints } from "../../src/proxy/entry-points";
import type { MeshSnapshot } from "../../src/snapshot";
import { createMesh, createNode, createService } from "./support/mesh";
import { FaultySource, maxFailingCalls, realSnapshot, scenarioEnv, sleep } from "./support/faulty-source";

const MESH = "px-list-faults";
const HOST = "list.faults.local";
const TTL = 100;
const BOUND = 300;
const SCHEDULING_MS = 150;
const cfg = proxyConfig({ ...scenarioEnv("*", TTL, BOUND), SERVED_GATEWAYS: "*" });
const bg = { waitUntil() {} };
let snap: MeshSnapshot;

beforeAll(async () => {
  await createMesh(MESH);
  await createNode(MESH, "blue", "a");
  await createService(MESH, HOST, { node: "blue" });
  snap = await realSnapshot(MESH);
});

/** One request's view: the entry points and how long it waited for them. */
async function entry(index: EntryIndex, source: FaultySource): Promise<{ ep: EntryPoints; waitMs: number }> {
  const t0 = Date.now();
  const r = index.current(cfg, source, t0, bg);
  const ep = r instanceof Promise ? await r : r;
  return { ep, waitMs: Date.now() - t0 };
}

/** About 100 requests a second for `forMs`. */
async function traffic(index: EntryIndex, source: FaultySource, forMs: number) {
  const t0 = Date.now();
  const seen: { ep: EntryPoints; waitMs: number }[] = [];
  while (Date.now() - t0 < forMs) {
    seen.push(await entry(index, source));
    await sleep(10);
  }
  return { seen, elapsedMs: Date.now() - t0 };
}

function source(listFault: FaultySource["listFault"]): FaultySource {
  const s = new FaultySource();
  s.names = [MESH];
  s.snapshots.set(MESH, snap);
  s.listFault = listFault;
  return s;
}

describe('the mesh list (SERVED_MESHES = "*") when the registry fails', () => {
  it("errors, cold: unavailable at once for every request, one registry call per back-off (not per request)", async () => {
    const s = source("error");
    const index = new EntryIndex();
    const { seen, elapsedMs } = await traffic(index, s, 1000);
    expect(seen.every((x) => x.ep.unavailable?.includes("list of meshes") && x.ep.byHost.size === 0 && x.waitMs < BOUND)).toBe(true);
    expect(s.listCalls.length).toBeGreaterThanOrEqual(2);
    expect(s.listCalls.length).toBeLessThanOrEqual(maxFailingCalls(elapsedMs, 0));
    expect(seen.length).toBeGreaterThan(10 * s.listCalls.length);
    // Once the registry answers (after the back-off), the mesh is loaded and routable.
    s.listFault = "ok";
    let last = seen.at(-1)!.ep;
    for (let t0 = Date.now(); Date.now() - t0 < 3000 && last.unavailable !== null; await sleep(20)) last = (await entry(index, s)).ep;
    expect(last.byHost.has(HOST)).toBe(true);
  });

  it("hangs, cold: the first request waits at most the bound; the next ones do not wait", async () => {
    const s = source("hang");
    const index = new EntryIndex();
    const first = await entry(index, s);
    expect(first.ep.unavailable).toContain("list of meshes");
    expect(first.waitMs).toBeGreaterThanOrEqual(BOUND - 5);
    expect(first.waitMs).toBeLessThan(BOUND + SCHEDULING_MS);
    const { seen, elapsedMs } = await traffic(index, s, 800);
    expect(seen.every((x) => x.ep.unavailable !== null && x.waitMs < BOUND)).toBe(true);
    expect(s.listCalls.length).toBeLessThanOrEqual(maxFailingCalls(elapsedMs + BOUND, BOUND));
  });

  it("fails when warm: keeps serving the list it has, and calls the registry once per back-off", async () => {
    const s = source("ok");
    const index = new EntryIndex();
    expect((await entry(index, s)).ep.byHost.has(HOST)).toBe(true);
    s.listFault = "overloaded";
    const before = s.listCalls.length;
    const { seen, elapsedMs } = await traffic(index, s, 1200);
    expect(seen.every((x) => x.ep.byHost.has(HOST) && x.ep.unavailable === null && x.waitMs < BOUND)).toBe(true);
    const failing = s.listCalls.length - before;
    expect(failing).toBeGreaterThanOrEqual(2);
    expect(failing).toBeLessThanOrEqual(maxFailingCalls(elapsedMs, 0));
  });
});
