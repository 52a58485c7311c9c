import { AppMeshError } from "../../src/shared/errors";
import { KINDS, describeKey, quotaOf, type ResourceKey } from "../../src/shared/resource-kinds";
import { requireMesh, requireParent, requireReferences, requireResource, requireUnused } from "./mesh-guards";
import type { StoredResource } from "./mesh-store";
import type { OpContext } from "./op-context";
import { refsOf } from "./resource-refs";
import { asDeleted, buildData } from "./resource-data";

type Data = StoredResource["data"];

/** A create or update: what to write and what makes a retry the same request. */
export interface WriteRequest {
  key: ResourceKey;
  spec: unknown;
  tags?: Array<{ key: string; value: string }>;
}

/** Creates a resource: checks mesh, parent, name, quota and references, then writes it. */
export function createResource(ctx: OpContext, req: WriteRequest): Data {
  const { store } = ctx;
  const k = req.key;
  if (k.kind === "mesh") {
    if (store.get("mesh", "", k.name)) throw new AppMeshError("ConflictException", `Mesh ${k.name} already exists`);
  } else {
    requireMesh(store, k.meshName);
    requireParent(store, k);
    if (store.get(k.kind, k.parent, k.name)) throw new AppMeshError("ConflictException", `${describeKey(k)} already exists`);
    const quota = quotaOf(ctx.env, k.kind);
    const where = KINDS[k.kind].parentKind ? k.parent : undefined;
    if (store.count(k.kind, where) >= quota) {
      const scope = where === undefined ? `mesh ${k.meshName}` : `${KINDS[KINDS[k.kind].parentKind!].label.toLowerCase()} ${where}`;
      throw new AppMeshError("LimitExceededException", `${KINDS[k.kind].label} limit of ${quota} reached in ${scope}`);
    }
    requireReferences(store, k, req.spec);
  }
  const data = buildData(ctx.id, k, req.spec, {
    uid: crypto.randomUUID(),
    version: 1,
    createdAt: ctx.now,
    lastUpdatedAt: ctx.now,
  });
  store.put(k.kind, k.parent, k.name, { data, tags: req.tags ?? [] });
  store.setRefs(k, refsOf(k.kind, req.spec));
  store.bumpConfigVersion();
  return data;
}

/** Replaces a resource's spec: version + 1, new lastUpdatedAt, references re-checked. */
export function updateResource(ctx: OpContext, req: WriteRequest): Data {
  const { store } = ctx;
  const k = req.key;
  const current = requireResource(store, k);
  requireReferences(store, k, req.spec);
  const m = current.data.metadata;
  const data = buildData(ctx.id, k, req.spec, {
    uid: m.uid,
    version: m.version + 1,
    createdAt: m.createdAt,
    lastUpdatedAt: ctx.now,
  });
  store.put(k.kind, k.parent, k.name, { data, tags: current.tags });
  store.setRefs(k, refsOf(k.kind, req.spec));
  store.bumpConfigVersion();
  return data;
}

/** Deletes a resource that nothing uses; answers its last data with status DELETED. */
export function deleteResource(ctx: OpContext, k: ResourceKey): Data {
  const { store } = ctx;
  const current = requireResource(store, k);
  requireUnused(store, k);
  if (k.kind === "mesh") store.clear();
  else store.delete(k.kind, k.parent, k.name);
  store.bumpConfigVersion();
  return asDeleted(current.data);
}
