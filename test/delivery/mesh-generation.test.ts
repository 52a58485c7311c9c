import { describe, expect, inject, it } from "vitest";
import { emptyCounters, recordRequest } from "../../src/metrics/counters";
import type { MetricsReport } from "../../src/metrics/report";
import { buildDeliveryMesh, call, D, meshStub, names, ok, rolloutSpec, uniqueMesh } from "./support/delivery-mesh";

const P = "/v20190125";

/** Deletes everything buildDeliveryMesh created, then the mesh (App Mesh deletes only an empty mesh). */
async function deleteDeliveryMesh(mesh: string): Promise<void> {
  const n = names(mesh);
  const m = `${P}/meshes/${mesh}`;
  await ok("DELETE", `${m}/virtualServices/${n.service}`);
  await ok("DELETE", `${m}/virtualRouter/${n.router}/routes/${n.route}`);
  await ok("DELETE", `${m}/virtualRouters/${n.router}`);
  for (const node of [n.primary, n.canary]) await ok("DELETE", `${m}/virtualNodes/${node}`);
  await ok("DELETE", m);
}

describe("delivery state belongs to one incarnation of a mesh", () => {
  it("a mesh deleted and created again under the same name starts with no rollouts, policies or metrics", async () => {
    const mesh = uniqueMesh("generation");
    const ports = { primary: inject("upstreams").a!, canary: inject("upstreams").b! };
    const n = await buildDeliveryMesh(mesh, ports);
    const policyPath = `${D}/meshes/${mesh}/virtualRouter/${n.router}/routes/${n.route}/policy`;
    await ok("PUT", `${D}/meshes/${mesh}/rollouts`, { rolloutName: "first", spec: rolloutSpec() });
    await ok("POST", `${D}/meshes/${mesh}/rollouts/first/abort`);
    await ok("PUT", policyPath, { splitKey: { cookie: "session" } });
    const counters = emptyCounters();
    recordRequest(counters, 200, 3);
    await meshStub(mesh).ingestMetrics([{ route: `${n.router}/${n.route}`, node: n.primary, counters }]);
    const before = await ok<MetricsReport>("GET", `${D}/meshes/${mesh}/metrics?window=60`);
    expect(before.routes.map((r) => r.requests)).toEqual([1]);
    expect((await ok<{ rollouts: unknown[] }>("GET", `${D}/meshes/${mesh}/rollouts`)).rollouts).toHaveLength(1);

    await deleteDeliveryMesh(mesh);
    await buildDeliveryMesh(mesh, ports);

    expect((await ok<{ rollouts: unknown[] }>("GET", `${D}/meshes/${mesh}/rollouts`)).rollouts).toEqual([]);
    expect((await ok<MetricsReport>("GET", `${D}/meshes/${mesh}/metrics?window=60`)).routes).toEqual([]);
    const policy = await call<{ message: string }>("GET", policyPath);
    expect([policy.status, policy.errorType]).toEqual([404, "NotFoundException"]);
  });
});
