import { createServer } from "node:http";
import type { TestProject } from "vitest/node";
export default async function setup(project: TestProject) {
  const srv = createServer((req, res) => { res.end("hello from upstream " + req.url); });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as { port: number }).port;
  project.provide("upstreamPort", port);
  return () => new Promise<void>((r) => srv.close(() => r()));
}
