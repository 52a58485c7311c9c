import { meshStub, registryStub } from "../do-client/stubs";
import type { MeshSnapshot } from "../snapshot";

/** Where an isolate gets snapshots and the list of meshes from (the Durable Objects in production). */
export interface SnapshotSource {
  /** Contract of the mesh Durable Object: snapshot omitted when `knownVersion` is current. */
  getSnapshot(mesh: string, knownVersion?: number): Promise<{ version: number; snapshot?: MeshSnapshot }>;
  /** Every mesh name (for `SERVED_MESHES = "*"`). */
  listMeshNames(): Promise<string[]>;
}

/** The production source: `env.MESH` (one object per mesh) and `env.REGISTRY`. */
export function durableSource(env: object): SnapshotSource {
  const e = env as Partial<Env>;
  return {
    getSnapshot(mesh, knownVersion) {
      if (!e.MESH) return Promise.reject(new Error("the MESH Durable Object binding is missing"));
      return meshStub(e as Env, mesh).getSnapshot(knownVersion);
    },
    async listMeshNames() {
      if (!e.REGISTRY) throw new Error('SERVED_MESHES = "*" needs the REGISTRY Durable Object binding');
      return registryStub(e as Env).listMeshNames();
    },
  };
}
