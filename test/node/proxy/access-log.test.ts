import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { edgeRequest } from "../support/edge-request";
import { httpApi, localNodeSpec } from "../security/support/http-api";
import { startWorker, type RunningWorker } from "../support/start-worker";

// The access log as `wrangler tail` / `wrangler dev` show it: what workerd prints, read from its
// stdout, for a Worker with the default vars and for one with ACCESS_LOG / ROUTE_HEADERS off.
const HOST = "logged.local";

let upstream: Server;
let port = 0;
const workers: { w: RunningWorker; output: () => string }[] = [];

async function start(vars: Record<string, string>) {
  let out = "";
  const w = await startWorker({ vars, onRuntimeOutput: (t) => (out += t) });
  const { ok } = httpApi(w.url);
  const M = "/v20190125/meshes/logs";
  await ok("PUT", "/v20190125/meshes", { meshName: "logs", spec: {} });
  await ok("PUT", `${M}/virtualNodes`, { virtualNodeName: "n1", spec: localNodeSpec(port) });
  await ok("PUT", `${M}/virtualRouters`, {
    virtualRouterName: "r",
    spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] },
  });
  await ok("PUT", `${M}/virtualRouter/r/routes`, {
    routeName: "all",
    spec: { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode: "n1", weight: 1 }] } } },
  });
  await ok("PUT", `${M}/virtualServices`, { virtualServiceName: HOST, spec: { provider: { virtualRouter: { virtualRouterName: "r" } } } });
  const entry = { w, output: () => out };
  workers.push(entry);
  return entry;
}

/** The access-log lines workerd printed so far, parsed. */
function accessLines(output: string): Record<string, unknown>[] {
  return output
    .split("\n")
    .filter((l) => l.includes('"kind":"meshedge.access"'))
    .map((l) => JSON.parse(l.slice(l.indexOf("{"))) as Record<string, unknown>);
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
}

beforeAll(async () => {
  upstream = createServer((req, res) => res.writeHead(200, { "content-type": "text/plain", "x-from": "upstream" }).end(`hello ${req.url}`));
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
  port = (upstream.address() as AddressInfo).port;
}, 60_000);

afterAll(async () => {
  for (const { w } of workers) await w.stop();
  await new Promise((r) => upstream?.close(r));
});

describe("access log", () => {
  it("writes one JSON line per proxied request, with route, node, status, attempts, duration and request id", async () => {
    const { w, output } = await start({});
    const ok = await edgeRequest(w.url, HOST, "/a?q=1", { "x-request-id": "log-ok-1" });
    const miss = await edgeRequest(w.url, "unknown.local", "/b", { "x-request-id": "log-miss-1" });
    expect([ok.status, ok.body, ok.headers["x-meshedge-route"], ok.headers["x-request-id"]]).toEqual([
      200,
      "hello /a?q=1",
      "all",
      "log-ok-1",
    ]);
    expect(miss.status).toBe(404);
    await until(() => accessLines(output()).length >= 2);
    const lines = accessLines(output());
    expect(lines.filter((l) => l.requestId === "log-ok-1")).toEqual([
      {
        kind: "meshedge.access",
        mesh: "logs",
        gateway: null,
        virtualService: HOST,
        virtualRouter: "r",
        route: "all",
        virtualNode: "n1",
        status: 200,
        attempts: 1,
        durationMs: expect.any(Number),
        requestId: "log-ok-1",
        error: null,
        detail: null,
        stale: false,
        method: "GET",
        path: "/a",
      },
    ]);
    expect(lines.filter((l) => l.requestId === "log-miss-1")).toEqual([
      expect.objectContaining({
        status: 404,
        error: "no_route",
        mesh: null,
        attempts: 0,
        path: "/b",
        detail: expect.stringContaining("unknown.local"),
      }),
    ]);
  }, 120_000);

  it("writes none with ACCESS_LOG = off, and ROUTE_HEADERS = off passes the upstream's answer through as sent", async () => {
    const { w, output } = await start({ ACCESS_LOG: "off", ROUTE_HEADERS: "off" });
    const ok = await edgeRequest(w.url, HOST, "/quiet", { "x-request-id": "log-quiet-1" });
    expect([ok.status, ok.body, ok.headers["x-from"]]).toEqual([200, "hello /quiet", "upstream"]);
    expect(Object.keys(ok.headers).filter((h) => h.startsWith("x-meshedge") || h === "x-request-id")).toEqual([]);
    const miss = await edgeRequest(w.url, "unknown.local", "/", { "x-request-id": "log-quiet-2" });
    expect([miss.status, miss.headers["x-meshedge-error"], miss.headers["x-request-id"]]).toEqual([404, "no_route", "log-quiet-2"]);
    // A marker printed after these requests: a second mesh claiming the same host makes the next
    // data-plane request warn of the clash. Once it shows, output is captured and caught up.
    const { ok: api } = httpApi(w.url);
    const M = "/v20190125/meshes/logs-marker";
    await api("PUT", "/v20190125/meshes", { meshName: "logs-marker", spec: {} });
    await api("PUT", `${M}/virtualNodes`, { virtualNodeName: "n1", spec: localNodeSpec(port) });
    await api("PUT", `${M}/virtualServices`, { virtualServiceName: HOST, spec: { provider: { virtualNode: { virtualNodeName: "n1" } } } });
    const clash = () => output().includes('"kind":"meshedge.host_clash"');
    for (let i = 0; i < 50 && !clash(); i++) {
      await edgeRequest(w.url, HOST, "/quiet");
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(clash()).toBe(true);
    expect(accessLines(output())).toEqual([]);
  }, 120_000);
});
