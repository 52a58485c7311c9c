import { SNAPSHOT_FORMAT } from "../snapshot";
import { loadMesh, type LoadedMesh } from "./loaded-mesh";
import type { SnapshotSource } from "./snapshot-source";

interface Entry {
  /** null: the mesh has no snapshot (absent, or never reachable). */
  mesh: LoadedMesh | null;
  version: number | undefined;
  fetchedAt: number;
  refreshing: boolean;
}

/**
 * Snapshots of the meshes this isolate serves, refreshed from the Durable Object at most every
 * `ttlMs`: a warm entry is served as is (stale by at most ttl + one round trip) while the
 * refresh runs in the background; only a cold entry blocks the request that needs it.
 * `generation` moves whenever any loaded snapshot changes, so derived indexes know to rebuild.
 */
export class SnapshotCache {
  readonly #entries = new Map<string, Entry>();
  readonly #cold = new Map<string, Promise<Entry>>();
  /** Bumped by invalidate, so a fetch that started before a write does not store its result. */
  readonly #epochs = new Map<string, number>();
  generation = 0;

  /** The entry if present; starts a background refresh through `waitUntil` when stale. */
  peek(name: string, source: SnapshotSource, ttlMs: number, now: number, waitUntil: (p: Promise<unknown>) => void): Entry | undefined {
    const e = this.#entries.get(name);
    if (e && !e.refreshing && now - e.fetchedAt >= ttlMs) {
      e.refreshing = true;
      waitUntil(this.#fetch(name, source, e).finally(() => (e.refreshing = false)));
    }
    return e;
  }

  /** Loads a mesh this isolate has not seen (concurrent callers share one fetch). */
  load(name: string, source: SnapshotSource): Promise<Entry> {
    let p = this.#cold.get(name);
    if (!p) {
      p = this.#fetch(name, source, undefined).finally(() => this.#cold.delete(name));
      this.#cold.set(name, p);
    }
    return p;
  }

  /** Drops a mesh so the next request fetches it again (the API calls this after a write). */
  invalidate(name: string): void {
    this.#epochs.set(name, (this.#epochs.get(name) ?? 0) + 1);
    this.#cold.delete(name);
    if (this.#entries.delete(name)) this.generation++;
  }

  clear(): void {
    this.#entries.clear();
    this.generation++;
  }

  async #fetch(name: string, source: SnapshotSource, prev: Entry | undefined): Promise<Entry> {
    const epoch = this.#epochs.get(name) ?? 0;
    const current = () => (this.#epochs.get(name) ?? 0) === epoch;
    try {
      const res = await source.getSnapshot(name, prev?.version);
      const now = Date.now();
      if (prev && res.version === prev.version && !res.snapshot) {
        prev.fetchedAt = now;
        return prev;
      }
      const snap = res.snapshot && res.snapshot.format === SNAPSHOT_FORMAT ? res.snapshot : undefined;
      const next: Entry = { mesh: snap ? loadMesh(snap) : null, version: res.version, fetchedAt: now, refreshing: false };
      if (current()) {
        this.#entries.set(name, next);
        this.generation++;
      }
      return next;
    } catch (err) {
      console.error(JSON.stringify({ kind: "meshedge.snapshot_error", mesh: name, message: String(err) }));
      // Keep serving what we had; a mesh never loaded is retried after one TTL, not per request.
      if (prev) {
        prev.fetchedAt = Date.now();
        return prev;
      }
      const failed: Entry = { mesh: null, version: undefined, fetchedAt: Date.now(), refreshing: false };
      if (current()) {
        this.#entries.set(name, failed);
        this.generation++;
      }
      return failed;
    }
  }
}
