import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer, type RawData } from "ws";
import { httpApi, localNodeSpec } from "../security/support/http-api";
import { startWorker, type RunningWorker } from "../support/start-worker";

// WebSocket upgrades through the bundled Worker in workerd: `ws` as the client (to the edge, with a
// virtual service name as Host) and as the upstream server (a virtual node on 127.0.0.1).
const HOST = "chat.local";
const SHADOW_HOST = "shadowed.local";

let upstream: Server;
let wss: WebSocketServer;
let shadow: Server;
let shadowHits = 0;
let w: RunningWorker;
let output = "";
/** Upgrade requests the upstream saw, by path (refused ones included). */
const upgrades = new Map<string, number>();
/** Close codes and reasons the upstream received from clients. */
const closesSeen: { code: number; reason: string }[] = [];

beforeAll(async () => {
  upstream = createServer((_req, res) => res.writeHead(200).end("plain"));
  wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024 * 1024,
    handleProtocols: (protocols) => (protocols.has("chat.v2") ? "chat.v2" : false),
  });
  upstream.on("upgrade", (req, socket, head) => {
    const path = req.url ?? "/";
    const n = (upgrades.get(path) ?? 0) + 1;
    upgrades.set(path, n);
    // /flaky refuses its first upgrade with a 503: the edge may retry before any 101.
    if (path === "/flaky" && n === 1) {
      socket.end("HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on("message", (data: RawData, isBinary: boolean) => {
        const text = isBinary ? "" : data.toString();
        if (text.startsWith("close-me:")) ws.close(Number(text.slice(9)), "server says bye");
        else ws.send(data, { binary: isBinary });
      });
      ws.on("close", (code, reason) => closesSeen.push({ code, reason: reason.toString() }));
      ws.send(`hello ${ws.protocol || "-"} ${path}`);
    });
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
  shadow = createServer((_req, res) => {
    shadowHits++;
    res.writeHead(200).end("shadow");
  });
  await new Promise<void>((r) => shadow.listen(0, "127.0.0.1", r));
  const port = (upstream.address() as AddressInfo).port;
  const shadowPort = (shadow.address() as AddressInfo).port;

  w = await startWorker({ onRuntimeOutput: (t) => (output += t) });
  const { ok } = httpApi(w.url);
  const M = "/v20190125/meshes/sockets";
  await ok("PUT", "/v20190125/meshes", { meshName: "sockets", spec: {} });
  await ok("PUT", `${M}/virtualNodes`, { virtualNodeName: "n1", spec: localNodeSpec(port) });
  await ok("PUT", `${M}/virtualNodes`, { virtualNodeName: "shadow", spec: localNodeSpec(shadowPort) });
  for (const r of ["r", "rm"]) {
    await ok("PUT", `${M}/virtualRouters`, {
      virtualRouterName: r,
      spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] },
    });
    await ok("PUT", `${M}/virtualRouter/${r}/routes`, {
      routeName: "all",
      spec: {
        httpRoute: {
          match: { prefix: "/" },
          action: { weightedTargets: [{ virtualNode: "n1", weight: 1 }] },
          // A body timeout would cut a long-lived socket if it applied after the 101.
          timeout: { perRequest: { unit: "ms", value: 1500 }, idle: { unit: "ms", value: 1000 } },
          retryPolicy: { maxRetries: 2, perRetryTimeout: { unit: "s", value: 5 }, httpRetryEvents: ["server-error"] },
        },
      },
    });
  }
  await ok("PUT", `${M}/virtualServices`, { virtualServiceName: HOST, spec: { provider: { virtualRouter: { virtualRouterName: "r" } } } });
  await ok("PUT", `${M}/virtualServices`, {
    virtualServiceName: SHADOW_HOST,
    spec: { provider: { virtualRouter: { virtualRouterName: "rm" } } },
  });
  await ok("PUT", "/_meshedge/v1/meshes/sockets/virtualRouter/rm/routes/all/policy", { mirror: { virtualNode: "shadow", percent: 100 } });
}, 120_000);

afterAll(async () => {
  await w?.stop();
  wss?.close();
  await new Promise((r) => upstream?.close(r));
  await new Promise((r) => shadow?.close(r));
});

/** A `ws` client to the edge for `host` + `path`; resolves once open with its first message. */
async function connect(path: string, host = HOST, protocols: string[] = []): Promise<{ ws: WebSocket; first: string; attempts: string }> {
  // The edge picks a new mesh up within its snapshot TTL: retry a refused handshake for a while.
  for (let i = 0; ; i++) {
    const ws = new WebSocket(`${w.url.replace("http", "ws")}${path}`, protocols, { headers: { host }, maxPayload: 64 * 1024 * 1024 });
    const opened = await new Promise<{ first: string; attempts: string } | number>((resolve) => {
      let attempts = "";
      ws.once("upgrade", (res) => (attempts = String(res.headers["x-meshedge-attempts"] ?? "")));
      ws.once("message", (d) => resolve({ first: d.toString(), attempts }));
      ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.once("error", () => resolve(0));
    });
    if (typeof opened !== "number") return { ws, ...opened };
    ws.terminate();
    if (i >= 50) throw new Error(`the edge refused the upgrade: ${opened}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const next = (ws: WebSocket) =>
  new Promise<{ data: Buffer; binary: boolean }>((resolve) =>
    ws.once("message", (d: Buffer, binary: boolean) => resolve({ data: d, binary })),
  );
const closed = (ws: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );

describe("WebSocket upgrades through the edge", () => {
  it("passes text and binary frames, a subprotocol and a large message both ways", async () => {
    const { ws, first } = await connect("/room/1?x=1", HOST, ["chat.v1", "chat.v2"]);
    expect(first).toBe("hello chat.v2 /room/1?x=1");
    expect(ws.protocol).toBe("chat.v2");
    ws.send("ping");
    expect((await next(ws)).data.toString()).toBe("ping");
    const bin = Buffer.from([0, 1, 2, 255, 254]);
    ws.send(bin);
    const b = await next(ws);
    expect([b.binary, [...b.data]]).toEqual([true, [...bin]]);
    // 8 MiB, random: it crosses the edge in many chunks and must come back byte for byte.
    const big = Buffer.alloc(8 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 65536) big.set(crypto.getRandomValues(new Uint8Array(65536)), i);
    ws.send(big);
    const back = await next(ws);
    expect(back.data.equals(big)).toBe(true);
    // Past the route's idle (1 s) and perRequest (1.5 s) timeouts: the socket stays open.
    await new Promise((r) => setTimeout(r, 2000));
    ws.send("still here");
    expect((await next(ws)).data.toString()).toBe("still here");
    const c = closed(ws);
    ws.close(4001, "client says bye");
    expect(await c).toEqual({ code: 4001, reason: "client says bye" });
    for (let i = 0; i < 50 && !closesSeen.some((s) => s.code === 4001); i++) await new Promise((r) => setTimeout(r, 50));
    expect(closesSeen).toContainEqual({ code: 4001, reason: "client says bye" });
  }, 60_000);

  it("passes the server's close code and reason to the client", async () => {
    const { ws } = await connect("/closing");
    const c = closed(ws);
    ws.send("close-me:4002");
    expect(await c).toEqual({ code: 4002, reason: "server says bye" });
  }, 30_000);

  it("retries a refused upgrade before the 101, then counts the socket in the access log", async () => {
    const { ws, first, attempts } = await connect("/flaky");
    expect([first, attempts, upgrades.get("/flaky")]).toEqual(["hello - /flaky", "2", 2]);
    ws.close(1000);
    const line = () =>
      output
        .split("\n")
        .filter((l) => l.includes('"kind":"meshedge.access"') && l.includes('"path":"/flaky"'))
        .map((l) => JSON.parse(l.slice(l.indexOf("{"))) as Record<string, unknown>);
    for (let i = 0; i < 50 && line().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(line()).toEqual([expect.objectContaining({ status: 101, attempts: 2, route: "all", virtualNode: "n1", error: null })]);
  }, 30_000);

  it("never mirrors an upgrade (the shadow would get a plain request it cannot answer as a socket)", async () => {
    const { ws, first } = await connect("/mirrored", SHADOW_HOST);
    expect(first).toBe("hello - /mirrored");
    ws.close(1000);
    await new Promise((r) => setTimeout(r, 500));
    expect(shadowHits).toBe(0);
  }, 30_000);
});
