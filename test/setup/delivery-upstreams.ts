/**
 * globalSetup (Node) for the progressive-delivery tests (test/delivery): two shadow servers on
 * 127.0.0.1 whose behaviour does not depend on the request (so a mirrored copy, which carries the
 * live request's path and headers, still meets the behaviour under test):
 *
 * - `fast`: answers 200 at once.
 * - `slow`: waits 1500 ms, then answers 503.
 * - `error`: answers 500 at once (a broken canary).
 *
 * All count, per `x-run-id` request header, the requests received and answered and the request
 * body bytes: `GET /_stats?run=<id>` -> {"received": n, "answered": m, "bodyBytes": b} (not
 * counted itself).
 * Ports are handed over as `shadowPorts` (types in test/provided.d.ts).
 */
import { createServer, type Server } from "node:http";
import type { Socket } from "node:net";
import type { TestProject } from "vitest/node";
import { listen } from "./upstreams";

function shadow(delayMs: number, status: number): Server {
  const stats = new Map<string, { received: number; answered: number; bodyBytes: number }>();
  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/_stats") {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(stats.get(url.searchParams.get("run") ?? "") ?? { received: 0, answered: 0, bodyBytes: 0 }));
      return;
    }
    const run = String(req.headers["x-run-id"] ?? "");
    const s = stats.get(run) ?? { received: 0, answered: 0, bodyBytes: 0 };
    stats.set(run, s);
    s.received++;
    req.on("data", (c: Buffer) => (s.bodyBytes += c.length));
    req.on("end", () =>
      setTimeout(() => {
        s.answered++;
        res.statusCode = status;
        res.end("shadow");
      }, delayMs),
    );
  });
}

export default async function setup(project: TestProject) {
  const sockets = new Set<Socket>();
  const servers = { fast: shadow(0, 200), slow: shadow(1500, 503), error: shadow(0, 500) };
  const ports: Record<string, number> = {};
  for (const [name, srv] of Object.entries(servers)) ports[name] = await listen(srv, sockets);
  project.provide("shadowPorts", { fast: ports.fast ?? 0, slow: ports.slow ?? 0, error: ports.error ?? 0 });
  return async () => {
    for (const s of sockets) s.destroy();
    await Promise.all(Object.values(servers).map((s) => new Promise<void>((r) => s.close(() => r()))));
  };
}
