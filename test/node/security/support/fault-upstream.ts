import { expect } from "vitest";
import { edgeRequest } from "../../support/edge-request";
import { createServer, type Server } from "node:http";
import type { Socket } from "node:net";

/** A local upstream that misbehaves on request, counting hits per path. */
export interface FaultUpstream {
  port: number;
  /** Requests received for a path (without query). */
  hits(path: string): number;
  /** Every request target received, in order (raw, as on the wire). */
  readonly targets: readonly string[];
  close(): Promise<void>;
}

/**
 * Behaviours by path: `/ok/<id>` 200 echoing the id, `/status/<code>`, `/hang` (never
 * answers), `/slowbody` (headers and a first chunk, then silence for 10 s), `/resetbody`
 * (headers and half the declared body, then the socket is destroyed), `/reset` (socket
 * destroyed before any answer), `/drain/<id>` (reads the whole request body, then answers
 * `{"bytes": n}`).
 */
export async function startFaultUpstream(): Promise<FaultUpstream> {
  const counts = new Map<string, number>();
  const targets: string[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (ms: number, f: () => void) => {
    const t = setTimeout(() => (timers.delete(t), f()), ms);
    timers.add(t);
  };
  // Large request headers are part of the hostile inputs sent through the edge.
  const server: Server = createServer({ maxHeaderSize: 256 * 1024 }, (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    counts.set(path, (counts.get(path) ?? 0) + 1);
    targets.push(req.url ?? "");
    const [, kind, arg] = path.split("/");
    // Answers only once the whole request body arrived, with its size.
    if (kind === "drain") {
      let bytes = 0;
      req.on("data", (c: Buffer) => (bytes += c.length));
      return void req.on("end", () => res.end(JSON.stringify({ bytes })));
    }
    req.resume();
    if (kind === "ok") return void res.end(JSON.stringify({ id: arg }));
    if (kind === "status") return void res.writeHead(Number(arg)).end(JSON.stringify({ status: Number(arg) }));
    if (kind === "hang") return;
    if (kind === "reset") return void req.socket.destroy();
    const half = "x".repeat(1024);
    res.writeHead(200, { "content-length": String(half.length * 2) });
    res.write(half);
    if (kind === "resetbody") return void later(50, () => req.socket.destroy());
    if (kind === "slowbody") return void later(10_000, () => res.end(half));
    res.end(half);
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as { port: number }).port,
    hits: (p) => counts.get(p) ?? 0,
    targets,
    close: () =>
      new Promise<void>((r) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/**
 * A healthy request right after a fault: `/ok/<id>` through the edge to `host` is answered 200
 * by `up` itself, exactly once (the node is still in service and nothing was left behind).
 */
export async function expectServedOnce(base: string, host: string, up: FaultUpstream, id: string): Promise<void> {
  const a = await edgeRequest(base, host, `/ok/${id}`);
  expect([a.status, a.truncated, a.headers["x-meshedge-error"], JSON.parse(a.body)]).toEqual([200, false, undefined, { id }]);
  expect(up.hits(`/ok/${id}`)).toBe(1);
}
