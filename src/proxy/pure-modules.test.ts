import { describe, expect, it } from "vitest";
import { BACKOFF_CAP_MS, backoffMs, callBackoffMs, DO_BACKOFF_CAP_MS } from "../shared/backoff";
import { CallTimeout, failureOf } from "../do-client/do-call";
import { proxyConfig } from "./config";
import { framingProblem, hopCount, loopProblem } from "./guards";
import { NameListCache } from "./name-list-cache";
import { OutlierTracker } from "./outlier";
import { hostWithoutPort } from "../routing";
import { splitUrl } from "./split-url";

describe("backoff", () => {
  it("is fully jittered below (2^n - 1) x 25 ms and capped at 250 ms", () => {
    expect(backoffMs(1, 0)).toBe(0);
    expect(backoffMs(1, 0.999)).toBe(24);
    expect(backoffMs(2, 0.999)).toBe(74);
    expect(backoffMs(3, 0.999)).toBe(174);
    expect(backoffMs(4, 0.999)).toBe(BACKOFF_CAP_MS - 1);
    expect(backoffMs(20, 0.999)).toBe(BACKOFF_CAP_MS - 1);
  });
});

describe("Durable Object call back-off", () => {
  it("doubles from 500 ms with equal jitter, so half of it is a floor, capped at 10 s", () => {
    expect([callBackoffMs(1, 0), callBackoffMs(1, 0.999)]).toEqual([250, 499]);
    expect([callBackoffMs(2, 0), callBackoffMs(3, 0), callBackoffMs(4, 0.5)]).toEqual([500, 1000, 3000]);
    expect([callBackoffMs(20, 0), callBackoffMs(20, 0.999)]).toEqual([DO_BACKOFF_CAP_MS / 2, DO_BACKOFF_CAP_MS - 5]);
  });

  it("tells overloaded errors (property or message) and timeouts from other errors", () => {
    expect(failureOf(Object.assign(new Error("x"), { overloaded: true }))).toBe("overloaded");
    expect(failureOf(new Error("Durable Object is overloaded. Too many requests queued."))).toBe("overloaded");
    expect(failureOf(new CallTimeout("t"))).toBe("timeout");
    expect(failureOf(Object.assign(new Error("Network connection lost."), { retryable: true }))).toBe("error");
    expect(failureOf("boom")).toBe("error");
  });
});

describe("proxyConfig", () => {
  it("has App Mesh-like defaults", () => {
    expect(proxyConfig({})).toEqual({
      servedMeshes: "*",
      servedGateways: "*",
      snapshotTtlMs: 1000,
      doCallTimeoutMs: 2000,
      routeHeaders: true,
      accessLog: true,
      maxRetryBodyBytes: 65536,
      maxHops: 5,
    });
  });

  it("parses lists, numbers and the route-header switch", () => {
    const c = proxyConfig({
      SERVED_MESHES: " prod, staging ,",
      SERVED_GATEWAYS: "prod/edge,bad,staging/gw",
      SNAPSHOT_TTL_MS: "250",
      ROUTE_HEADERS: "OFF",
      ACCESS_LOG: "Off",
      MAX_RETRY_BODY_BYTES: "10",
      MAX_HOPS: "x",
      DO_CALL_TIMEOUT_MS: "300",
    });
    expect(c).toEqual({
      servedMeshes: ["prod", "staging"],
      servedGateways: [
        { mesh: "prod", gateway: "edge" },
        { mesh: "staging", gateway: "gw" },
      ],
      snapshotTtlMs: 250,
      doCallTimeoutMs: 300,
      routeHeaders: false,
      accessLog: false,
      maxRetryBodyBytes: 10,
      maxHops: 5,
    });
    expect(proxyConfig({ SERVED_GATEWAYS: "" }).servedGateways).toEqual([]);
    expect([proxyConfig({ DO_CALL_TIMEOUT_MS: "0" }).doCallTimeoutMs, proxyConfig({ DO_CALL_TIMEOUT_MS: "-5" }).doCallTimeoutMs]).toEqual([
      2000, 2000,
    ]);
  });
});

describe("splitUrl / hostWithoutPort", () => {
  it("splits without normalizing the path", () => {
    expect(splitUrl("https://h.example:8443/a/../b?x=1&y#frag")).toEqual({
      scheme: "https",
      host: "h.example:8443",
      path: "/a/../b",
      query: "x=1&y",
    });
    expect(splitUrl("http://h")).toEqual({ scheme: "http", host: "h", path: "/", query: "" });
  });

  it("drops the port and case of a Host", () => {
    expect(hostWithoutPort("Svc.Local:8080")).toBe("svc.local");
    expect(hostWithoutPort("[::1]:80")).toBe("[::1]");
  });
});

describe("guards", () => {
  it("refuses ambiguous framing and accepts one Content-Length", () => {
    expect(framingProblem(new Headers({ "content-length": "3", "transfer-encoding": "chunked" }))?.status).toBe(400);
    expect(framingProblem(new Headers({ "content-length": "3, 4" }))?.status).toBe(400);
    expect(framingProblem(new Headers({ "content-length": "3" }))).toBeNull();
  });

  it("stops at MAX_HOPS", () => {
    expect(hopCount(new Headers({ "x-meshedge-hops": "4" }))).toBe(4);
    expect(hopCount(new Headers({ "x-meshedge-hops": "junk" }))).toBe(0);
    expect(loopProblem(4, 5)).toBeNull();
    expect(loopProblem(5, 5)?.status).toBe(508);
  });
});

describe("OutlierTracker", () => {
  const cfg = { maxServerErrors: 2, baseEjectionMs: 100, intervalMs: 10, maxEjectionPercent: 50 };
  const targets = [{ virtualNode: "a" }, { virtualNode: "b" }, { virtualNode: "c" }, { virtualNode: "d" }];

  it("ejects after consecutive errors only, and lets the node back after the ejection time", () => {
    const t = new OutlierTracker();
    t.record("m", "a", true, cfg, targets, 0);
    t.record("m", "a", false, cfg, targets, 1);
    expect(t.record("m", "a", true, cfg, targets, 2)).toBe(false);
    expect(t.record("m", "a", true, cfg, targets, 3)).toBe(true);
    expect(t.isEjected("m", "a", 50)).toBe(true);
    expect(t.isEjected("m", "a", 104)).toBe(false);
  });

  it("caps ejections at maxEjectionPercent of the route's targets, at least one", () => {
    const t = new OutlierTracker();
    for (const n of ["a", "b", "c"]) for (let i = 0; i < 2; i++) t.record("m", n, true, cfg, targets, 0);
    expect(targets.filter((x) => t.isEjected("m", x.virtualNode, 1)).length).toBe(2);
    const solo = new OutlierTracker();
    solo.record("m", "a", true, { ...cfg, maxEjectionPercent: 0 }, [{ virtualNode: "a" }], 0);
    expect(solo.record("m", "a", true, { ...cfg, maxEjectionPercent: 0 }, [{ virtualNode: "a" }], 0)).toBe(true);
  });

  it("lets a success reset the count once an expired ejection is seen by the pick (anyEjected)", () => {
    const t = new OutlierTracker();
    const route = [{ virtualNode: "a" }, { virtualNode: "b" }];
    for (let i = 0; i < 2; i++) t.record("m", "a", true, cfg, route, 0);
    expect(t.anyEjected("m", route, 50)).toBe(true);
    expect(t.anyEjected("m", route, 200)).toBe(false);
    t.record("m", "a", true, cfg, route, 201);
    t.record("m", "a", false, cfg, route, 202);
    expect(t.record("m", "a", true, cfg, route, 203)).toBe(false);
    expect(t.anyEjected("m", route, 204)).toBe(false);
  });

  it("does nothing without an outlierDetection config", () => {
    const t = new OutlierTracker();
    for (let i = 0; i < 10; i++) t.record("m", "a", true, null, targets, 0);
    expect(t.isEjected("m", "a", 1)).toBe(false);
  });
});

describe("NameListCache", () => {
  it("neither keeps nor hands out a list whose fetch started before invalidate (a mesh created meanwhile)", async () => {
    const cache = new NameListCache();
    const bg = { waitUntil() {} };
    let releaseStale!: (names: string[]) => void;
    const answers = [new Promise<string[]>((r) => (releaseStale = r)), Promise.resolve(["new", "old"])];
    const source = { listMeshNames: () => answers.shift()! };
    const stale = cache.get(source, 1000, 1000, 0, bg);
    cache.invalidate();
    const fresh = cache.get(source, 1000, 1000, 0, bg);
    releaseStale(["old"]);
    expect(await fresh).toEqual(["new", "old"]);
    await stale;
    expect(cache.get(source, 1000, 1000, 0, bg)).toEqual(["new", "old"]);
    expect(answers).toEqual([]);
  });
});

describe("dataPlaneReserved", () => {
  it("keeps /_meshedge for the edge (health answers, the rest is a 404) and proxies every other path", async () => {
    const { dataPlaneReserved } = await import("./split-url");
    expect(dataPlaneReserved("http://h/_meshedge/health")?.status).toBe(200);
    expect(dataPlaneReserved("http://h/_meshedge/ui")?.status).toBe(404);
    expect(dataPlaneReserved("http://h/_meshedge")?.status).toBe(404);
    expect(dataPlaneReserved("http://h/_meshedge?x")?.status).toBe(404);
    expect(dataPlaneReserved("http://h/_meshedgex")).toBeNull();
    // The management API's path is an application's path on a data-plane hostname.
    expect(dataPlaneReserved("http://h/v20190125/meshes")).toBeNull();
    expect(dataPlaneReserved("http://h/")).toBeNull();
    expect(dataPlaneReserved("http://h")).toBeNull();
  });
});
