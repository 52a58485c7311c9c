import { AppMeshError } from "../../src/shared/errors";
import { KINDS, describeKey, type ResourceKey } from "../../src/shared/resource-kinds";
import type { MeshStore, Referrer, StoredResource } from "./mesh-store";
import { refsOf } from "./resource-refs";

/** The mesh row, or NotFoundException. */
export function requireMesh(store: MeshStore, meshName: string): StoredResource {
  const mesh = store.get("mesh", "", meshName);
  if (!mesh) throw new AppMeshError("NotFoundException", `Mesh ${meshName} not found`);
  return mesh;
}

/** The resource (after checking its mesh and parent exist), or NotFoundException. */
export function requireResource(store: MeshStore, k: ResourceKey): StoredResource {
  const mesh = requireMesh(store, k.meshName);
  if (k.kind === "mesh") return mesh;
  requireParent(store, k);
  const r = store.get(k.kind, k.parent, k.name);
  if (!r) throw new AppMeshError("NotFoundException", `${describeKey(k)} not found`);
  return r;
}

/** For routes and gateway routes: their virtual router / gateway must exist. */
export function requireParent(store: MeshStore, k: ResourceKey): void {
  const parentKind = KINDS[k.kind].parentKind;
  if (!parentKind) return;
  if (!store.get(parentKind, "", k.parent)) {
    throw new AppMeshError(
      "NotFoundException",
      `${describeKey({ meshName: k.meshName, kind: parentKind, parent: "", name: k.parent })} not found`,
    );
  }
}

/** Every name the spec points at must exist in the mesh (NotFoundException naming it). */
export function requireReferences(store: MeshStore, k: ResourceKey, spec: unknown): void {
  for (const ref of refsOf(k.kind, spec)) {
    if (!store.get(ref.kind, "", ref.name)) {
      const target = describeKey({ meshName: k.meshName, kind: ref.kind, parent: "", name: ref.name });
      throw new AppMeshError("NotFoundException", `${describeKey(k)} references ${target}, which does not exist`);
    }
  }
}

const list = (meshName: string, rs: Referrer[]): string =>
  rs.map((r) => describeKey({ meshName, ...r }).replace(` in mesh ${meshName}`, "")).join(", ");

/**
 * Refuses to delete what is still in use: a mesh holding resources, a router with routes,
 * a gateway with gateway routes, and anything another resource references.
 */
export function requireUnused(store: MeshStore, k: ResourceKey): void {
  const inUse = (why: string): never => {
    throw new AppMeshError("ResourceInUseException", `${describeKey(k)} cannot be deleted: ${why}`);
  };
  if (k.kind === "mesh") {
    const n = store.countChildren();
    if (n > 0) inUse(`it still holds ${n} resource(s); delete them first`);
    return;
  }
  if (k.kind === "virtualRouter" && store.count("route", k.name) > 0) inUse("it still has routes");
  if (k.kind === "virtualGateway" && store.count("gatewayRoute", k.name) > 0) inUse("it still has gateway routes");
  const referrers = store.referrers({ kind: k.kind, name: k.name });
  if (referrers.length > 0) inUse(`it is referenced by ${list(k.meshName, referrers)}`);
}
