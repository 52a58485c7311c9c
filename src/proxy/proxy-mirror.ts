import { recordEdgeRequest } from "./edge-metrics";
import { mirrorTimeoutMs, sendMirror, shouldMirror } from "./mirror";
import type { SnapshotRoutePolicy } from "../rollouts/route-policy";

/** The parts of a loaded mesh the mirror needs: the shadow node's upstream origin. */
export interface MirrorMesh {
  name: string;
  nodes: { get(name: string): { unusable: string | null; first: { origin: string } | null } | undefined };
}

/** What the proxy sent upstream for the live request. */
export interface LiveRequest {
  method: string;
  /** Path plus `?query` when there is one. */
  pathAndQuery: string;
  headers: Headers;
  body: { body: ArrayBuffer | ReadableStream<Uint8Array> | null; replayable: boolean };
  authorityHeader: string;
  authority: string;
  /** `{router}/{route}`: mirror outcomes are counted under `{router}/{route}#mirror`. */
  routeSeries: string;
}

/**
 * Called by the proxy after the live request got its answer: with a mirror policy, for
 * `percent`% of requests, sends a copy to the shadow node in `ctx.waitUntil` (never awaited by the
 * client's path) and counts its outcome under the route's `#mirror` series. A streamed body (not
 * replayable) cannot be read twice: such requests are not mirrored.
 */
export function mirrorRequest(
  policy: SnapshotRoutePolicy | null,
  mesh: MirrorMesh,
  live: LiveRequest,
  env: object,
  ctx: { waitUntil(p: Promise<unknown>): void },
): void {
  const m = policy?.mirror;
  if (!m || !shouldMirror(m.percent, Math.random())) return;
  if (!live.body.replayable || live.body.body instanceof ReadableStream) return;
  const node = mesh.nodes.get(m.virtualNode);
  const origin = node && node.unusable === null ? node.first?.origin : undefined;
  if (origin === undefined) return;
  const body = live.body.body;
  const sent = sendMirror(
    {
      url: origin + live.pathAndQuery,
      method: live.method,
      headers: live.headers,
      body,
      authorityHeader: live.authorityHeader,
      authority: live.authority,
    },
    mirrorTimeoutMs(env),
  ).then((r) => recordEdgeRequest(mesh.name, `${live.routeSeries}#mirror`, m.virtualNode, r.status, r.durationMs, env, ctx));
  ctx.waitUntil(sent);
}
