import { DurableObject } from "cloudflare:workers";
import { AppMeshError } from "../src/shared/errors";
import { decodeNextToken, pageOf, type Page } from "../src/shared/pagination";
import { capture, type RpcResult } from "../src/shared/rpc-result";
import { CLIENT_TOKEN_TTL_SECONDS } from "./mesh/idempotency";

/** A reservation left `pending` longer than this (a crash mid-CreateMesh) stops counting. */
const PENDING_TTL_SECONDS = 60;

/** A `MeshRef` as ListMeshes returns it. */
export type MeshRef = Record<string, unknown> & { meshName: string };

/**
 * The mesh index: which meshes exist (for ListMeshes and the edge) and the mesh-count quota.
 * One instance, `REGISTRY.idFromName("registry")`. The mesh Durable Objects are the source
 * of truth for each mesh; the Worker keeps this index in step (reserve, then create in the
 * mesh object, then `put` its ref; `remove` after a delete).
 */
export class RegistryObject extends DurableObject<Env> {
  readonly #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    void ctx.blockConcurrencyWhile(async () => {
      this.#sql.exec(`CREATE TABLE IF NOT EXISTS meshes (
        name TEXT PRIMARY KEY, state TEXT NOT NULL, ref TEXT, updated_at REAL NOT NULL)`);
      this.#sql.exec(`CREATE TABLE IF NOT EXISTS create_mesh_tokens (
        token TEXT PRIMARY KEY, input_key TEXT NOT NULL, created_at REAL NOT NULL)`);
    });
  }

  /**
   * CreateMesh's clientToken across meshes: each mesh object remembers the tokens of its own
   * writes, but a token reused for a *different* mesh name lands in another object. The
   * registry sees every CreateMesh, so it ties a token to its first input: the same input
   * passes (the mesh object then replays its answer), another input is a ConflictException.
   */
  async claimCreateMeshToken(token: string, inputKey: string): Promise<RpcResult<null>> {
    const now = Date.now() / 1000;
    return capture(() =>
      this.ctx.storage.transactionSync(() => {
        this.#sql.exec("DELETE FROM create_mesh_tokens WHERE created_at < ?", now - CLIENT_TOKEN_TTL_SECONDS);
        const row = this.#sql.exec<{ input_key: string }>("SELECT input_key FROM create_mesh_tokens WHERE token = ?", token).toArray()[0];
        if (row && row.input_key !== inputKey) {
          throw new AppMeshError("ConflictException", "clientToken was already used for a CreateMesh request with different input");
        }
        if (!row) this.#sql.exec("INSERT INTO create_mesh_tokens VALUES (?, ?, ?)", token, inputKey, now);
        return null;
      }),
    );
  }

  /**
   * Holds a mesh name before CreateMesh writes the mesh object. A name already listed passes
   * (the mesh object then answers Conflict or replays an idempotent create); a new name must
   * fit under `quota` meshes. Returns whether this call added the name.
   */
  async reserve(name: string, quota: number): Promise<RpcResult<boolean>> {
    const now = Date.now() / 1000;
    return capture(() =>
      this.ctx.storage.transactionSync(() => {
        if (this.#sql.exec("SELECT 1 FROM meshes WHERE name = ?", name).toArray().length > 0) return false;
        this.#sql.exec("DELETE FROM meshes WHERE state = 'pending' AND updated_at < ?", now - PENDING_TTL_SECONDS);
        const n = this.#sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM meshes").one().n;
        if (n >= quota) throw new AppMeshError("LimitExceededException", `Mesh limit of ${quota} reached for this account`);
        this.#sql.exec("INSERT INTO meshes VALUES (?, 'pending', NULL, ?)", name, now);
        return true;
      }),
    );
  }

  /** Drops a reservation that did not become a mesh (only while still pending). */
  async release(name: string): Promise<void> {
    this.#sql.exec("DELETE FROM meshes WHERE name = ? AND state = 'pending'", name);
  }

  /**
   * Records a mesh that exists (after CreateMesh / UpdateMesh) with its current ref. An
   * older version never overwrites a newer one (a replayed idempotent create answers the
   * mesh as first created).
   */
  async put(ref: MeshRef): Promise<void> {
    this.#sql.exec(
      `INSERT INTO meshes VALUES (?, 'active', ?, ?)
       ON CONFLICT(name) DO UPDATE SET state = 'active', ref = excluded.ref, updated_at = excluded.updated_at
       WHERE meshes.ref IS NULL OR json_extract(meshes.ref, '$.version') <= json_extract(excluded.ref, '$.version')`,
      ref.meshName,
      JSON.stringify(ref),
      Date.now() / 1000,
    );
  }

  /** Forgets a deleted mesh. */
  async remove(name: string): Promise<void> {
    this.#sql.exec("DELETE FROM meshes WHERE name = ?", name);
  }

  /** One page of existing meshes in name order. */
  async list(limit: number, nextToken?: string): Promise<RpcResult<Page<MeshRef>>> {
    return capture(() => {
      const after = decodeNextToken(nextToken);
      const rows = this.#sql
        .exec<{ ref: string }>("SELECT ref FROM meshes WHERE state = 'active' AND name > ? ORDER BY name LIMIT ?", after, limit + 1)
        .toArray();
      return pageOf(
        rows.map((r) => JSON.parse(r.ref) as MeshRef),
        limit,
        (ref) => ref.meshName,
      );
    });
  }

  /** Whether `name` is an existing mesh (not a pending reservation). Reads only. */
  async has(name: string): Promise<boolean> {
    return this.#sql.exec("SELECT 1 FROM meshes WHERE name = ? AND state = 'active'", name).toArray().length > 0;
  }

  /** Names of all existing meshes (the edge uses this to find meshes to route for). */
  async listMeshNames(): Promise<string[]> {
    return this.#sql
      .exec<{ name: string }>("SELECT name FROM meshes WHERE state = 'active' ORDER BY name")
      .toArray()
      .map((r) => r.name);
  }
}
