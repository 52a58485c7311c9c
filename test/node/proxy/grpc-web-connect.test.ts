import { createClient, type Interceptor, type Transport } from "@connectrpc/connect";
import { createConnectTransport, createGrpcWebTransport } from "@connectrpc/connect-node";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ECHO_SERVICE, echoService, startEchoServer, type EchoServer } from "../support/echo-service";
import { edgeRequest } from "../support/edge-request";
import { httpApi } from "../security/support/http-api";
import { startWorker, type RunningWorker } from "../support/start-worker";

// gRPC-Web and Connect through the bundled Worker: @connectrpc/connect-node clients (HTTP/1.1)
// to the edge with a virtual service name as Host, and connect-node servers as the virtual nodes.
const HOST = "echo.local";

let w: RunningWorker;
let a: EchoServer;
let b: EchoServer;
let output = "";
/** A hand-made gRPC-Web text upstream (connect-node does not serve text): calls per request body. */
let textServer: Server;
const textCalls = new Map<string, number>();

/** A gRPC-Web frame: flag byte, 32-bit big-endian length, payload. */
const frame = (flag: number, payload: Buffer) => {
  const head = Buffer.alloc(5);
  head[0] = flag;
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
};

/** Echo's client, typed by hand (the service is built at runtime, so there are no generated types). */
interface Echo {
  say(m: { value: string }, o?: { headers?: Record<string, string> }): Promise<{ value: string }>;
  flaky(m: { value: string }, o?: { headers?: Record<string, string> }): Promise<{ value: string }>;
  count(m: { value: string }): AsyncIterable<{ value: string }>;
}
const host: Interceptor = (next) => (req) => {
  req.header.set("host", HOST);
  return next(req);
};
const transports: Record<string, () => Transport> = {
  "gRPC-Web": () => createGrpcWebTransport({ baseUrl: w.url, httpVersion: "1.1", interceptors: [host] }),
  Connect: () => createConnectTransport({ baseUrl: w.url, httpVersion: "1.1", interceptors: [host] }),
};
const client = (kind: string) => createClient(echoService, transports[kind]!()) as unknown as Echo;
const say = (c: Echo, value: string, headers?: Record<string, string>) => c.say({ value }, headers ? { headers } : {});
const flaky = (c: Echo, value: string, headers?: Record<string, string>) => c.flaky({ value }, headers ? { headers } : {});
const count = (c: Echo, value: string) => c.count({ value });

/** The access-log lines workerd printed so far, parsed. */
const accessLines = () =>
  output
    .split("\n")
    .filter((l) => l.includes('"kind":"meshedge.access"'))
    .map((l) => JSON.parse(l.slice(l.indexOf("{"))) as Record<string, unknown>);

beforeAll(async () => {
  a = await startEchoServer("a");
  b = await startEchoServer("b");
  // `key:N` in the body fails the first N calls with a trailer-only UNAVAILABLE; each frame is
  // base64-encoded on its own, as gRPC-Web text servers do.
  textServer = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => {
      const key = Buffer.from(Buffer.concat(parts).toString(), "base64").subarray(5).toString();
      const n = (textCalls.get(key) ?? 0) + 1;
      textCalls.set(key, n);
      res.writeHead(200, { "content-type": "application/grpc-web-text+proto" });
      if (n <= Number(key.split(":")[1]))
        return res.end(frame(0x80, Buffer.from("grpc-status:14\r\ngrpc-message:later\r\n")).toString("base64"));
      res.write(frame(0, Buffer.from(`text:${key}`)).toString("base64"));
      res.end(frame(0x80, Buffer.from("grpc-status:0\r\n")).toString("base64"));
    });
  });
  await new Promise<void>((r) => textServer.listen(0, "127.0.0.1", r));
  w = await startWorker({ onRuntimeOutput: (t) => (output += t) });
  const { ok } = httpApi(w.url);
  const M = "/v20190125/meshes/rpc";
  const grpcNode = (port: number) => ({
    serviceDiscovery: { dns: { hostname: "127.0.0.1" } },
    listeners: [{ portMapping: { port, protocol: "grpc" } }],
  });
  const retry = (maxRetries: number) => ({ maxRetries, perRetryTimeout: { unit: "s", value: 5 }, grpcRetryEvents: ["unavailable"] });
  await ok("PUT", "/v20190125/meshes", { meshName: "rpc", spec: {} });
  await ok("PUT", `${M}/virtualNodes`, { virtualNodeName: "echo-a", spec: grpcNode(a.port) });
  await ok("PUT", `${M}/virtualNodes`, { virtualNodeName: "echo-b", spec: grpcNode(b.port) });
  await ok("PUT", `${M}/virtualNodes`, { virtualNodeName: "text", spec: grpcNode((textServer.address() as AddressInfo).port) });
  await ok("PUT", `${M}/virtualRouters`, {
    virtualRouterName: "rpc",
    spec: { listeners: [{ portMapping: { port: 8080, protocol: "grpc" } }] },
  });
  const to = (node: string) => ({ weightedTargets: [{ virtualNode: node, weight: 1 }] });
  await ok("PUT", `${M}/virtualRouter/rpc/routes`, {
    routeName: "by-metadata",
    spec: {
      priority: 0,
      grpcRoute: { match: { serviceName: ECHO_SERVICE, metadata: [{ name: "x-variant", match: { exact: "b" } }] }, action: to("echo-b") },
    },
  });
  // No retryPolicy: App Mesh's default (2 retries on HTTP 503 and gRPC UNAVAILABLE, among others).
  await ok("PUT", `${M}/virtualRouter/rpc/routes`, {
    routeName: "default-policy",
    spec: {
      priority: 0,
      grpcRoute: {
        match: { serviceName: ECHO_SERVICE, metadata: [{ name: "x-policy", match: { exact: "default" } }] },
        action: to("echo-a"),
      },
    },
  });
  await ok("PUT", `${M}/virtualRouter/rpc/routes`, {
    routeName: "text",
    spec: { priority: 0, grpcRoute: { match: { serviceName: "meshedge.test.Text" }, action: to("text"), retryPolicy: retry(2) } },
  });
  await ok("PUT", `${M}/virtualRouter/rpc/routes`, {
    routeName: "flaky",
    spec: {
      priority: 1,
      grpcRoute: { match: { serviceName: ECHO_SERVICE, methodName: "Flaky" }, action: to("echo-a"), retryPolicy: retry(3) },
    },
  });
  await ok("PUT", `${M}/virtualRouter/rpc/routes`, {
    routeName: "rest",
    spec: { priority: 2, grpcRoute: { match: { serviceName: ECHO_SERVICE }, action: to("echo-a"), retryPolicy: retry(2) } },
  });
  await ok("PUT", `${M}/virtualServices`, {
    virtualServiceName: HOST,
    spec: { provider: { virtualRouter: { virtualRouterName: "rpc" } } },
  });
  // The edge routes a new mesh within its snapshot TTL.
  const c = client("Connect");
  for (let i = 0; ; i++) {
    try {
      await say(c, "warm-up");
      break;
    } catch (err) {
      if (i >= 100) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}, 120_000);

afterAll(async () => {
  await w?.stop();
  await a?.close();
  await b?.close();
  await new Promise((r) => textServer?.close(r));
});

describe.each(["gRPC-Web", "Connect"])("%s through the edge", (kind) => {
  const tag = kind === "Connect" ? "connect" : "web";

  it("routes by grpcRoute service, method and metadata", async () => {
    const c = client(kind);
    expect((await say(c, `hi-${tag}`)).value).toBe(`a:hi-${tag}`);
    expect((await say(c, `hi-${tag}`, { "x-variant": "b" })).value).toBe(`b:hi-${tag}`);
  });

  it("retries UNAVAILABLE on a unary call until it succeeds (grpcRetryEvents: unavailable)", async () => {
    expect((await flaky(client(kind), `${tag}:2`)).value).toBe(`a:${tag}:2`);
    expect(a.calls.get(`Flaky ${tag}:2`)).toBe(3);
  });

  it("gives up after maxRetries, and the access log sees gRPC status 14", async () => {
    await expect(flaky(client(kind), `${tag}-exhaust:9`)).rejects.toMatchObject({ code: 14 });
    expect(a.calls.get(`Flaky ${tag}-exhaust:9`)).toBe(4);
    for (let i = 0; i < 50 && !accessLines().some((l) => l.route === "flaky" && l.attempts === 4); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(accessLines().filter((l) => l.route === "flaky" && l.attempts === 4)).toContainEqual(
      expect.objectContaining({ grpcStatus: 14, virtualNode: "echo-a", error: null }),
    );
  });

  it("under a route's default retry policy, retries UNAVAILABLE twice", async () => {
    const d = { "x-policy": "default" };
    expect((await flaky(client(kind), `${tag}-default:2`, d)).value).toBe(`a:${tag}-default:2`);
    expect(a.calls.get(`Flaky ${tag}-default:2`)).toBe(3);
    await expect(flaky(client(kind), `${tag}-default:5`, d)).rejects.toMatchObject({ code: 14 });
    expect(a.calls.get(`Flaky ${tag}-default:5`)).toBe(3);
  });

  it("retries a stream that fails before its first message, then streams all of it", async () => {
    const got: string[] = [];
    for await (const m of count(client(kind), `stream-${tag}:1`)) got.push(m.value);
    expect(got).toEqual(["a:1", "a:2", "a:3"]);
    expect(a.calls.get(`Count stream-${tag}:1`)).toBe(2);
  });

  it("never retries a stream that failed after its first message", async () => {
    const before = a.calls.get("Count fail-after-first") ?? 0;
    const got: string[] = [];
    await expect(
      (async () => {
        for await (const m of count(client(kind), "fail-after-first")) got.push(m.value);
      })(),
    ).rejects.toMatchObject({ code: 14 });
    expect(got).toEqual(["a:1"]);
    expect(a.calls.get("Count fail-after-first")).toBe(before + 1);
  });
});

describe("gRPC-Web text (base64)", () => {
  /** A unary gRPC-Web text call through the edge; resolves with the decoded answer body. */
  const call = (key: string) =>
    new Promise<{ status: number; body: Buffer; attempts: unknown }>((resolve, reject) => {
      const url = new URL(w.url);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: "/meshedge.test.Text/Get",
          method: "POST",
          agent: false,
          headers: { host: HOST, "content-type": "application/grpc-web-text+proto", "x-grpc-web": "1" },
        },
        (res) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c.toString()));
          res.on("end", () => {
            // Frames encoded one by one: decode each padded group on its own.
            const body = Buffer.concat((text.match(/[^=]+=*/g) ?? []).map((g) => Buffer.from(g, "base64")));
            resolve({ status: res.statusCode ?? 0, body, attempts: res.headers["x-meshedge-attempts"] });
          });
        },
      );
      req.on("error", reject);
      req.end(frame(0, Buffer.from(key)).toString("base64"));
    });

  it("retries a trailer-only UNAVAILABLE read from the base64 body, then passes the whole answer on", async () => {
    const r = await call("t:2");
    expect([r.status, r.attempts, textCalls.get("t:2")]).toEqual([200, "3", 3]);
    expect(r.body.equals(Buffer.concat([frame(0, Buffer.from("text:t:2")), frame(0x80, Buffer.from("grpc-status:0\r\n"))]))).toBe(true);
  });
});

describe("metrics", () => {
  it("count a call that ended in UNAVAILABLE as a failure (Envoy's 503), one that succeeded after retries as a success", async () => {
    // The route "flaky" saw, per transport, one call that succeeded on its third attempt and one
    // that gave up with UNAVAILABLE: both came as HTTP 200 (gRPC-Web) or 503 / 200 (Connect).
    const { ok } = httpApi(w.url);
    type Report = { routes: { route: string; requests: number; successRate: number | null; statusClasses: Record<string, number> }[] };
    let flakyRoute: Report["routes"][number] | undefined;
    for (let i = 0; i < 50 && flakyRoute?.requests !== 4; i++) {
      await new Promise((r) => setTimeout(r, 100));
      flakyRoute = (await ok<Report>("GET", "/_meshedge/v1/meshes/rpc/metrics?window=300")).routes.find((r) => r.route === "rpc/flaky");
    }
    expect([flakyRoute?.requests, flakyRoute?.successRate, flakyRoute?.statusClasses["5xx"]]).toEqual([4, 50, 2]);
  });
});

describe("plain gRPC (application/grpc over HTTP/1.1)", () => {
  it("gets a trailers-only gRPC error from the edge, not a proxied half-call", async () => {
    const r = await edgeRequest(w.url, HOST, `/${ECHO_SERVICE}/Say`, { "content-type": "application/grpc", te: "trailers" });
    expect([r.status, r.headers["content-type"], r.headers["grpc-status"], r.headers["x-meshedge-error"]]).toEqual([
      200,
      "application/grpc",
      "12",
      "grpc_unsupported",
    ]);
    expect(r.headers["grpc-message"]).toMatch(/gRPC-Web or Connect/);
    expect(a.calls.get("Say ")).toBeUndefined();
  });
});
