import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type RunningWorker } from "../support/start-worker";
import { edgeAnswers } from "../support/edge-request";
import { expectServedOnce, startFaultUpstream, type FaultUpstream } from "./support/fault-upstream";
import { httpApi, localNodeSpec } from "./support/http-api";
import { rawHttp, statuses } from "./support/raw-http";

// An anonymous client must not be able to fake upstream failures (issue 11, item 2): a request
// the edge cannot forward because of its client is answered by the edge with a 4xx, never
// retried, never counted by outlier detection and never counted in the node's metrics.
const HOST = "client-faults.local";
const MESH = "clientfaults";
// Retries on everything an upstream failure could be; one 5xx or connection failure ejects.
const RETRY = {
  maxRetries: 2,
  perRetryTimeout: { unit: "ms", value: 900 },
  httpRetryEvents: ["server-error", "gateway-error"],
  tcpRetryEvents: ["connection-error"],
};
const OUTLIER = {
  maxServerErrors: 1,
  interval: { unit: "s", value: 10 },
  baseEjectionDuration: { unit: "s", value: 60 },
  maxEjectionPercent: 100,
};

let w: RunningWorker;
let up: FaultUpstream;
let runtimeOutput = "";
let healthy = 0;

beforeAll(async () => {
  up = await startFaultUpstream();
  w = await startWorker({ vars: { METRICS_FLUSH_MS: "100" }, onRuntimeOutput: (t) => (runtimeOutput += t) });
  const { ok } = httpApi(w.url);
  const M = `/v20190125/meshes/${MESH}`;
  await ok("PUT", "/v20190125/meshes", { meshName: MESH, spec: {} });
  const spec = localNodeSpec(up.port);
  await ok("PUT", `${M}/virtualNodes`, {
    virtualNodeName: "up",
    spec: { ...spec, listeners: [{ ...spec.listeners[0], outlierDetection: OUTLIER }] },
  });
  await ok("PUT", `${M}/virtualRouters`, {
    virtualRouterName: "r",
    spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] },
  });
  await ok("PUT", `${M}/virtualRouter/r/routes`, {
    routeName: "main",
    spec: {
      httpRoute: {
        match: { prefix: "/" },
        action: { weightedTargets: [{ virtualNode: "up", weight: 1 }] },
        retryPolicy: RETRY,
        timeout: { perRequest: { unit: "ms", value: 1000 } },
      },
    },
  });
  await ok("PUT", `${M}/virtualServices`, { virtualServiceName: HOST, spec: { provider: { virtualRouter: { virtualRouterName: "r" } } } });
  expect(await edgeAnswers(w.url, HOST, "/ok/warmup")).toBe(200);
}, 120_000);

afterAll(async () => {
  await w?.stop();
  await up?.close();
});

/** The node is still in service: a healthy request right after is answered by it, once. */
async function nodeStillServes(): Promise<void> {
  await expectServedOnce(w.url, HOST, up, `healthy-${healthy++}`);
}

/** Sends the head and `sent` bytes of a body declared as `declared` bytes, then what `then` says. */
function upload(path: string, declared: number, sent: number, then: "stall" | "abort", chunked = false): Promise<string> {
  const url = new URL(w.url);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket: Socket = connect(Number(url.port), url.hostname, () => {
      const framing = chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${declared}`;
      socket.write(`POST ${path} HTTP/1.1\r\nHost: ${HOST}\r\n${framing}\r\n\r\n`);
      const body = "y".repeat(sent);
      socket.write(chunked ? `${sent.toString(16)}\r\n${body}\r\n` : body);
      if (then === "abort") setTimeout(() => socket.destroy(), 200);
    });
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString("latin1"));
    };
    const timer = setTimeout(finish, 5000);
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("close", finish);
    socket.on("error", finish);
  });
}

const errorOf = (answer: string) => /\r\nx-meshedge-error: *([a-z_]+)/i.exec(answer)?.[1];

describe("client faults are answered by the edge and never blamed on the upstream", () => {
  it("a GET with a body: 400 body_not_allowed, nothing sent upstream, the node stays in", async () => {
    for (let i = 0; i < 3; i++) {
      const answer = await rawHttp(
        w.url,
        `GET /ok/get-body-${i} HTTP/1.1\r\nHost: ${HOST}\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx`,
      );
      expect([statuses(answer), errorOf(answer)]).toEqual([[400], "body_not_allowed"]);
      expect(up.hits(`/ok/get-body-${i}`)).toBe(0);
    }
    await nodeStillServes();
  });

  it("a stalled small upload: 408 client_timeout at the deadline, the upstream never contacted", async () => {
    for (let i = 0; i < 2; i++) {
      const answer = await upload(`/drain/stall-${i}`, 10, 1, "stall");
      expect([statuses(answer), errorOf(answer)]).toEqual([[408], "client_timeout"]);
      expect(up.hits(`/drain/stall-${i}`)).toBe(0);
    }
    await nodeStillServes();
  });

  it("a stalled chunked upload: 408 client_timeout", async () => {
    const answer = await upload("/drain/stall-chunked", 0, 10, "stall", true);
    expect([statuses(answer), errorOf(answer)]).toEqual([[408], "client_timeout"]);
    expect(up.hits("/drain/stall-chunked")).toBe(0);
    await nodeStillServes();
  });

  it("a stalled large (streamed) upload: 408 client_timeout, sent once, not retried", async () => {
    const answer = await upload("/drain/stall-large", 200_000, 100_000, "stall");
    expect([statuses(answer), errorOf(answer)]).toEqual([[408], "client_timeout"]);
    expect(up.hits("/drain/stall-large")).toBeLessThanOrEqual(1);
    await nodeStillServes();
  });

  it("an upload the client aborts: logged as 499 client_closed, never as the node's failure", async () => {
    await upload("/drain/abort-small", 10, 1, "abort");
    await upload("/drain/abort-large", 200_000, 100_000, "abort");
    await upload("/drain/abort-chunked", 0, 100_000, "abort", true);
    // Nobody reads the answer; the access log says what happened.
    await new Promise((r) => setTimeout(r, 1500));
    const lines = runtimeOutput.split("\n").filter((l) => l.includes('"meshedge.access"') && l.includes("/drain/abort-"));
    const seen = lines.map((l) => JSON.parse(l.slice(l.indexOf("{"))) as { path: string; status: number; error: string });
    const byPath = new Map(seen.map((s) => [s.path, [s.status, s.error]]));
    expect([byPath.get("/drain/abort-small"), byPath.get("/drain/abort-large")]).toEqual([
      [499, "client_closed"],
      [499, "client_closed"],
    ]);
    // A chunked upload has no declared length, and workerd ends its stream quietly when the
    // client goes away: the edge cannot tell it from a whole body (README, SECURITY.md). It
    // must still never be the node's failure.
    expect(byPath.get("/drain/abort-chunked")?.[0]).toBeLessThan(500);
    expect(up.hits("/drain/abort-small")).toBe(0);
    await nodeStillServes();
  });

  it("none of it shows in the node's metrics: every counted request succeeded", async () => {
    await new Promise((r) => setTimeout(r, 500)); // the isolate flushes every 100 ms
    const { ok } = httpApi(w.url);
    const m = await ok<{ routes: { nodes: { virtualNode: string; requests: number; successRate?: number }[] }[] }>(
      "GET",
      `/_meshedge/v1/meshes/${MESH}/metrics?window=300`,
    );
    const node = m.routes.flatMap((r) => r.nodes).find((n) => n.virtualNode === "up");
    // The warm-up, the healthy requests and the chunked upload the edge saw as whole; all 200.
    expect([node?.requests, node?.successRate]).toEqual([1 + healthy + 1, 100]);
  });
});
