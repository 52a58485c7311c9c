import { runDurableObjectAlarm } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { delta } from "./support/canary-traffic";
import { ADMIN_ORIGIN } from "../support/origins";
import { buildDeliveryMesh, call, D, describeWeights, uniqueMesh, meshStub, ok, rolloutSpec as spec } from "./support/delivery-mesh";

const ports = () => ({ primary: inject("upstreams").a ?? 0, canary: inject("upstreams").b ?? 0 });
type Rollout = {
  rollout: {
    createdAt: number;
    finishedAt: number | null;
    status: { status: string; canaryWeight: number; failedChecks: number; message: string };
    history: { event: string; canaryWeight: number; message: string }[];
  };
};

/** One interval of canary traffic (as flushed by the edge), then the DO's alarm. */
async function interval(mesh: string, status: number, ms = 10): Promise<void> {
  const stub = meshStub(mesh);
  await stub.ingestMetrics([delta("router/route", "canary", 50, status, ms), delta("router/route", "primary", 50, 200, 5)]);
  expect(await runDurableObjectAlarm(stub)).toBe(true);
}

describe("rollouts driven by the mesh Durable Object's alarm", () => {
  it("promotes a healthy canary step by step to 100 through UpdateRoute", async () => {
    const mesh = uniqueMesh("promote");
    await buildDeliveryMesh(mesh, ports());
    const created = await ok<Rollout>("PUT", `${D}/meshes/${mesh}/rollouts`, { rolloutName: "r1", spec: spec() });
    expect(created.rollout.status).toMatchObject({ status: "PROGRESSING", canaryWeight: 30 });
    expect(await describeWeights(mesh)).toEqual({ version: 2, weights: { primary: 70, canary: 30 } });

    const seen: [number, Record<string, number>][] = [];
    for (let i = 0; i < 3; i++) {
      await interval(mesh, 200);
      const w = await describeWeights(mesh);
      seen.push([w.version, w.weights]);
    }
    expect(seen).toEqual([
      [3, { primary: 40, canary: 60 }],
      [4, { primary: 10, canary: 90 }],
      [5, { primary: 0, canary: 100 }],
    ]);
    const done = await ok<Rollout>("GET", `${D}/meshes/${mesh}/rollouts/r1`);
    expect(done.rollout.status.status).toBe("SUCCEEDED");
    expect(done.rollout.history.map((h) => [h.event, h.canaryWeight])).toEqual([
      ["STARTED", 30],
      ["ADVANCED", 60],
      ["ADVANCED", 90],
      ["PROMOTED", 100],
    ]);
    // Nothing left to check: no alarm is pending any more.
    expect(await runDurableObjectAlarm(meshStub(mesh))).toBe(false);
  });

  it("rolls a canary answering 500s back to the primary after the configured failed checks", async () => {
    const mesh = uniqueMesh("rollback");
    await buildDeliveryMesh(mesh, ports());
    await ok("PUT", `${D}/meshes/${mesh}/rollouts`, { rolloutName: "bad", spec: spec() });
    await interval(mesh, 500);
    const held = await ok<Rollout>("GET", `${D}/meshes/${mesh}/rollouts/bad`);
    expect(held.rollout.status).toMatchObject({ status: "PROGRESSING", canaryWeight: 30, failedChecks: 1 });
    expect(held.rollout.status.message).toContain("success rate 0% < 99%");
    expect(await describeWeights(mesh)).toEqual({ version: 2, weights: { primary: 70, canary: 30 } });

    await interval(mesh, 500);
    const failed = await ok<Rollout>("GET", `${D}/meshes/${mesh}/rollouts/bad`);
    expect(failed.rollout.status).toMatchObject({ status: "FAILED", canaryWeight: 0, failedChecks: 2 });
    expect(failed.rollout.history.map((h) => h.event)).toEqual(["STARTED", "CHECK_FAILED", "ROLLED_BACK"]);
    expect(await describeWeights(mesh)).toEqual({ version: 3, weights: { primary: 100, canary: 0 } });
  });

  it("fails a check on a slow canary (p99 above the limit)", async () => {
    const mesh = uniqueMesh("slow");
    await buildDeliveryMesh(mesh, ports());
    await ok("PUT", `${D}/meshes/${mesh}/rollouts`, { rolloutName: "slow", spec: spec() });
    await interval(mesh, 200, 900);
    const r = await ok<Rollout>("GET", `${D}/meshes/${mesh}/rollouts/slow`);
    expect(r.rollout.status.failedChecks).toBe(1);
    expect(r.rollout.status.message).toMatch(/p99 \d+(\.\d+)? ms > 500 ms/);
  });

  it("pauses, resumes and aborts by hand", async () => {
    const mesh = uniqueMesh("manual");
    await buildDeliveryMesh(mesh, ports());
    const base = `${D}/meshes/${mesh}/rollouts`;
    await ok("PUT", base, { rolloutName: "m", spec: spec() });
    const paused = await ok<Rollout>("POST", `${base}/m/pause`);
    expect(paused.rollout.status.status).toBe("PAUSED");
    // The alarm that was already set runs, but a paused rollout is not checked.
    await meshStub(mesh).ingestMetrics([delta("router/route", "canary", 50, 200, 5)]);
    expect(await runDurableObjectAlarm(meshStub(mesh))).toBe(true);
    expect((await describeWeights(mesh)).weights).toEqual({ primary: 70, canary: 30 });
    expect((await call("POST", `${base}/m/pause`)).errorType).toBe("ConflictException");

    await ok("POST", `${base}/m/resume`);
    await interval(mesh, 200);
    expect((await describeWeights(mesh)).weights).toEqual({ primary: 40, canary: 60 });

    const aborted = await ok<Rollout>("POST", `${base}/m/abort`);
    expect(aborted.rollout.status).toMatchObject({ status: "ABORTED", canaryWeight: 0 });
    expect((await describeWeights(mesh)).weights).toEqual({ primary: 100, canary: 0 });
    expect(aborted.rollout.history.map((h) => h.event)).toEqual(["STARTED", "PAUSED", "RESUMED", "ADVANCED", "ABORTED"]);
    const again = await call("POST", `${base}/m/resume`);
    expect([again.status, again.errorType]).toEqual([409, "ConflictException"]);

    // A finished rollout says when it started and ended, and how.
    expect(paused.rollout.finishedAt).toBeNull();
    expect(aborted.rollout.finishedAt).toBeGreaterThanOrEqual(aborted.rollout.createdAt);
    type Summary = { rolloutName: string; status: string; createdAt: number; finishedAt: number | null; message: string };
    const list = await ok<{ rollouts: Summary[] }>("GET", base);
    expect(list.rollouts.map((r) => [r.rolloutName, r.status])).toEqual([["m", "ABORTED"]]);
    expect(list.rollouts[0]).toMatchObject({ finishedAt: aborted.rollout.finishedAt, message: "aborted: every request back to primary" });
    // A finished rollout can be deleted; a live one cannot.
    await ok("PUT", base, { rolloutName: "live", spec: spec() });
    expect((await call("DELETE", `${base}/live`)).errorType).toBe("ResourceInUseException");
    expect((await ok<Rollout>("DELETE", `${base}/m`)).rollout.status.status).toBe("ABORTED");
    expect((await call("GET", `${base}/m`)).errorType).toBe("NotFoundException");
  });

  it("pauses, saying why, when the route was changed by hand, and resumes from the route's weights", async () => {
    const mesh = uniqueMesh("handedit");
    await buildDeliveryMesh(mesh, ports());
    const base = `${D}/meshes/${mesh}/rollouts`;
    await ok("PUT", base, { rolloutName: "h", spec: spec() });
    expect((await describeWeights(mesh)).weights).toEqual({ primary: 70, canary: 30 });
    const byHand = (primary: number, canary: number) =>
      ok("PUT", `/v20190125/meshes/${mesh}/virtualRouter/router/routes/route`, {
        spec: {
          httpRoute: {
            match: { prefix: "/" },
            action: {
              weightedTargets: [
                { virtualNode: "primary", weight: primary },
                { virtualNode: "canary", weight: canary },
              ],
            },
          },
        },
      });
    // An operator holds the canary at 10% by UpdateRoute; the next check must not overwrite it.
    await byHand(90, 10);
    await interval(mesh, 200);
    expect((await describeWeights(mesh)).weights).toEqual({ primary: 90, canary: 10 });
    const paused = await ok<Rollout>("GET", `${base}/h`);
    expect(paused.rollout.status).toMatchObject({ status: "PAUSED", canaryWeight: 10 });
    const last = paused.rollout.history.at(-1);
    expect(last).toMatchObject({ event: "PAUSED", canaryWeight: 10 });
    expect(last?.message).toMatch(/changed outside this rollout \(now primary 90 \/ canary 10; the rollout had set canary 30%\)/);
    // Paused: further checks change nothing.
    await meshStub(mesh).ingestMetrics([delta("router/route", "canary", 50, 200, 5)]);
    await runDurableObjectAlarm(meshStub(mesh));
    expect((await describeWeights(mesh)).weights).toEqual({ primary: 90, canary: 10 });

    // Changed again while paused (weights 3:1, so 25%): resume starts from there.
    await byHand(3, 1);
    const resumed = await ok<Rollout>("POST", `${base}/h/resume`);
    expect(resumed.rollout.status).toMatchObject({ status: "PROGRESSING", canaryWeight: 25 });
    expect(resumed.rollout.status.message).toMatch(/resumed at 25% \(the route's weights; the rollout had 10%\)/);
    await interval(mesh, 200);
    expect((await describeWeights(mesh)).weights).toEqual({ primary: 45, canary: 55 });

    // The primary is taken out of the route: paused, and resume says why it cannot go on.
    await ok("PUT", `/v20190125/meshes/${mesh}/virtualRouter/router/routes/route`, {
      spec: { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode: "canary", weight: 1 }] } } },
    });
    await interval(mesh, 200);
    expect((await ok<Rollout>("GET", `${base}/h`)).rollout.status.status).toBe("PAUSED");
    const refused = await call<{ message: string }>("POST", `${base}/h/resume`);
    expect(refused.errorType).toBe("ConflictException");
    expect(refused.body.message).toMatch(/no weighted target for the primary virtual node primary/);
  });

  it("answers bad input and missing resources in App Mesh's error shape", async () => {
    const mesh = uniqueMesh("errors");
    await buildDeliveryMesh(mesh, ports());
    const base = `${D}/meshes/${mesh}/rollouts`;
    const cases: [unknown, number, string, RegExp][] = [
      [{ rolloutName: "x", spec: spec({ stepWeight: 0 }) }, 400, "BadRequestException", /spec\.stepWeight: must be >= 1/],
      [{ rolloutName: "x", spec: spec({ maxWeight: undefined }) }, 400, "BadRequestException", /spec\.maxWeight: is required/],
      [{ rolloutName: "x", spec: spec({ interval: { unit: "ms", value: 10 } }) }, 400, "BadRequestException", /spec\.interval/],
      [{ rolloutName: "x", spec: spec({ canaryVirtualNode: "primary" }) }, 400, "BadRequestException", /must differ/],
      [{ rolloutName: "x", spec: spec({ routeName: "nope" }) }, 404, "NotFoundException", /Route nope/],
      [{ rolloutName: "x", spec: spec({ canaryVirtualNode: "ghost" }) }, 404, "NotFoundException", /ghost/],
      ["{not json", 400, "BadRequestException", /not valid JSON/],
    ];
    for (const [body, status, type, message] of cases) {
      const a = await call<{ message: string }>("PUT", base, body);
      expect([a.status, a.errorType], JSON.stringify(body)).toEqual([status, type]);
      expect(a.body.message).toMatch(message);
    }
    await ok("PUT", base, { rolloutName: "one", spec: spec() });
    expect((await call("PUT", base, { rolloutName: "one", spec: spec() })).errorType).toBe("ConflictException");
    const busy = await call<{ message: string }>("PUT", base, { rolloutName: "two", spec: spec() });
    expect(busy.errorType).toBe("ConflictException");
    expect(busy.body.message).toMatch(/already has a live rollout: one/);
    expect((await call("GET", `${base}/missing`)).errorType).toBe("NotFoundException");
    expect((await call("POST", `${base}/one/explode`)).errorType).toBe("BadRequestException");
    expect((await call("GET", `${D}/meshes/no-such-mesh-${mesh}/rollouts`)).errorType).toBe("NotFoundException");
    // Same guard as the App Mesh API: no credentials, no answer (401 + Basic challenge here).
    const anonymous = await exports.default.fetch(`${ADMIN_ORIGIN}${base}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("x-amzn-errortype")).toBe("ForbiddenException");
  });

  it("forgets the rollouts of a mesh that was deleted and created again", async () => {
    const mesh = uniqueMesh("reborn");
    await buildDeliveryMesh(mesh, ports());
    await ok("PUT", `${D}/meshes/${mesh}/rollouts`, { rolloutName: "old", spec: spec() });
    const m = `/v20190125/meshes/${mesh}`;
    await ok("DELETE", `${m}/virtualServices/svc.${mesh}`);
    await ok("DELETE", `${m}/virtualRouter/router/routes/route`);
    await ok("DELETE", `${m}/virtualRouters/router`);
    await ok("DELETE", `${m}/virtualNodes/primary`);
    await ok("DELETE", `${m}/virtualNodes/canary`);
    await ok("DELETE", m);
    expect((await call("GET", `${D}/meshes/${mesh}/rollouts`)).errorType).toBe("NotFoundException");
    // The old alarm finds no mesh: nothing happens, nothing is rescheduled.
    expect(await runDurableObjectAlarm(meshStub(mesh))).toBe(true);
    expect(await runDurableObjectAlarm(meshStub(mesh))).toBe(false);
    await ok("PUT", "/v20190125/meshes", { meshName: mesh });
    expect(await ok("GET", `${D}/meshes/${mesh}/rollouts`)).toEqual({ rollouts: [] });
  });

  it("stops a rollout whose route was deleted, saying why", async () => {
    const mesh = uniqueMesh("gone");
    await buildDeliveryMesh(mesh, ports());
    await ok("PUT", `${D}/meshes/${mesh}/rollouts`, { rolloutName: "orphan", spec: spec() });
    await ok("DELETE", `/v20190125/meshes/${mesh}/virtualRouter/router/routes/route`);
    await interval(mesh, 200);
    const r = await ok<Rollout>("GET", `${D}/meshes/${mesh}/rollouts/orphan`);
    expect(r.rollout.status.status).toBe("FAILED");
    expect(r.rollout.status.message).toMatch(/could not write route weights: .*route/i);
  });
});
