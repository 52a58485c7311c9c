/**
 * The metrics flush awaits one call per mesh Durable Object: a hung object must not stall it (and
 * every flush queued behind it) forever. Issue 13: bounded by DO_CALL_TIMEOUT_MS, deltas kept.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { edgeRecorder, flushEdgeMetrics, type MetricsEnv } from "../../src/proxy/edge-metrics";
import { ok, uniqueMesh } from "./support/delivery-mesh";

const BOUND = 200;
/** What a timer firing at the bound may add on a loaded 2-core machine (scheduling, not waiting). */
const SCHEDULING_MS = 150;

describe("the edge metrics flush", () => {
  it("gives up on a hung mesh object after DO_CALL_TIMEOUT_MS, keeps the deltas, and the next flush goes through", async () => {
    const hung = {
      DO_CALL_TIMEOUT_MS: String(BOUND),
      MESH: { idFromName: (n: string) => env.MESH.idFromName(n), get: () => ({ ingestMetrics: () => new Promise<never>(() => {}) }) },
    } as unknown as MetricsEnv;
    const mesh = uniqueMesh("flush-hang");
    await ok("PUT", "/v20190125/meshes", { meshName: mesh, spec: {} });
    edgeRecorder.record(mesh, "r/a", "v1", 200, 1);
    const t0 = Date.now();
    await flushEdgeMetrics(hung);
    const waited = Date.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(BOUND - 5);
    expect(waited).toBeLessThan(BOUND + SCHEDULING_MS);
    expect(edgeRecorder.pending).toBe(1);
    await flushEdgeMetrics(env as unknown as MetricsEnv);
    expect(edgeRecorder.pending).toBe(0);
  });
});
