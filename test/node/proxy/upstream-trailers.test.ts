import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { edgeRequest, type EdgeAnswer } from "../support/edge-request";
import { freePort } from "../support/free-port";
import { httpApi, localNodeSpec } from "../security/support/http-api";
import { startWorker, type RunningWorker } from "../support/start-worker";

// An HTTP/1.1 upstream that sends trailers (a chunked answer with a trailer section), through the
// bundled Worker in workerd. The Worker's Response has no trailers, so they are dropped; worse, in
// the local runtime the pooled upstream connection is left unreadable and the next request on it
// fails after the upstream received it. Routes use App Mesh's default retry policy.
const HOST = "trailers.local";
const DEAD = "refusing.local";
let upstream: Server;
let w: RunningWorker;
const hits = new Map<string, number>();

/** A data-plane request with a method (edgeRequest sends GETs). */
function send(method: string, host: string, path: string): Promise<EdgeAnswer> {
  const url = new URL(w.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, agent: false, headers: { host } }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString("utf8")));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, truncated: !res.complete }));
    });
    req.on("error", reject);
    req.end(method === "POST" ? "order=1" : undefined);
  });
}

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const key = `${req.method} ${req.url}`;
    hits.set(key, (hits.get(key) ?? 0) + 1);
    req.resume();
    req.on("end", () => {
      if (req.url?.startsWith("/with-trailers")) {
        res.writeHead(200, { "content-type": "text/plain", trailer: "x-checksum" });
        res.write("part one;");
        res.addTrailers({ "x-checksum": "abc" });
        res.end("part two");
      } else res.writeHead(200, { "content-type": "text/plain" }).end(`done ${key}`);
    });
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
  w = await startWorker({});
  const { ok } = httpApi(w.url);
  const M = "/v20190125/meshes/trailers";
  await ok("PUT", "/v20190125/meshes", { meshName: "trailers", spec: {} });
  await ok("PUT", `${M}/virtualNodes`, { virtualNodeName: "n1", spec: localNodeSpec((upstream.address() as AddressInfo).port) });
  await ok("PUT", `${M}/virtualNodes`, { virtualNodeName: "dead", spec: localNodeSpec(await freePort()) });
  await ok("PUT", `${M}/virtualServices`, { virtualServiceName: HOST, spec: { provider: { virtualNode: { virtualNodeName: "n1" } } } });
  await ok("PUT", `${M}/virtualServices`, { virtualServiceName: DEAD, spec: { provider: { virtualNode: { virtualNodeName: "dead" } } } });
  for (let i = 0; i < 100 && (await edgeRequest(w.url, HOST, "/ready")).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
}, 120_000);

afterAll(async () => {
  await w?.stop();
  await new Promise((r) => upstream?.close(r));
});

describe("an HTTP/1.1 upstream that sends trailers", () => {
  it("passes the body on without its trailers; the next GET on that connection runs twice (retried)", async () => {
    const t = await edgeRequest(w.url, HOST, "/with-trailers/1");
    expect([t.status, t.body, t.truncated, t.headers["x-checksum"]]).toEqual([200, "part one;part two", false, undefined]);
    const next = await edgeRequest(w.url, HOST, "/after-trailers");
    // What remains: an idempotent request is retried on a new connection, after the upstream ran it once.
    expect([next.status, next.body, next.headers["x-meshedge-attempts"], hits.get("GET /after-trailers")]).toEqual([
      200,
      "done GET /after-trailers",
      "2",
      2,
    ]);
  }, 30_000);

  it("never sends a POST twice: the upstream runs it at most once and the client gets 502 upstream_unreachable", async () => {
    expect((await edgeRequest(w.url, HOST, "/with-trailers/2")).status).toBe(200);
    const order = await send("POST", HOST, "/order");
    // Once as a rule; never, when workerd found the connection unusable before writing the request
    // (seen under load): either way not twice.
    expect(hits.get("POST /order") ?? 0).toBeLessThanOrEqual(1);
    expect([order.status, order.headers["x-meshedge-error"], order.headers["x-meshedge-attempts"]]).toEqual([
      502,
      "upstream_unreachable",
      "1",
    ]);
    expect(JSON.parse(order.body)).toMatchObject({ message: "the upstream's answer could not be read" });
  }, 30_000);

  it("still retries a POST whose connection was refused (it never reached the upstream)", async () => {
    const r = await send("POST", DEAD, "/order");
    expect([r.status, r.headers["x-meshedge-error"], r.headers["x-meshedge-attempts"]]).toEqual([502, "upstream_unreachable", "3"]);
  }, 30_000);
});
