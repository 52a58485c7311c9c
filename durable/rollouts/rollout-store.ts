import { emptyCounters, type SeriesCounters } from "../../src/metrics/counters";
import type { HistoryEntry, RolloutSpec, RolloutState } from "../../src/rollouts/types";

/** One stored rollout. `window` accumulates the canary's counters since the last check. */
export interface StoredRollout {
  name: string;
  spec: RolloutSpec;
  state: RolloutState;
  window: SeriesCounters;
  createdAt: number;
}

/** Longest history kept per rollout (oldest entries dropped first). */
export const MAX_HISTORY = 500;

/** Rollouts and their history in the mesh Durable Object's SQLite (`ext_` tables, created in durable/mesh/mesh-sql.ts). */
export class RolloutStore {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  /** Drops every rollout and its history (the key-value table stays). */
  clearRollouts(): void {
    this.#sql.exec("DELETE FROM ext_rollouts");
    this.#sql.exec("DELETE FROM ext_rollout_history");
  }

  get(name: string): StoredRollout | undefined {
    const rows = this.#sql.exec<Row>("SELECT * FROM ext_rollouts WHERE name = ?", name).toArray();
    return rows[0] === undefined ? undefined : decode(rows[0]);
  }

  /** Rollouts in the given statuses (finished ones pile up; the hot paths skip them in SQL). */
  withStatus(...statuses: string[]): StoredRollout[] {
    const marks = statuses.map(() => "?").join(", ");
    return this.#sql
      .exec<Row>(`SELECT * FROM ext_rollouts WHERE json_extract(state, '$.status') IN (${marks}) ORDER BY name`, ...statuses)
      .toArray()
      .map(decode);
  }

  /** All rollouts, by name. */
  list(): StoredRollout[] {
    return this.#sql.exec<Row>("SELECT * FROM ext_rollouts ORDER BY name").toArray().map(decode);
  }

  /** Inserts or replaces a rollout (its history is kept). */
  put(r: StoredRollout): void {
    this.#sql.exec(
      "INSERT INTO ext_rollouts (name, spec, state, win, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET spec = excluded.spec, state = excluded.state, win = excluded.win",
      r.name,
      JSON.stringify(r.spec),
      JSON.stringify(r.state),
      JSON.stringify(r.window),
      r.createdAt,
    );
  }

  /** Deletes a rollout and its history. */
  delete(name: string): void {
    this.#sql.exec("DELETE FROM ext_rollouts WHERE name = ?", name);
    this.#sql.exec("DELETE FROM ext_rollout_history WHERE name = ?", name);
  }

  /** Appends a history entry, trimming beyond {@link MAX_HISTORY}. */
  appendHistory(name: string, entry: HistoryEntry): void {
    const last = this.#sql.exec<{ s: number | null }>("SELECT MAX(seq) AS s FROM ext_rollout_history WHERE name = ?", name).one().s ?? 0;
    this.#sql.exec("INSERT INTO ext_rollout_history (name, seq, entry) VALUES (?, ?, ?)", name, last + 1, JSON.stringify(entry));
    this.#sql.exec("DELETE FROM ext_rollout_history WHERE name = ? AND seq <= ?", name, last + 1 - MAX_HISTORY);
  }

  history(name: string): HistoryEntry[] {
    return this.#sql
      .exec<{ entry: string }>("SELECT entry FROM ext_rollout_history WHERE name = ? ORDER BY seq", name)
      .toArray()
      .map((r) => JSON.parse(r.entry) as HistoryEntry);
  }

  /** A small persistent value (e.g. the time the rollout alarm was scheduled for). */
  getValue(k: string): string | undefined {
    return this.#sql.exec<{ v: string }>("SELECT v FROM ext_kv WHERE k = ?", k).toArray()[0]?.v;
  }

  setValue(k: string, v: string): void {
    this.#sql.exec("INSERT INTO ext_kv (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v", k, v);
  }
}

interface Row extends Record<string, SqlStorageValue> {
  name: string;
  spec: string;
  state: string;
  win: string;
  created_at: number;
}

function decode(r: Row): StoredRollout {
  return {
    name: r.name,
    spec: JSON.parse(r.spec) as RolloutSpec,
    state: JSON.parse(r.state) as RolloutState,
    window: r.win === "" ? emptyCounters() : (JSON.parse(r.win) as SeriesCounters),
    createdAt: r.created_at,
  };
}
