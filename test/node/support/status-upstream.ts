import { createServer, type Server } from "node:http";

/**
 * A local upstream on 127.0.0.1 answering every request with `status` (or what `status()` says
 * at that moment) and body "ok". The server is pushed onto `servers` for the caller's afterAll.
 */
export async function statusUpstream(status: number | (() => number), servers: Server[]): Promise<number> {
  const srv = createServer((_req, res) => {
    res.writeHead(typeof status === "number" ? status : status());
    res.end("ok");
  });
  servers.push(srv);
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  return (srv.address() as { port: number }).port;
}
