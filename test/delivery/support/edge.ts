import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import app from "../../../src/index";

/**
 * The Worker's env for edge traffic in these tests: the real bindings, with a background metrics
 * flush interval (20 s) longer than any test here, so tests flush explicitly and see exactly what
 * they sent. One object for the whole run: the proxy caches its config and snapshots per env.
 */
export const edgeEnv = { ...env, METRICS_FLUSH_MS: "20000" } as unknown as Env;

/**
 * For tests that wait on requests' background work (mirrors): a short flush interval, so a
 * flush timer registered with one of their requests ends quickly; a 3 s mirror deadline.
 */
export const mirrorEnv = { ...env, METRICS_FLUSH_MS: "100", MIRROR_TIMEOUT_MS: "3000" } as unknown as Env;

/**
 * Sends one request through the real Worker (the Hono app: guard, proxy, hooks) in this
 * isolate. Calling the app directly, rather than through the self-binding, keeps the isolate's
 * edge metrics observable by the test and costs well under a millisecond per request.
 */
export async function edge(
  url: string,
  headers: Record<string, string> = {},
  workerEnv: Env = edgeEnv,
): Promise<{ status: number; node: string | null; body: string; ctx: ExecutionContext }> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(url, { headers }), workerEnv, ctx);
  return { status: res.status, node: res.headers.get("x-meshedge-virtual-node"), body: await res.text(), ctx };
}

/** Sends `n` requests, `concurrency` at a time; `make(i)` gives each one's url and headers. */
export async function edgeMany(
  n: number,
  make: (i: number) => { url: string; headers?: Record<string, string> },
  concurrency = 50,
  workerEnv: Env = edgeEnv,
): Promise<{ status: number; node: string | null; ctx: ExecutionContext }[]> {
  const out = new Array<{ status: number; node: string | null; ctx: ExecutionContext }>(n);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < n; i = next++) {
      const r = make(i);
      const a = await edge(r.url, r.headers, workerEnv);
      out[i] = { status: a.status, node: a.node, ctx: a.ctx };
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  return out;
}

/** Waits for every request's background work (mirrors, flush timers). */
export async function settle(results: readonly { ctx: ExecutionContext }[]): Promise<void> {
  await Promise.all(results.map((r) => waitOnExecutionContext(r.ctx)));
}
