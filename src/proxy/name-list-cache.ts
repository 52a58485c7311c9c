import { boundedCall, CallBackoff, failureOf } from "../do-client/do-call";

/** Where background calls are registered (the request's ExecutionContext). */
type Background = { waitUntil(p: Promise<unknown>): void };

type NameSource = { listMeshNames(): Promise<string[]> };

/**
 * The registry's mesh names (for `SERVED_MESHES = "*"`), cached like snapshots: refreshed in
 * the background once `ttlMs` old, fetched in the foreground only the first time (and after
 * invalidate). Each call is bounded by `boundMs`; a failure is stored and backs off (jittered),
 * so a failing registry is called once per back-off, not once per request. With a list from
 * before, a failure keeps serving that list.
 */
export class NameListCache {
  #names: string[] | null = null;
  #confirmedAt = 0;
  #busy: Promise<string[] | null> | null = null;
  /** The first fetch, and the one after invalidate, is waited for; later ones never are. */
  #mustWait = true;
  readonly #backoff = new CallBackoff();
  /** Bumped by invalidate, so a fetch that started before a write does not store its result. */
  #epoch = 0;
  generation = 0;

  /**
   * The cached list (sorted); a promise for it when a request must wait (first fetch, or after
   * invalidate); null when the registry never answered (the caller answers 503).
   */
  get(source: NameSource, ttlMs: number, boundMs: number, now: number, bg: Background): string[] | null | Promise<string[] | null> {
    if (this.#mustWait) return this.#busy ?? this.#refresh(source, boundMs, bg);
    if (this.#busy === null && now >= this.#backoff.retryAt && (this.#names === null || now - this.#confirmedAt >= ttlMs)) {
      void this.#refresh(source, boundMs, bg);
    }
    return this.#names;
  }

  /** The next request waits for a fresh list (a mesh was created or deleted); the old one stays the fallback. */
  invalidate(): void {
    this.#epoch++;
    this.#mustWait = true;
    this.#busy = null;
    this.#backoff.succeeded();
  }

  #refresh(source: NameSource, boundMs: number, bg: Background): Promise<string[] | null> {
    const epoch = this.#epoch;
    const busy: Promise<string[] | null> = boundedCall(() => source.listMeshNames(), boundMs, "the registry Durable Object")
      .then(
        (names) => {
          const sorted = [...names].sort();
          if (epoch !== this.#epoch) return sorted;
          this.#confirmedAt = Date.now();
          this.#backoff.succeeded();
          if (!this.#names || sorted.join("\n") !== this.#names.join("\n")) {
            this.#names = sorted;
            this.generation++;
          }
          return sorted;
        },
        (err: unknown) => {
          if (epoch !== this.#epoch) return this.#names;
          const retryInMs = this.#backoff.failed(Date.now());
          console.error(
            JSON.stringify({
              kind: "meshedge.registry_error",
              failure: failureOf(err),
              failures: this.#backoff.failures,
              retryInMs,
              serving: this.#names ? `${this.#names.length} mesh names` : "nothing",
              message: String(err),
            }),
          );
          return this.#names;
        },
      )
      .finally(() => {
        if (epoch !== this.#epoch) return;
        this.#mustWait = false;
        this.#busy = null;
      });
    this.#busy = busy;
    bg.waitUntil(busy);
    return busy;
  }
}
