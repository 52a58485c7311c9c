/**
 * Builds meshes for proxy tests through the real management API (SigV4-signed calls to the
 * Worker), pointing virtual nodes at the local upstreams of test/setup/upstreams.ts.
 */
import { env, exports } from "cloudflare:workers";
import { inject } from "vitest";
import { invalidateMesh } from "../../../src/proxy";
import { createMesh as createMeshWithSpec, createNodeAt } from "../../support/mesh-fixture";

export {
  createGateway,
  createGatewayRoute,
  createRoute,
  createRouter,
  createService,
  updateRoute,
} from "../../support/mesh-fixture";

export const upstreamPort = (name: string): number => {
  const p = inject("upstreams")[name];
  if (p === undefined) throw new Error(`no upstream ${name}`);
  return p;
};

export async function createMesh(mesh: string): Promise<void> {
  await createMeshWithSpec(mesh, {});
}

/** A virtual node whose DNS discovery is 127.0.0.1 and whose listener is an upstream's port. */
export async function createNode(
  mesh: string,
  name: string,
  upstream: string | number,
  listener: Record<string, unknown> = {},
): Promise<void> {
  await createNodeAt(mesh, name, "127.0.0.1", typeof upstream === "number" ? upstream : upstreamPort(upstream), listener);
}

/** An httpRoute spec sending everything under `prefix` to the weighted nodes. */
export function httpRoute(
  targets: Record<string, number>,
  extra: Record<string, unknown> = {},
  match: Record<string, unknown> = { prefix: "/" },
) {
  return {
    httpRoute: {
      match,
      action: { weightedTargets: Object.entries(targets).map(([virtualNode, weight]) => ({ virtualNode, weight })) },
      ...extra,
    },
  };
}

/**
 * UpdateRoute written straight into the mesh's Durable Object, behind this isolate's back (as a
 * write served by another isolate is): the isolate's snapshot cache is not told about it.
 */
export async function updateRouteElsewhere(mesh: string, router: string, name: string, spec: Record<string, unknown>): Promise<void> {
  await updateElsewhere(mesh, "route", router, name, spec);
}

/**
 * Any resource's update written straight into the mesh's Durable Object, past the API's checks:
 * data stored before a rule existed (the data plane must still be safe with it).
 */
export async function updateElsewhere(
  mesh: string,
  kind: "route" | "gatewayRoute" | "virtualNode",
  parent: string,
  name: string,
  spec: Record<string, unknown>,
): Promise<void> {
  const stub = env.MESH.get(env.MESH.idFromName(mesh));
  const res = await stub.updateResource({
    key: { meshName: mesh, kind, parent, name },
    spec,
    inputKey: `elsewhere:${crypto.randomUUID()}`,
  });
  if (!res.ok) throw new Error(`updateResource failed: ${JSON.stringify(res.error)}`);
}

/** Makes this isolate reload the mesh now (what the API does after each write). */
export function reload(mesh: string): void {
  invalidateMesh(mesh);
}

/** A data-plane request to the Worker with the given Host. */
export function edge(host: string, path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`http://${host}${path}`, init));
}

/** Parses the programmable upstream's echo JSON. */
export interface Echo {
  server: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}
export async function echo(res: Response): Promise<Echo> {
  return (await res.json()) as Echo;
}

/** Hits counted by the upstreams for a /seq/<id>/... sequence. */
export async function seqCount(id: string): Promise<number> {
  const r = await fetch(`http://127.0.0.1:${upstreamPort("a")}/_control/count/${id}`);
  return ((await r.json()) as { count: number }).count;
}

/**
 * A fresh /seq/<id> id. The upstreams' counters are shared by every test file, so the id must be
 * unique across files, not only within one.
 */
export function seqKey(): string {
  return crypto.randomUUID();
}

/** Sends a /seq/<id>/<tokens> sequence to `host` and returns the final status, attempts and upstream hits. */
export async function run(host: string, tokens: string, init: RequestInit = {}) {
  const key = seqKey();
  const res = await edge(host, `/seq/${key}/${tokens}`, init);
  const text = await res.text();
  return { status: res.status, attempts: Number(res.headers.get("x-meshedge-attempts")), hits: await seqCount(key), text };
}
