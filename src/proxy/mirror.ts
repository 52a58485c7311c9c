import { envInt } from "../shared/env-int";

/**
 * Traffic mirroring: a copy of a share of a route's requests goes to a shadow virtual node in the
 * background (`ctx.waitUntil`). The copy never touches the client's answer: it starts after the
 * client's request was sent upstream, its response is read and dropped, its errors and timeouts are
 * swallowed, and it has its own deadline (`MIRROR_TIMEOUT_MS`, default 5000).
 *
 * The copy carries `x-meshedge-mirror: 1` and, like Envoy's shadows, its authority with a
 * `-shadow` suffix (in the proxy's authority header). Bodies are mirrored only when the proxy
 * buffered them (replayable); a streamed body is read once by the real request, so its mirror is
 * skipped (documented limit).
 */

/** Header that marks a mirrored copy (upstreams can tell shadows from live traffic). */
export const MIRROR_HEADER = "x-meshedge-mirror";

/** True for `percent`% of calls (percent 0-100, decimals allowed); `draw` in [0, 1). */
export function shouldMirror(percent: number, draw: number): boolean {
  return percent > 0 && draw * 100 < percent;
}

/** Mirror deadline from the env var (default 5000 ms). */
export function mirrorTimeoutMs(env: object): number {
  return envInt((env as Record<string, unknown>).MIRROR_TIMEOUT_MS, { fallback: 5000, min: 1 });
}

/** What the mirrored copy is made of. `headers` is copied; the caller's object is not changed. */
export interface MirrorRequest {
  url: string;
  method: string;
  headers: Headers;
  body: ArrayBuffer | null;
  /** Header carrying the authority upstream (the proxy's AUTHORITY_HEADER) and its value. */
  authorityHeader: string;
  authority: string;
}

/**
 * Sends the copy and settles with its status (0 when it failed or timed out) and duration.
 * Never rejects. The response body is drained so the connection can be reused.
 */
export async function sendMirror(m: MirrorRequest, timeoutMs: number): Promise<{ status: number; durationMs: number }> {
  const started = Date.now();
  const headers = new Headers(m.headers);
  headers.set(MIRROR_HEADER, "1");
  headers.set(m.authorityHeader, `${m.authority}-shadow`);
  try {
    const res = await fetch(m.url, {
      method: m.method,
      headers,
      body: m.method === "GET" || m.method === "HEAD" ? null : m.body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "manual",
    });
    await res.arrayBuffer().catch(() => undefined);
    return { status: res.status, durationMs: Date.now() - started };
  } catch {
    return { status: 0, durationMs: Date.now() - started };
  }
}
