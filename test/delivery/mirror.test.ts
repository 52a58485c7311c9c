import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import app from "../../src/index";
import { flushEdgeMetrics } from "../../src/proxy/edge-metrics";
import type { MetricsReport } from "../../src/metrics/report";
import { edgeMany, mirrorEnv, settle } from "./support/edge";
import { buildDeliveryMesh, D, uniqueMesh, ok, seeChanges } from "./support/delivery-mesh";

/** Requests the shadow server received / answered for one run id. */
async function shadowStats(port: number, run: string): Promise<{ received: number; answered: number; bodyBytes: number }> {
  return (await fetch(`http://127.0.0.1:${port}/_stats?run=${run}`)).json();
}

async function meshWithMirror(prefix: string, shadowPort: number, percent: number) {
  const mesh = uniqueMesh(prefix);
  const n = await buildDeliveryMesh(mesh, { primary: inject("upstreams").a!, canary: inject("upstreams").b!, shadow: shadowPort });
  await ok("PUT", `${D}/meshes/${mesh}/virtualRouter/${n.router}/routes/${n.route}/policy`, { mirror: { virtualNode: "shadow", percent } });
  seeChanges(mesh);
  return { mesh, n, run: mesh };
}

describe("traffic mirroring", () => {
  it("sends the configured share of requests to the shadow", { timeout: 60_000 }, async () => {
    const port = inject("shadowPorts").fast;
    const { n, run } = await meshWithMirror("mirror-share", port, 25);
    const res = await edgeMany(1200, (i) => ({ url: `http://${n.service}/m/${i}`, headers: { "x-run-id": run } }), 50, mirrorEnv);
    expect(res.every((r) => r.status === 200 && r.node === "primary")).toBe(true);
    await settle(res);
    const s = await shadowStats(port, run);
    // 1,200 draws at 25%: the binomial standard deviation is 1.25 points; 5 points is 4 sd.
    expect(Math.abs((100 * s.received) / 1200 - 25)).toBeLessThan(5);
    expect(s.answered).toBe(s.received);
  });

  it("answers the client before a slow shadow does, with the client's own status, and counts the shadow apart", async () => {
    const port = inject("shadowPorts").slow; // 1.5 s, then 503
    const { mesh, n, run } = await meshWithMirror("mirror-slow", port, 100);
    const res = await edgeMany(5, (i) => ({ url: `http://${n.service}/slow/${i}`, headers: { "x-run-id": run } }), 5, mirrorEnv);
    // Every client has its full answer while no shadow copy has been answered yet.
    expect(res.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await shadowStats(port, run)).answered).toBe(0);
    await settle(res);
    expect(await shadowStats(port, run)).toMatchObject({ received: 5, answered: 5 });

    await flushEdgeMetrics(mirrorEnv);
    const report = await ok<MetricsReport>("GET", `${D}/meshes/${mesh}/metrics?window=60`);
    const byRoute = Object.fromEntries(report.routes.map((r) => [r.route, r]));
    expect(byRoute["router/route"]).toMatchObject({ requests: 5, successRate: 100 });
    expect(byRoute["router/route#mirror"]?.nodes[0]).toMatchObject({ virtualNode: "shadow", requests: 5, successRate: 0 });
  });

  it("mirrors a request's body along with it", async () => {
    const port = inject("shadowPorts").fast;
    const { n, run } = await meshWithMirror("mirror-body", port, 100);
    const body = "x".repeat(1000);
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request(`http://${n.service}/upload`, { method: "POST", body, headers: { "x-run-id": run } }),
      mirrorEnv,
      ctx,
    );
    const echo = (await res.json()) as { method: string; body: string };
    expect([res.status, echo.method, echo.body.length]).toEqual([200, "POST", 1000]);
    await waitOnExecutionContext(ctx);
    expect(await shadowStats(port, run)).toEqual({ received: 1, answered: 1, bodyBytes: 1000 });
  });

  it("keeps clients unaffected by a shadow that refuses connections", async () => {
    const { mesh, n, run } = await meshWithMirror("mirror-dead", inject("deadPort"), 100);
    const res = await edgeMany(20, (i) => ({ url: `http://${n.service}/dead/${i}`, headers: { "x-run-id": run } }), 10, mirrorEnv);
    expect(res.every((r) => r.status === 200 && r.node === "primary")).toBe(true);
    await settle(res);
    // The copies were sent and failed (not skipped): without this the test passes with no mirroring at all.
    await flushEdgeMetrics(mirrorEnv);
    const report = await ok<MetricsReport>("GET", `${D}/meshes/${mesh}/metrics?window=60`);
    const mirror = report.routes.find((r) => r.route === "router/route#mirror");
    expect(mirror?.nodes[0]).toMatchObject({ virtualNode: "shadow", requests: 20, successRate: 0 });
  });
});
