import type { SeriesCounters } from "../../src/metrics/counters";
import type { BucketRow, BucketStorage } from "../../src/metrics/time-buckets";

/**
 * Metric buckets in the mesh Durable Object's SQLite: one row per (bucket start, route, node),
 * counters as JSON. The table is created with the object's others (durable/mesh/mesh-sql.ts).
 */
export class SqlBucketStorage implements BucketStorage {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  /** Drops every bucket. */
  clear(): void {
    this.#sql.exec("DELETE FROM ext_metric_buckets");
  }

  get(start: number, route: string, node: string): SeriesCounters | undefined {
    const rows = this.#sql
      .exec<{ data: string }>("SELECT data FROM ext_metric_buckets WHERE start = ? AND route = ? AND node = ?", start, route, node)
      .toArray();
    const row = rows[0];
    return row === undefined ? undefined : (JSON.parse(row.data) as SeriesCounters);
  }

  put(row: BucketRow): void {
    this.#sql.exec(
      "INSERT INTO ext_metric_buckets (start, route, node, data) VALUES (?, ?, ?, ?) ON CONFLICT (start, route, node) DO UPDATE SET data = excluded.data",
      row.start,
      row.route,
      row.node,
      JSON.stringify(row.counters),
    );
  }

  deleteBefore(start: number): void {
    this.#sql.exec("DELETE FROM ext_metric_buckets WHERE start < ?", start);
  }

  *scanFrom(start: number): Iterable<BucketRow> {
    const cursor = this.#sql.exec<{ start: number; route: string; node: string; data: string }>(
      "SELECT start, route, node, data FROM ext_metric_buckets WHERE start >= ? ORDER BY start",
      start,
    );
    for (const r of cursor) yield { start: r.start, route: r.route, node: r.node, counters: JSON.parse(r.data) as SeriesCounters };
  }
}
