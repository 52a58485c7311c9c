/**
 * The registry's mesh names (for `SERVED_MESHES = "*"`), cached like snapshots: refreshed in
 * the background after `ttlMs`, fetched in the foreground only the first time.
 */
export class NameListCache {
  #names: string[] | null = null;
  #fetchedAt = 0;
  #busy: Promise<string[]> | null = null;
  /** Bumped by invalidate, so a fetch that started before a write does not store its result. */
  #epoch = 0;
  generation = 0;

  /** The cached list (sorted), or a promise for it when there is none yet. */
  get(source: { listMeshNames(): Promise<string[]> }, ttlMs: number, now: number, bg: { waitUntil(p: Promise<unknown>): void }): string[] | Promise<string[]> {
    if (this.#names) {
      if (!this.#busy && now - this.#fetchedAt >= ttlMs) bg.waitUntil(this.#refresh(source));
      return this.#names;
    }
    return this.#busy ?? this.#refresh(source);
  }

  /** Forgets the list: the next request waits for a fresh one (a mesh was created or deleted). */
  invalidate(): void {
    this.#epoch++;
    this.#names = null;
    this.#busy = null;
  }

  #refresh(source: { listMeshNames(): Promise<string[]> }): Promise<string[]> {
    const epoch = this.#epoch;
    const busy = source
      .listMeshNames()
      .then((names) => {
        const sorted = [...names].sort();
        if (epoch === this.#epoch && (!this.#names || sorted.join("\n") !== this.#names.join("\n"))) {
          this.#names = sorted;
          this.generation++;
        }
        return sorted;
      })
      .catch((err: unknown) => {
        console.error(JSON.stringify({ kind: "meshedge.registry_error", message: String(err) }));
        return this.#names ?? [];
      })
      .finally(() => {
        if (epoch !== this.#epoch) return;
        this.#fetchedAt = Date.now();
        this.#busy = null;
      });
    this.#busy = busy;
    return busy;
  }
}
