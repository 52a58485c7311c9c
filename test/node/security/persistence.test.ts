import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startWorker, type RunningWorker } from "../support/start-worker";
import { edgeAnswers } from "../support/edge-request";
import { startFaultUpstream, type FaultUpstream } from "./support/fault-upstream";
import { VALID, createFixtureMesh } from "./support/fixture-mesh";
import { httpApi, localNodeSpec } from "./support/http-api";

const persistDir = mkdtempSync(join(tmpdir(), "meshedge-persist-"));
let w: RunningWorker | undefined;
let up: FaultUpstream | undefined;
afterAll(async () => {
  await w?.stop();
  await up?.close();
  rmSync(persistDir, { recursive: true, force: true });
});

const M = "/v20190125/meshes/keep";
/** Every resource of the fixture mesh, as Describe answers it (plus lists and tags). */
const PATHS = [
  "/v20190125/meshes",
  M,
  `${M}/virtualNodes`,
  `${M}/virtualNodes/vn`,
  `${M}/virtualNodes/vn2`,
  `${M}/virtualServices`,
  `${M}/virtualRouters/vr`,
  `${M}/virtualRouter/vr/routes`,
  `${M}/virtualRouter/vr/routes/rt`,
  `${M}/virtualServices/vs.local`,
  `${M}/virtualGateways/vg`,
  `${M}/virtualGateway/vg/gatewayRoutes/gr`,
];

async function snapshot(url: string): Promise<Record<string, unknown>> {
  const { ok } = httpApi(url);
  const out: Record<string, unknown> = {};
  for (const p of PATHS) out[p] = await ok("GET", p);
  const arn = (out[M] as { metadata: { arn: string } }).metadata.arn;
  out["tags"] = await ok("GET", `/v20190125/tags?resourceArn=${encodeURIComponent(arn)}`);
  return out;
}

describe("persistence across a runtime restart", () => {
  it("keeps every resource, version, timestamp and tag, routes traffic, and versions continue afterwards", async () => {
    w = await startWorker({ persistDir });
    const api = httpApi(w.url);
    await createFixtureMesh(api, "keep");
    await api.ok("PUT", `${M}/virtualNodes`, { virtualNodeName: "vn2", ...VALID.virtualNode, tags: [{ key: "team", value: "edge" }] });
    await api.ok("PUT", `${M}/virtualNodes/vn2`, {
      spec: { ...VALID.virtualNode.spec, serviceDiscovery: { dns: { hostname: "vn2.local" } } },
    });
    const arn = (await api.ok<{ metadata: { arn: string } }>("GET", M)).metadata.arn;
    await api.ok("PUT", `/v20190125/tag?resourceArn=${encodeURIComponent(arn)}`, { tags: [{ key: "env", value: "prod" }] });
    // A live route too: a node on a local upstream behind the virtual service live.local.
    up = await startFaultUpstream();
    await api.ok("PUT", `${M}/virtualNodes`, { virtualNodeName: "live", spec: localNodeSpec(up.port) });
    await api.ok("PUT", `${M}/virtualServices`, {
      virtualServiceName: "live.local",
      spec: { provider: { virtualNode: { virtualNodeName: "live" } } },
    });
    expect(await edgeAnswers(w.url, "live.local", "/ok/before")).toBe(200);
    const before = await snapshot(w.url);
    await w.stop();
    w = undefined;

    w = await startWorker({ persistDir });
    const after = await snapshot(w.url);
    expect(after).toEqual(before);
    // The data plane of the restarted runtime routes from the persisted configuration.
    expect(await edgeAnswers(w.url, "live.local", "/ok/after")).toBe(200);
    expect(up.hits("/ok/after")).toBe(1);
    expect((after[`${M}/virtualNodes/vn2`] as { metadata: { version: number } }).metadata.version).toBe(2);

    const again = httpApi(w.url);
    const updated = await again.ok<{ metadata: { version: number } }>("PUT", `${M}/virtualNodes/vn2`, { spec: VALID.virtualNode.spec });
    expect(updated.metadata.version).toBe(3);
    // A name taken before the restart is still taken.
    const dup = await again.api("PUT", `${M}/virtualNodes`, { virtualNodeName: "vn", ...VALID.virtualNode });
    expect(dup.errorType).toBe("ConflictException");
  }, 180_000);
});
