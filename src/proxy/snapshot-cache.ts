import { SNAPSHOT_FORMAT } from "../snapshot";
import { loadMesh, type LoadedMesh } from "./loaded-mesh";
import type { SnapshotSource } from "./snapshot-source";

interface Entry {
  /** null: the mesh has no snapshot (absent, or never reachable). */
  mesh: LoadedMesh | null;
  version: number | undefined;
  fetchedAt: number;
  /** The refresh in flight, shared by the background and any request that must wait. */
  refreshing: Promise<Entry> | null;
}

/**
 * Snapshots of the meshes this isolate serves, kept no older than `ttlMs`: once an entry is
 * half the TTL old a request starts a refresh in the background (`waitUntil`) and is served
 * the entry as is, so a busy isolate never waits; only a request that finds no entry, or one
 * older than the whole TTL (an isolate idle for a while), waits for the Durable Object.
 * `generation` moves whenever any loaded snapshot changes, so derived indexes know to rebuild.
 */
export class SnapshotCache {
  readonly #entries = new Map<string, Entry>();
  readonly #cold = new Map<string, Promise<Entry>>();
  /** Bumped by invalidate, so a fetch that started before a write does not store its result. */
  readonly #epochs = new Map<string, number>();
  generation = 0;

  /**
   * The entry (undefined when never loaded). Past half the TTL it starts a background refresh;
   * past the whole TTL it returns that refresh to wait for instead.
   */
  peek(
    name: string, source: SnapshotSource, ttlMs: number, now: number, bg: { waitUntil(p: Promise<unknown>): void },
  ): Entry | Promise<Entry> | undefined {
    const e = this.#entries.get(name);
    if (!e) return undefined;
    const age = now - e.fetchedAt;
    if (age * 2 < ttlMs) return e;
    if (!e.refreshing) {
      const p = this.#fetch(name, source, e).finally(() => (e.refreshing = null));
      e.refreshing = p;
      if (age < ttlMs) bg.waitUntil(p);
    }
    return age < ttlMs ? e : e.refreshing;
  }

  /** The entry as it is, without refreshing (for indexes built right after `peek`). */
  get(name: string): Entry | undefined {
    return this.#entries.get(name);
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
      const next: Entry = { mesh: snap ? loadMesh(snap) : null, version: res.version, fetchedAt: now, refreshing: null };
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
      const failed: Entry = { mesh: null, version: undefined, fetchedAt: Date.now(), refreshing: null };
      if (current()) {
        this.#entries.set(name, failed);
        this.generation++;
      }
      return failed;
    }
  }
}
