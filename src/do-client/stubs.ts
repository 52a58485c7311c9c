import type { MeshObject } from "../../durable/mesh-object";
import type { RegistryObject } from "../../durable/registry-object";
import type { Identity } from "../shared/arn";
import { AppMeshError } from "../shared/errors";

/**
 * The RPC surface the API uses, typed as the classes declare it (the generic stub type
 * turns `unknown`-valued records into `unknown`, which would hide the result shapes).
 */
export type MeshRpc = Pick<
  MeshObject,
  | "createResource"
  | "updateResource"
  | "deleteResource"
  | "describeResource"
  | "listResources"
  | "tagResource"
  | "untagResource"
  | "listTags"
  | "getSnapshot"
  | "getResources"
  | "ingestMetrics"
  | "metricsReport"
  | "metricsTimeline"
  | "listRoutePolicies"
  | "createRollout"
  | "describeRollout"
  | "listRollouts"
  | "actOnRollout"
  | "deleteRollout"
  | "putRoutePolicy"
  | "patchRoutePolicy"
  | "getRoutePolicy"
  | "deleteRoutePolicy"
>;
export type RegistryRpc = Pick<
  RegistryObject,
  "claimCreateMeshToken" | "reserve" | "release" | "put" | "remove" | "list" | "listMeshNames" | "has"
>;

/** The mesh Durable Object of `meshName` (any env with the MESH binding: the metrics flusher's too). */
export function meshStub(env: Pick<Env, "MESH">, meshName: string): MeshRpc {
  return env.MESH.get(env.MESH.idFromName(meshName)) as unknown as MeshRpc;
}

/**
 * The mesh Durable Object of an existing mesh, or NotFoundException. Every operation on a mesh
 * but CreateMesh goes through here: addressing a mesh object instantiates it and creates its
 * storage, so a signed (even read-only) request for a made-up name must never reach one.
 */
export async function existingMeshStub(env: Pick<Env, "MESH" | "REGISTRY">, meshName: string): Promise<MeshRpc> {
  if (!(await registryStub(env).has(meshName))) throw new AppMeshError("NotFoundException", `Mesh ${meshName} not found`);
  return meshStub(env, meshName);
}

/** Name of the single registry Durable Object instance. */
export const REGISTRY_INSTANCE = "registry";

/** The one mesh-index Durable Object. */
export function registryStub(env: Pick<Env, "REGISTRY">): RegistryRpc {
  return env.REGISTRY.get(env.REGISTRY.idFromName(REGISTRY_INSTANCE)) as unknown as RegistryRpc;
}

/**
 * `meshOwner` names the account that owns a shared mesh. This endpoint holds the meshes of
 * one account only, so any other owner names a mesh that does not exist here.
 */
export function checkMeshOwner(id: Identity, meshName: string, meshOwner: string | undefined): void {
  if (meshOwner !== undefined && meshOwner !== id.account) {
    throw new AppMeshError(
      "NotFoundException",
      `Mesh ${meshName} owned by ${meshOwner} not found: this endpoint serves account ${id.account} only`,
    );
  }
}
