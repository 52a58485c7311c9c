import { describe, expect, inject, it } from "vitest";
import { edgeRecorder, flushEdgeMetrics } from "../../src/proxy/edge-metrics";
import type { MetricsReport } from "../../src/metrics/report";
import { edgeEnv, edgeMany } from "./support/edge";
import { buildDeliveryMesh, call, D, uniqueMesh, ok } from "./support/delivery-mesh";

describe("edge metrics", () => {
  it("counts proxied requests per route and node in the isolate, flushes them as one delta, and reports them", async () => {
    const mesh = uniqueMesh("metrics");
    const n = await buildDeliveryMesh(mesh, { primary: inject("upstreams").a!, canary: inject("upstreams").b! }, 50);
    await flushEdgeMetrics(edgeEnv); // start from an empty isolate recorder
    const ok200 = await edgeMany(200, () => ({ url: `http://${n.service}/hello` }));
    const failed = await edgeMany(50, () => ({ url: `http://${n.service}/status/500` }));
    expect(ok200.every((r) => r.status === 200) && failed.every((r) => r.status === 500)).toBe(true);

    // Counted in the isolate, not sent per request: nothing reached the DO yet.
    expect(edgeRecorder.pending).toBe(250);
    const before = await ok<MetricsReport>("GET", `${D}/meshes/${mesh}/metrics?window=60`);
    expect(before.routes).toEqual([]);

    await flushEdgeMetrics(edgeEnv);
    expect(edgeRecorder.pending).toBe(0);
    const report = await ok<MetricsReport>("GET", `${D}/meshes/${mesh}/metrics?window=60`);
    expect(report.meshName).toBe(mesh);
    expect(report.routes.map((r) => r.route)).toEqual(["router/route"]);
    const route = report.routes[0]!;
    expect(route.requests).toBe(250);
    expect(route.successRate).toBe(80);
    expect(route.statusClasses).toMatchObject({ "2xx": 200, "5xx": 50 });
    expect(route.rate).toBeCloseTo(250 / report.coveredSeconds, 2);
    expect(route.latencyMs.p50).toBeGreaterThan(0);
    expect(route.latencyMs.p99! >= route.latencyMs.p50!).toBe(true);

    const nodes = Object.fromEntries(route.nodes.map((x) => [x.virtualNode, x]));
    expect(Object.keys(nodes).sort()).toEqual(["canary", "primary"]);
    expect(nodes.primary!.requests + nodes.canary!.requests).toBe(250);
    // Each node got its share of the 50/50 split (binomial, n = 250: far inside 80-170).
    for (const x of route.nodes) expect(x.requests).toBeGreaterThan(80);
  });

  it("merges flushes from several rounds into the same window", async () => {
    const mesh = uniqueMesh("merge");
    const n = await buildDeliveryMesh(mesh, { primary: inject("upstreams").a!, canary: inject("upstreams").b! });
    for (let round = 0; round < 3; round++) {
      const sent = await edgeMany(20, () => ({ url: `http://${n.service}/r${round}` }));
      expect(sent.every((x) => x.status === 200)).toBe(true);
      await flushEdgeMetrics(edgeEnv);
    }
    const report = await ok<MetricsReport>("GET", `${D}/meshes/${mesh}/metrics?window=300`);
    expect(report.routes[0]?.nodes.map((x) => [x.virtualNode, x.requests, x.successRate])).toEqual([["primary", 60, 100]]);
  });

  it("refuses a bad window and an unknown mesh in App Mesh's error shape", async () => {
    for (const w of ["abc", "0", "-5", "1.5", "99999999"]) {
      const a = await call<{ message: string }>("GET", `${D}/meshes/any/metrics?window=${w}`);
      expect([a.status, a.errorType]).toEqual([400, "BadRequestException"]);
      expect(a.body.message).toMatch(/^window:/);
    }
    const missing = await call("GET", `${D}/meshes/${uniqueMesh("nope")}/metrics`);
    expect([missing.status, missing.errorType]).toEqual([404, "NotFoundException"]);
  });
});
