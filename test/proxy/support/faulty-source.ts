/**
 * Failure injection for the edge's Durable Object calls: a SnapshotSource serving real compiled
 * snapshots (fetched from real mesh Durable Objects) that can be switched to hang, error, answer
 * slowly or throw the runtime's `overloaded` error, counting every call it gets. Plus a driver
 * that sends requests through the real data plane (handleProxy) and records what each got.
 */
import { env } from "cloudflare:workers";
import { vi } from "vitest";
import { handleProxy, type SnapshotSource } from "../../../src/proxy";
import { callBackoffMs } from "../../../src/shared/backoff";
import type { MeshSnapshot } from "../../../src/snapshot";

/** How the fake Durable Object answers: normally, never, with an error, or after `slowMs`. */
export type Fault = "ok" | "hang" | "error" | "overloaded" | { slowMs: number };

/** The error the Durable Object runtime throws for an overloaded object (`.overloaded = true`). */
export function overloadedError(): Error {
  return Object.assign(new Error("Durable Object is overloaded. Too many requests queued."), { overloaded: true, retryable: false });
}

export class FaultySource implements SnapshotSource {
  /** Fault of getSnapshot and of listMeshNames. */
  fault: Fault = "ok";
  listFault: Fault = "ok";
  /** Every getSnapshot call: mesh and time. */
  readonly calls: { mesh: string; at: number }[] = [];
  readonly listCalls: number[] = [];
  readonly snapshots = new Map<string, MeshSnapshot>();
  names: string[] = [];

  getSnapshot(mesh: string, knownVersion?: number): Promise<{ version: number; snapshot?: MeshSnapshot }> {
    this.calls.push({ mesh, at: Date.now() });
    return answer(this.fault, () => {
      const s = this.snapshots.get(mesh);
      if (!s) return { version: 0 };
      return knownVersion === s.version ? { version: s.version } : { version: s.version, snapshot: s };
    });
  }

  listMeshNames(): Promise<string[]> {
    this.listCalls.push(Date.now());
    return answer(this.listFault, () => [...this.names]);
  }

  callsOf(mesh: string): number[] {
    return this.calls.filter((c) => c.mesh === mesh).map((c) => c.at);
  }
}

function answer<T>(fault: Fault, value: () => T): Promise<T> {
  if (fault === "ok") return Promise.resolve(value());
  if (fault === "hang") return new Promise<T>(() => {});
  if (fault === "error") return Promise.reject(Object.assign(new Error("Network connection lost."), { retryable: true }));
  if (fault === "overloaded") return Promise.reject(overloadedError());
  return new Promise<T>((resolve) => setTimeout(() => resolve(value()), fault.slowMs));
}

/** The compiled snapshot of a real mesh, as its Durable Object serves it to the edge. */
export async function realSnapshot(mesh: string): Promise<MeshSnapshot> {
  const res = await env.MESH.get(env.MESH.idFromName(mesh)).getSnapshot();
  if (!res.snapshot) throw new Error(`mesh ${mesh} has no snapshot`);
  return res.snapshot;
}

/** `snap` as if it were the snapshot of mesh `name` (one real mesh, many isolated scenarios). */
export function renamed(snap: MeshSnapshot, name: string): MeshSnapshot {
  return { ...structuredClone(snap), meshName: name };
}

/** Proxy vars for a scenario: small TTL and call bound so the failures play out in a second or two. */
export function scenarioEnv(served: string, ttlMs: number, boundMs: number): Record<string, string> {
  return {
    SERVED_MESHES: served,
    SERVED_GATEWAYS: "",
    SNAPSHOT_TTL_MS: String(ttlMs),
    DO_CALL_TIMEOUT_MS: String(boundMs),
    ROUTE_HEADERS: "on",
  };
}

/** What one request got from the data plane, and how long the client waited for it. */
export interface Outcome {
  status: number;
  /** x-meshedge-error: the edge's own failure cause, null for an upstream answer. */
  cause: string | null;
  waitMs: number;
  /** The access-log line's `stale`. */
  stale: boolean;
}

let seq = 0;

/** Sends one request through the real data plane with `source` in place of the Durable Objects. */
export async function send(host: string, vars: object, source: SnapshotSource): Promise<Outcome> {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const requestId = `fault-${++seq}`;
  const t0 = Date.now();
  try {
    const res = await handleProxy(
      new Request(`http://${host}/`, { headers: { "x-request-id": requestId } }),
      vars,
      { waitUntil() {} },
      source,
    );
    const waitMs = Date.now() - t0;
    await res.arrayBuffer();
    const line = log.mock.calls.map((c) => String(c[0])).find((l) => l.includes(`"requestId":"${requestId}"`));
    const stale = line ? (JSON.parse(line) as { stale: boolean }).stale : false;
    return { status: res.status, cause: res.headers.get("x-meshedge-error"), waitMs, stale };
  } finally {
    log.mockRestore();
  }
}

/** Sends requests one after another, `gapMs` apart (about 1000/gapMs per second), for `forMs`. */
export async function drive(
  host: string,
  vars: object,
  source: SnapshotSource,
  forMs: number,
  gapMs = 10,
): Promise<{ outcomes: Outcome[]; elapsedMs: number }> {
  const t0 = Date.now();
  const outcomes: Outcome[] = [];
  while (Date.now() - t0 < forMs) {
    outcomes.push(await send(host, vars, source));
    await sleep(gapMs);
  }
  return { outcomes, elapsedMs: Date.now() - t0 };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The most calls a source that fails every call can get in `elapsedMs`, when each failed call
 * takes `callMs` and the next one waits at least the back-off floor (callBackoffMs with draw 0).
 */
export function maxFailingCalls(elapsedMs: number, callMs: number): number {
  let n = 0;
  for (let t = 0; t <= elapsedMs; t += callMs + callBackoffMs(n, 0)) n++;
  return n;
}
