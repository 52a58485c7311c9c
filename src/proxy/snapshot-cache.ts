import { SNAPSHOT_FORMAT } from "../snapshot";
import { boundedCall, CallBackoff, failureOf } from "../do-client/do-call";
import { loadMesh, type LoadedMesh } from "./loaded-mesh";
import type { SnapshotSource } from "./snapshot-source";

/** Where background calls are registered (the request's ExecutionContext). */
type Background = { waitUntil(p: Promise<unknown>): void };

/** One served mesh as this isolate holds it (one object per mesh for the isolate's life). */
export interface SnapshotEntry {
  /** The loaded snapshot; null when the mesh does not exist or (confirmedAt 0) never loaded. */
  mesh: LoadedMesh | null;
  version: number | undefined;
  /** When the mesh's Durable Object last answered (0: never). Staleness counts from here. */
  confirmedAt: number;
  /** The one call in flight for this mesh, if any. */
  refreshing: Promise<void> | null;
  /** Set until the first answer, and again by invalidate: the next request waits for a fetch. */
  mustWait: boolean;
  backoff: CallBackoff;
  /** Bumped by invalidate, so a call that started before a write does not store its answer. */
  epoch: number;
}

/**
 * Snapshots of the meshes this isolate serves. Every call to a mesh's Durable Object is bounded
 * (`boundMs`), at most one is in flight per mesh, and after a failure (timeout, error,
 * `overloaded`) none is made before the jittered back-off has passed. A mesh with a snapshot is
 * refreshed in the background only (`touch`); a request waits for a call only for a mesh never
 * loaded or just invalidated (`ensure`), and then at most `boundMs`. `generation` moves whenever
 * a loaded snapshot changes or a first load ends, so derived indexes know to rebuild.
 */
export class SnapshotCache {
  readonly #entries = new Map<string, SnapshotEntry>();
  generation = 0;

  /** The entry as it is (undefined when never asked for). */
  get(name: string): SnapshotEntry | undefined {
    return this.#entries.get(name);
  }

  /**
   * The per-request check of a mesh a request is routed to: from half the TTL on, starts a
   * background refresh (unless one is in flight or the back-off holds). Never waits. Returns
   * whether the snapshot is older than the TTL (served stale).
   */
  touch(name: string, source: SnapshotSource, ttlMs: number, boundMs: number, now: number, bg: Background): boolean {
    const e = this.#entries.get(name);
    if (e === undefined) return false;
    const age = now - e.confirmedAt;
    if (age * 2 >= ttlMs && e.refreshing === null && now >= e.backoff.retryAt) this.#call(name, e, source, boundMs, bg);
    return age > ttlMs;
  }

  /**
   * What a request must wait for before this mesh's routes are known: the first load of a mesh
   * (concurrent callers share it), or the fetch after invalidate; null otherwise. Bounded by
   * `boundMs`; a failed first load is not waited for again (later tries run in the background).
   */
  ensure(name: string, source: SnapshotSource, boundMs: number, bg: Background): Promise<void> | null {
    let e = this.#entries.get(name);
    if (e === undefined) {
      e = { mesh: null, version: undefined, confirmedAt: 0, refreshing: null, mustWait: true, backoff: new CallBackoff(), epoch: 0 };
      this.#entries.set(name, e);
    }
    if (!e.mustWait) return null;
    return e.refreshing ?? this.#call(name, e, source, boundMs, bg);
  }

  /**
   * Makes the next request wait for a fresh snapshot of `name` (the API calls this after a write
   * here, so the isolate routes by it at once). The snapshot held stays the fallback.
   */
  invalidate(name: string): void {
    const e = this.#entries.get(name);
    if (e === undefined) return;
    e.epoch++;
    e.refreshing = null;
    e.mustWait = true;
    e.backoff.succeeded();
    this.generation++;
  }

  #call(name: string, e: SnapshotEntry, source: SnapshotSource, boundMs: number, bg: Background): Promise<void> {
    const epoch = e.epoch;
    const known = e.confirmedAt > 0 ? e.version : undefined;
    const p: Promise<void> = boundedCall(() => source.getSnapshot(name, known), boundMs, `the Durable Object of mesh ${name}`)
      .then(
        (res) => {
          if (e.epoch !== epoch) return;
          const first = e.mustWait;
          e.confirmedAt = Date.now();
          e.backoff.succeeded();
          e.mustWait = false;
          if (known !== undefined && res.version === known && !res.snapshot) {
            if (first) this.generation++;
            return;
          }
          const snap = res.snapshot && res.snapshot.format === SNAPSHOT_FORMAT ? res.snapshot : undefined;
          e.mesh = snap ? loadMesh(snap) : null;
          e.version = res.version;
          this.generation++;
        },
        (err: unknown) => {
          if (e.epoch !== epoch) return;
          const failure = failureOf(err);
          const retryInMs = e.backoff.failed(Date.now());
          console.error(
            JSON.stringify({
              kind: "meshedge.snapshot_error",
              mesh: name,
              failure,
              failures: e.backoff.failures,
              retryInMs,
              serving: e.mesh ? `version ${e.version}` : "nothing",
              message: String(err),
            }),
          );
          if (e.mustWait) {
            e.mustWait = false;
            this.generation++;
          }
        },
      )
      .finally(() => {
        if (e.refreshing === p) e.refreshing = null;
      });
    e.refreshing = p;
    bg.waitUntil(p);
    return p;
  }
}
