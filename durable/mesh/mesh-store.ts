import type { ResourceKind } from "../../src/shared/resource-kinds";
import { MESH_DDL, MESH_SCHEMA_VERSION } from "./mesh-sql";

/** A stored resource: its API JSON (the model's `*Data` shape) and its tags. */
export interface StoredResource {
  data: Record<string, unknown> & { metadata: { version: number; createdAt: number; uid: string } };
  tags: Array<{ key: string; value: string }>;
}

/** A reference from one resource to another kind's resource by name (same mesh). */
export interface Ref {
  kind: ResourceKind;
  name: string;
}

/** Where a reference comes from. */
export interface Referrer {
  kind: ResourceKind;
  parent: string;
  name: string;
}

type Row = { data: string; tags: string };

/**
 * Typed access to a mesh Durable Object's SQLite storage. Every method is synchronous, so
 * a write and its version bump run inside one `transactionSync`.
 */
export class MeshStore {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  /** Creates the tables (idempotent; run under blockConcurrencyWhile). */
  migrate(): void {
    for (const ddl of MESH_DDL) this.#sql.exec(ddl);
    this.setMeta("schema_version", String(MESH_SCHEMA_VERSION));
  }

  /** A value of the `meta` table (schema version, config version). */
  getMeta(k: string): string | undefined {
    return this.#sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = ?", k).toArray()[0]?.v;
  }

  /** Sets a value of the `meta` table. */
  setMeta(k: string, v: string): void {
    this.#sql.exec("INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v", k, v);
  }

  /** The mesh's config version: bumped by every write that can change routing. */
  configVersion(): number {
    return Number(this.getMeta("config_version") ?? "0");
  }

  /** Increments the config version (inside the write's transaction); returns the new one. */
  bumpConfigVersion(): number {
    const next = this.configVersion() + 1;
    this.setMeta("config_version", String(next));
    return next;
  }

  /** One resource, or undefined. */
  get(kind: ResourceKind, parent: string, name: string): StoredResource | undefined {
    const row = this.#sql
      .exec<Row>("SELECT data, tags FROM resources WHERE kind = ? AND parent = ? AND name = ?", kind, parent, name)
      .toArray()[0];
    return row ? { data: JSON.parse(row.data), tags: JSON.parse(row.tags) } : undefined;
  }

  /** Inserts or replaces one resource (its references are set separately). */
  put(kind: ResourceKind, parent: string, name: string, r: StoredResource): void {
    this.#sql.exec(
      `INSERT INTO resources (kind, parent, name, data, tags) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(kind, parent, name) DO UPDATE SET data = excluded.data, tags = excluded.tags`,
      kind,
      parent,
      name,
      JSON.stringify(r.data),
      JSON.stringify(r.tags),
    );
  }

  /** Removes one resource and its outgoing references. */
  delete(kind: ResourceKind, parent: string, name: string): void {
    this.#sql.exec("DELETE FROM resources WHERE kind = ? AND parent = ? AND name = ?", kind, parent, name);
    this.setRefs({ kind, parent, name }, []);
  }

  /** How many resources of a kind (under one parent when given). */
  count(kind: ResourceKind, parent?: string): number {
    const q =
      parent === undefined
        ? this.#sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM resources WHERE kind = ?", kind)
        : this.#sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM resources WHERE kind = ? AND parent = ?", kind, parent);
    return q.one().n;
  }

  /** Number of resources in the mesh other than the mesh itself. */
  countChildren(): number {
    return this.#sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM resources WHERE kind <> 'mesh'").one().n;
  }

  /** One page of a kind under a parent, in name order, strictly after `after`. */
  page(kind: ResourceKind, parent: string, after: string, limit: number): StoredResource[] {
    return this.#sql
      .exec<Row>(
        "SELECT data, tags FROM resources WHERE kind = ? AND parent = ? AND name > ? ORDER BY name LIMIT ?",
        kind,
        parent,
        after,
        limit,
      )
      .toArray()
      .map((row) => ({ data: JSON.parse(row.data), tags: JSON.parse(row.tags) }));
  }

  /** Every resource of a kind, ordered by parent then name. */
  all(kind: ResourceKind): StoredResource["data"][] {
    return this.#sql
      .exec<{ data: string }>("SELECT data FROM resources WHERE kind = ? ORDER BY parent, name", kind)
      .toArray()
      .map((row) => JSON.parse(row.data));
  }

  /** Replaces the outgoing references of `src`. */
  setRefs(src: Referrer, refs: readonly Ref[]): void {
    this.#sql.exec("DELETE FROM refs WHERE src_kind = ? AND src_parent = ? AND src_name = ?", src.kind, src.parent, src.name);
    for (const r of refs) {
      this.#sql.exec("INSERT INTO refs VALUES (?, ?, ?, ?, ?)", src.kind, src.parent, src.name, r.kind, r.name);
    }
  }

  /** Resources that reference `dst` (at most `limit`, for messages). */
  referrers(dst: Ref, limit = 5): Referrer[] {
    return this.#sql
      .exec<{ kind: ResourceKind; parent: string; name: string }>(
        "SELECT DISTINCT src_kind AS kind, src_parent AS parent, src_name AS name FROM refs WHERE dst_kind = ? AND dst_name = ? ORDER BY 1, 2, 3 LIMIT ?",
        dst.kind,
        dst.name,
        limit,
      )
      .toArray();
  }

  /** What a clientToken was first used with, and the answer given then. */
  getToken(token: string): { input: string; response: string } | undefined {
    return this.#sql
      .exec<{ input: string; response: string }>("SELECT input, response FROM client_tokens WHERE token = ?", token)
      .toArray()[0];
  }

  /** Remembers a clientToken's input and answer. */
  putToken(token: string, input: string, response: string, now: number): void {
    this.#sql.exec("INSERT OR REPLACE INTO client_tokens VALUES (?, ?, ?, ?)", token, input, response, now);
  }

  /** Forgets client tokens older than `before` (epoch seconds). */
  purgeTokens(before: number): void {
    this.#sql.exec("DELETE FROM client_tokens WHERE created_at < ?", before);
  }

  /** Drops every resource, reference and token (after DeleteMesh); keeps `meta`. */
  clear(): void {
    this.#sql.exec("DELETE FROM resources");
    this.#sql.exec("DELETE FROM refs");
    this.#sql.exec("DELETE FROM client_tokens");
  }
}
