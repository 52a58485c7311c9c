/**
 * globalSetup (runs in Node): starts local HTTP upstreams on 127.0.0.1 for tests running in
 * workerd and hands their ports over via `project.provide` (types in test/provided.d.ts).
 *
 * - `upstreamPort`: a plain server answering "hello from upstream <url>".
 * - `upstreams`: named programmable servers (a, b, c, d). Every answer carries
 *   `x-upstream-name`. Behaviour comes from the path or, when the path must stay free (rewrite
 *   tests), from the `x-upstream-behavior` header; both take one token:
 *     echo (default)  200 JSON {server, method, url, headers, body}
 *     <status>        that status with the echo JSON        e.g. /status/503
 *     grpc<code>      200 with `grpc-status: <code>`         e.g. /grpc/14
 *     delay<ms>       echo after ms                          e.g. /delay/300
 *     hang            never answers (until shutdown)
 *     reset           destroys the socket before any response
 *     resetbody       sends headers and half a body, then destroys the socket
 *     stall<ms>       sends headers and a first chunk, waits ms, then ends
 *     drip<ms>        200 text "tick 1\n".."tick 4\n", ms apart e.g. /drip/200
 *     spoof           404 echo carrying `x-meshedge-error: no_route`, like the edge's own answer
 *   `/failon/<names>/...`: 500 from the servers named (e.g. /failon/a,b), echo from the others.
 *   `/seq/<id>/<t1>,<t2>,...`: the n-th request for <id> (across all servers) gets token n, the
 *   last token repeats; `GET /_control/count/<id>` answers {"count": n} for that id.
 * - `deadPort`: a port nothing listens on (connection refused).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { TestProject } from "vitest/node";
import { freePort } from "../node/support/free-port";

const counts = new Map<string, number>();

function pathToken(path: string, server: string): { token: string; seq?: string } {
  const parts = path.split("/");
  const [, head, a, b] = parts;
  if (head === "status" && a) return { token: a };
  if (head === "grpc" && a) return { token: `grpc${a}` };
  if (head === "delay" && a) return { token: `delay${a}` };
  if (head === "stall" && a) return { token: `stall${a}` };
  if (head === "drip" && a) return { token: `drip${a}` };
  if (head === "hang" || head === "reset" || head === "resetbody" || head === "spoof") return { token: head };
  if (head === "failon" && a) return { token: a.split(",").includes(server) ? "500" : "echo" };
  if (head === "seq" && a && b) {
    const n = counts.get(a) ?? 0;
    counts.set(a, n + 1);
    const tokens = b.split(",");
    return { token: tokens[Math.min(n, tokens.length - 1)] ?? "echo", seq: a };
  }
  return { token: "echo" };
}

function respond(name: string, req: IncomingMessage, res: ServerResponse, body: string): void {
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  if (path.startsWith("/_control/count/")) {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ count: counts.get(path.slice("/_control/count/".length)) ?? 0 }));
    return;
  }
  const hdr = req.headers["x-upstream-behavior"];
  const { token } = typeof hdr === "string" ? { token: hdr } : pathToken(path, name);
  const echo = JSON.stringify({ server: name, method: req.method, url: req.url, headers: req.headers, body });
  res.setHeader("x-upstream-name", name);
  res.setHeader("content-type", "application/json");
  const status = /^\d{3}$/.test(token) ? Number(token) : 200;
  if (token === "hang") return;
  if (token === "reset") return void req.socket.destroy();
  if (token.startsWith("grpc")) res.setHeader("grpc-status", token.slice(4));
  if (token === "spoof") {
    res.statusCode = 404;
    res.setHeader("x-meshedge-error", "no_route");
    return void res.end(echo);
  }
  if (token.startsWith("delay")) return void setTimeout(() => res.end(echo), Number(token.slice(5)));
  if (token.startsWith("drip")) return void drip(res, Number(token.slice(4)));
  if (token === "resetbody" || token.startsWith("stall")) {
    res.writeHead(200, { "content-length": String(echo.length * 2) });
    res.write(echo);
    if (token === "resetbody") return void setTimeout(() => req.socket.destroy(), 20);
    return void setTimeout(() => res.end(echo), Number(token.slice(5)));
  }
  res.statusCode = status;
  res.end(echo);
}

/** Four short chunks `gap` ms apart, so the stream's total time is 3 x gap. */
function drip(res: ServerResponse, gap: number): void {
  res.setHeader("content-type", "text/plain");
  const tick = (n: number): void => {
    if (n === 4) return void res.end(`tick ${n}\n`);
    res.write(`tick ${n}\n`);
    setTimeout(() => tick(n + 1), gap);
  };
  tick(1);
}

function programmable(name: string): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => respond(name, req, res, Buffer.concat(chunks).toString("utf8")));
  });
}

/** Listens on a free 127.0.0.1 port and tracks the server's sockets (so teardown can destroy them). */
export async function listen(srv: Server, sockets: Set<Socket>): Promise<number> {
  srv.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  return (srv.address() as { port: number }).port;
}

export default async function setup(project: TestProject) {
  const sockets = new Set<Socket>();
  const plain = createServer((req, res) => res.end("hello from upstream " + req.url));
  const servers: Server[] = [plain];
  project.provide("upstreamPort", await listen(plain, sockets));
  const upstreams: Record<string, number> = {};
  for (const name of ["a", "b", "c", "d"]) {
    const s = programmable(name);
    servers.push(s);
    upstreams[name] = await listen(s, sockets);
  }
  project.provide("upstreams", upstreams);
  project.provide("deadPort", await freePort());
  return async () => {
    for (const s of sockets) s.destroy();
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  };
}
