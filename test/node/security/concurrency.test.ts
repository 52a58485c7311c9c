import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type RunningWorker } from "../support/start-worker";
import { httpApi, listAll, type HttpApi } from "./support/http-api";

const CLIENTS = 50;
const WRITES = 20;
const M = "/v20190125/meshes/cc";
type Res = { metadata: { version: number }; spec: Record<string, unknown> };

let w: RunningWorker;
let http: HttpApi;
beforeAll(async () => {
  w = await startWorker();
  http = httpApi(w.url);
  await http.ok("PUT", "/v20190125/meshes", { meshName: "cc", spec: {} });
  await http.ok("PUT", `${M}/virtualRouters`, {
    virtualRouterName: "shared",
    spec: { listeners: [{ portMapping: { port: 1000, protocol: "http" } }] },
  });
}, 120_000);
afterAll(() => w?.stop());

const node = (i: number, j: number) => ({
  spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }], serviceDiscovery: { dns: { hostname: `h${i}-${j}.local` } } },
});

/** One client: WRITES writes, alternating between its own node (create, then updates) and the shared router. */
async function client(i: number): Promise<{ own: number[]; shared: number[] }> {
  const own: number[] = [];
  const shared: number[] = [];
  for (let j = 0; j < WRITES; j++) {
    if (j % 2 === 0) {
      const r =
        j === 0
          ? await http.ok<Res>("PUT", `${M}/virtualNodes`, { virtualNodeName: `n${i}`, ...node(i, j) })
          : await http.ok<Res>("PUT", `${M}/virtualNodes/n${i}`, node(i, j));
      own.push(r.metadata.version);
    } else {
      const port = 2000 + i * WRITES + j;
      const r = await http.ok<Res>("PUT", `${M}/virtualRouters/shared`, {
        spec: { listeners: [{ portMapping: { port, protocol: "http" } }] },
      });
      shared.push(r.metadata.version);
    }
  }
  return { own, shared };
}

describe(`${CLIENTS} concurrent clients x ${WRITES} writes`, () => {
  it("lose and duplicate nothing: versions strictly increase and lists match what was written", async () => {
    const results = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
    const half = WRITES / 2;
    for (const { own, shared } of results) {
      expect(own).toEqual(Array.from({ length: half }, (_, k) => k + 1)); // 1..10, each write counted once
      for (let k = 1; k < shared.length; k++) expect(shared[k]).toBeGreaterThan(shared[k - 1] as number);
    }
    // Every update of the shared router got its own version: 2..(1 + all updates), no gaps, no repeats.
    const all = results.flatMap((r) => r.shared).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: CLIENTS * half }, (_, k) => k + 2));

    const listed = await listAll(http.ok, `${M}/virtualNodes`, "virtualNodes");
    expect(listed.map((n) => n["virtualNodeName"]).sort()).toEqual(Array.from({ length: CLIENTS }, (_, i) => `n${i}`).sort());
    for (let i = 0; i < CLIENTS; i++) {
      const d = await http.ok<Res>("GET", `${M}/virtualNodes/n${i}`);
      expect(d.metadata.version).toBe(half);
      expect(d.spec).toMatchObject(node(i, WRITES - 2).spec);
    }
    const shared = await http.ok<Res>("GET", `${M}/virtualRouters/shared`);
    expect(shared.metadata.version).toBe(1 + CLIENTS * half);
  }, 180_000);
});
