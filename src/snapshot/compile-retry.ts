import { durationMs } from "../shared/duration";
import type { GrpcRetryPolicy, HttpRetryPolicy } from "../schema";
import type { SnapshotRetry } from "./types";

/** HTTP retry events (App Mesh / Envoy) -> the statuses they retry. */
const HTTP_EVENT_STATUSES: Record<string, readonly number[]> = {
  "server-error": [500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511],
  "gateway-error": [502, 503, 504],
  "client-error": [409],
};

const GRPC_EVENT_CODES: Record<string, number> = {
  cancelled: 1,
  "deadline-exceeded": 4,
  "resource-exhausted": 8,
  internal: 13,
  unavailable: 14,
};

/**
 * App Mesh's policy for a route without `retryPolicy` (user guide, "Envoy defaults set by App
 * Mesh"; the vended Envoy config in aws/aws-app-mesh-roadmap#229): 2 retries on HTTP 503, gRPC
 * UNAVAILABLE, connect-failure and refused-stream; no per-try timeout (only the request
 * timeout) and no `reset`. workerd reports a refused connection and a reset alike (a failed
 * fetch), so `connectError` retries both: see the README ("Retries and timeouts").
 */
export const DEFAULT_RETRY: SnapshotRetry = Object.freeze({
  maxRetries: 2,
  perTryMs: 0,
  statuses: [503],
  connectError: true,
  reset: false,
  grpcStatuses: [14],
}) as SnapshotRetry;

/** Reduces a route's retry policy to the lookups the proxy uses per attempt. */
export function compileRetry(p: (HttpRetryPolicy & { grpcRetryEvents?: GrpcRetryPolicy["grpcRetryEvents"] }) | undefined): SnapshotRetry {
  if (!p) return { ...DEFAULT_RETRY, statuses: [...DEFAULT_RETRY.statuses], grpcStatuses: [...DEFAULT_RETRY.grpcStatuses] };
  const statuses = new Set<number>();
  let reset = false;
  let connectError = false;
  for (const ev of p.httpRetryEvents ?? []) {
    for (const s of HTTP_EVENT_STATUSES[ev] ?? []) statuses.add(s);
    // Envoy's 5xx and gateway-error also cover connect failures, resets and per-try timeouts.
    if (ev === "server-error" || ev === "gateway-error") {
      reset = true;
      connectError = true;
    }
    // A refused stream never reached the upstream application, like a failed connect.
    if (ev === "stream-error") connectError = true;
  }
  for (const ev of p.tcpRetryEvents ?? []) if (ev === "connection-error") connectError = true;
  const grpcStatuses: number[] = [];
  for (const ev of p.grpcRetryEvents ?? []) {
    const code = GRPC_EVENT_CODES[ev];
    if (code !== undefined && !grpcStatuses.includes(code)) grpcStatuses.push(code);
  }
  return {
    maxRetries: Math.max(0, Math.floor(p.maxRetries)),
    perTryMs: durationMs(p.perRetryTimeout) ?? 0,
    statuses: [...statuses].sort((a, b) => a - b),
    connectError,
    reset,
    grpcStatuses: grpcStatuses.sort((a, b) => a - b),
  };
}
