import type { MeshSnapshot } from "../snapshot";

/** Where an isolate gets snapshots and the list of meshes from (the Durable Objects in production). */
export interface SnapshotSource {
  /** Contract of the mesh Durable Object: snapshot omitted when `knownVersion` is current. */
  getSnapshot(mesh: string, knownVersion?: number): Promise<{ version: number; snapshot?: MeshSnapshot }>;
  /** Every mesh name (for `SERVED_MESHES = "*"`). */
  listMeshNames(): Promise<string[]>;
}

interface MeshRpc {
  getSnapshot(knownVersion?: number): Promise<{ version: number; snapshot?: MeshSnapshot }>;
}
interface RegistryRpc {
  listMeshNames(): Promise<string[]>;
}
interface Namespace<T> {
  idFromName(name: string): DurableObjectId;
  get(id: DurableObjectId): T;
}

/** Name of the single registry Durable Object instance (control plane's convention). */
export const REGISTRY_INSTANCE = "registry";

/** The production source: `env.MESH` (one object per mesh) and `env.REGISTRY`. */
export function durableSource(env: object): SnapshotSource {
  const e = env as { MESH?: Namespace<MeshRpc>; REGISTRY?: Namespace<RegistryRpc> };
  return {
    getSnapshot(mesh, knownVersion) {
      if (!e.MESH) return Promise.reject(new Error("the MESH Durable Object binding is missing"));
      return e.MESH.get(e.MESH.idFromName(mesh)).getSnapshot(knownVersion);
    },
    async listMeshNames() {
      if (!e.REGISTRY) throw new Error('SERVED_MESHES = "*" needs the REGISTRY Durable Object binding');
      return e.REGISTRY.get(e.REGISTRY.idFromName(REGISTRY_INSTANCE)).listMeshNames();
    },
  };
}
