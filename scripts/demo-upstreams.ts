import { createServer, type Server } from "node:http";

/** One running demo upstream: which version it plays and where it listens. */
export interface DemoUpstream {
  version: string;
  port: number;
  server: Server;
}

/**
 * Starts one local HTTP server on 127.0.0.1 that answers every request with the version it
 * plays (`v1` / `v2`), so a `curl` through the edge shows where the weighted split sent it.
 * Tries `port` first and falls back to a free port when it is taken (a second `npm run dev`).
 */
export async function startDemoUpstream(version: string, port: number): Promise<DemoUpstream> {
  const server = createServer((req, res) => {
    const body = JSON.stringify({
      version,
      service: "demo.local",
      path: req.url ?? "/",
      requestId: req.headers["x-request-id"] ?? null,
    });
    res.writeHead(200, { "content-type": "application/json", "x-demo-version": version });
    res.end(`${body}\n`);
  });
  const listen = (p: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(p, "127.0.0.1", () => {
        server.off("error", reject);
        resolve((server.address() as { port: number }).port);
      });
    });
  let bound: number;
  try {
    bound = await listen(port);
  } catch {
    bound = await listen(0);
  }
  return { version, port: bound, server };
}

/** Closes a demo upstream, dropping keep-alive connections so the process can exit at once. */
export function stopDemoUpstream(u: DemoUpstream): Promise<void> {
  u.server.closeAllConnections();
  return new Promise((r) => u.server.close(() => r()));
}
