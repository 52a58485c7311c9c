import { request, type Agent } from "node:http";

/** What a client saw of one data-plane answer, including a body cut short. */
export interface EdgeAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** True when the body ended early (connection error, abort, or fewer bytes than declared). */
  truncated: boolean;
}

/**
 * Sends a data-plane request over real HTTP with a chosen Host (node:http, since fetch may not
 * set Host) and reads the whole answer, reporting a truncated body instead of throwing.
 * Rejects when no connection could be made (e.g. ECONNREFUSED).
 *
 * By default a fresh connection per request (agent: false): each case stands alone, none
 * inherits a keep-alive socket that the server closed after a previous failure. A benchmark
 * loop passes a keep-alive `agent` instead, so it measures requests, not connection set-up.
 */
export function edgeRequest(
  base: string,
  host: string,
  path: string,
  headers: Record<string, string> = {},
  agent: Agent | false = false,
): Promise<EdgeAnswer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path, headers: { ...headers, host }, agent, maxHeaderSize: 256 * 1024 },
      (res) => {
        const chunks: Buffer[] = [];
        let failed = false;
        const done = () => {
          const body = Buffer.concat(chunks).toString("utf8");
          const declared = Number(res.headers["content-length"] ?? Number.NaN);
          const short = Number.isFinite(declared) && Buffer.byteLength(body) < declared;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, truncated: failed || short || !res.complete });
        };
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", () => (failed = true));
        res.on("aborted", () => (failed = true));
        res.on("close", done);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/**
 * Polls `host` + `path` until the edge answers 200 (it picks a new mesh up within its snapshot
 * TTL), for at most ~10 s; returns the last status. Stops at the first 200, so the upstream sees
 * that path once.
 */
export async function edgeAnswers(base: string, host: string, path: string): Promise<number> {
  let status = 0;
  for (let i = 0; i < 100 && status !== 200; i++) {
    status = (await edgeRequest(base, host, path)).status;
    if (status !== 200) await new Promise((r) => setTimeout(r, 100));
  }
  return status;
}
