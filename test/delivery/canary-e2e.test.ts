import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import { flushEdgeMetrics } from "../../src/proxy/edge-metrics";
import { edgeEnv, edgeMany } from "./support/edge";
import { buildDeliveryMesh, D, describeWeights, uniqueMesh, meshStub, ok, rolloutSpec, seeChanges } from "./support/delivery-mesh";

type Rollout = {
  rollout: {
    status: { status: string; canaryWeight: number; failedChecks: number };
    history: { event: string; canaryWeight: number; analysis?: { requests: number; successRate: number } }[];
  };
};

const spec = rolloutSpec({
  stepWeight: 25,
  maxWeight: 75,
  interval: { unit: "s", value: 30 },
  analysis: { minSuccessRate: 95, maxP99LatencyMs: 2000, failedChecksThreshold: 2, minRequests: 5 },
});

/**
 * One interval of live traffic through the edge: 400 requests to the service, the isolate's
 * metrics flushed to the mesh DO, then the DO's alarm (run now instead of waiting 30 s).
 * Returns the share (percent) of requests the canary answered during the interval.
 */
async function liveInterval(mesh: string, service: string): Promise<{ canaryShare: number; statuses: Set<number> }> {
  seeChanges(mesh); // the weights the last check wrote, at once (the API's writes do the same)
  const res = await edgeMany(400, (i) => ({ url: `http://${service}/work/${i}` }));
  await flushEdgeMetrics(edgeEnv);
  expect(await runDurableObjectAlarm(meshStub(mesh))).toBe(true);
  return { canaryShare: (100 * res.filter((r) => r.node === "canary").length) / res.length, statuses: new Set(res.map((r) => r.status)) };
}

describe("canary rollouts over live edge traffic", () => {
  it("promotes a healthy canary step by step to 100 while traffic follows each step", async () => {
    const mesh = uniqueMesh("e2e-ok");
    const n = await buildDeliveryMesh(mesh, { primary: inject("upstreams").a!, canary: inject("upstreams").b! });
    await ok("PUT", `${D}/meshes/${mesh}/rollouts`, { rolloutName: "v2", spec });
    const shares: number[] = [];
    for (const expected of [25, 50, 75]) {
      const { canaryShare, statuses } = await liveInterval(mesh, n.service);
      expect([...statuses]).toEqual([200]);
      // 400 requests at the step's weight: the binomial spread stays far inside 10 points.
      expect(Math.abs(canaryShare - expected)).toBeLessThan(10);
      shares.push(canaryShare);
    }
    const done = await ok<Rollout>("GET", `${D}/meshes/${mesh}/rollouts/v2`);
    expect(done.rollout.status).toMatchObject({ status: "SUCCEEDED", canaryWeight: 100 });
    expect(done.rollout.history.map((h) => h.event)).toEqual(["STARTED", "ADVANCED", "ADVANCED", "PROMOTED"]);
    // Every check judged the canary's real requests from the edge.
    for (const h of done.rollout.history.slice(1)) expect(h.analysis?.successRate).toBe(100);
    expect(done.rollout.history[1]!.analysis!.requests).toBeGreaterThan(50);
    expect(await describeWeights(mesh)).toEqual({ version: 5, weights: { primary: 0, canary: 100 } });

    seeChanges(mesh);
    const after = await edgeMany(50, (i) => ({ url: `http://${n.service}/after/${i}` }));
    expect(after.every((r) => r.node === "canary" && r.status === 200)).toBe(true);
  });

  it("rolls a canary answering 500s back to the primary after two failed checks", async () => {
    const mesh = uniqueMesh("e2e-bad");
    const n = await buildDeliveryMesh(mesh, { primary: inject("upstreams").a!, canary: inject("shadowPorts").error });
    await ok("PUT", `${D}/meshes/${mesh}/rollouts`, { rolloutName: "broken", spec });
    const first = await liveInterval(mesh, n.service);
    expect(first.statuses).toEqual(new Set([200, 500]));
    const held = await ok<Rollout>("GET", `${D}/meshes/${mesh}/rollouts/broken`);
    expect(held.rollout.status).toMatchObject({ status: "PROGRESSING", canaryWeight: 25, failedChecks: 1 });

    await liveInterval(mesh, n.service);
    const failed = await ok<Rollout>("GET", `${D}/meshes/${mesh}/rollouts/broken`);
    expect(failed.rollout.status).toMatchObject({ status: "FAILED", canaryWeight: 0, failedChecks: 2 });
    expect(failed.rollout.history.at(-1)).toMatchObject({ event: "ROLLED_BACK", canaryWeight: 0 });
    expect(failed.rollout.history.at(-1)?.analysis?.successRate).toBe(0);

    seeChanges(mesh);
    const after = await edgeMany(50, (i) => ({ url: `http://${n.service}/after/${i}` }));
    expect(after.every((r) => r.node === "primary" && r.status === 200)).toBe(true);
  });
});
