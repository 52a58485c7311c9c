import { envInt } from "../shared/env-int";
import { DEFAULT_DO_CALL_TIMEOUT_MS } from "../do-client/do-call";

/**
 * The proxy's configuration from wrangler.toml `[vars]`, parsed once per `env` object.
 *
 * - `SERVED_MESHES`: "*" (every mesh the registry lists) or "prod,staging".
 * - `SERVED_GATEWAYS`: "*" (every gateway of the served meshes), "" (none) or "mesh/gateway,...".
 * - `SNAPSHOT_TTL_MS`: the most an isolate's snapshot may lag behind (1000): refreshed in the
 *   background from half of it on, for the meshes requests are routed to (see EntryIndex); an
 *   isolate that has a snapshot never waits for a refresh and serves it, marked stale, when older.
 * - `DO_CALL_TIMEOUT_MS`: the longest the edge waits for one call to a Durable Object (snapshot,
 *   mesh list, metrics flush) before taking it as failed (2000; 0 or junk: the default).
 * - `ROUTE_HEADERS`: "off" makes the edge add nothing to an upstream's answer (no
 *   x-meshedge-route / -virtual-node / -attempts, no echoed x-request-id): the answer passes
 *   through as the upstream sent it, without the copy the added headers need.
 * - `ACCESS_LOG`: "off" drops the per-request JSON access-log line (metrics are still counted).
 * - `MAX_RETRY_BODY_BYTES`: request bodies up to this size are buffered so a retry can resend
 *   them (default 65536); larger bodies are streamed once and never retried.
 * - `MAX_HOPS`: a request that already crossed the edge this many times is refused with 508 (5).
 */
export interface ProxyConfig {
  servedMeshes: "*" | readonly string[];
  servedGateways: "*" | readonly { mesh: string; gateway: string }[];
  snapshotTtlMs: number;
  doCallTimeoutMs: number;
  routeHeaders: boolean;
  accessLog: boolean;
  maxRetryBodyBytes: number;
  maxHops: number;
}

const cache = new WeakMap<object, ProxyConfig>();

function list(v: unknown): string[] {
  return typeof v === "string"
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
    : [];
}

function int(v: unknown, fallback: number): number {
  return envInt(v, { fallback, min: 0 });
}

/** Parses (once per env object) the proxy's vars, with defaults for anything missing. */
export function proxyConfig(env: object): ProxyConfig {
  const hit = cache.get(env);
  if (hit) return hit;
  const e = env as Record<string, unknown>;
  const meshes = typeof e.SERVED_MESHES === "string" ? e.SERVED_MESHES.trim() : "*";
  const gateways = typeof e.SERVED_GATEWAYS === "string" ? e.SERVED_GATEWAYS.trim() : "*";
  const cfg: ProxyConfig = {
    servedMeshes: meshes === "*" ? "*" : list(meshes),
    servedGateways:
      gateways === "*"
        ? "*"
        : list(gateways).flatMap((g) => {
            const i = g.indexOf("/");
            return i > 0 ? [{ mesh: g.slice(0, i), gateway: g.slice(i + 1) }] : [];
          }),
    snapshotTtlMs: int(e.SNAPSHOT_TTL_MS, 1000),
    doCallTimeoutMs: int(e.DO_CALL_TIMEOUT_MS, DEFAULT_DO_CALL_TIMEOUT_MS) || DEFAULT_DO_CALL_TIMEOUT_MS,
    routeHeaders: String(e.ROUTE_HEADERS ?? "on").toLowerCase() !== "off",
    accessLog: String(e.ACCESS_LOG ?? "on").toLowerCase() !== "off",
    maxRetryBodyBytes: int(e.MAX_RETRY_BODY_BYTES, 65_536),
    maxHops: int(e.MAX_HOPS, 5),
  };
  cache.set(env, cfg);
  return cfg;
}
