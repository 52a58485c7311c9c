import { AppMeshError } from "../../src/shared/errors";
import { decodeNextToken, pageOf, type Page } from "../../src/shared/pagination";
import { KINDS, type ResourceKey, type ResourceKind } from "../../src/shared/resource-kinds";
import { requireMesh, requireParent, requireResource } from "./mesh-guards";
import type { MeshStore, StoredResource } from "./mesh-store";
import { refOf } from "../../src/shared/resource-ref";
import { asRead } from "./resource-data";

/** The resource's data as Describe answers it (NotFoundException when it, its parent or its mesh is missing). */
export function describeResource(store: MeshStore, k: ResourceKey): StoredResource["data"] {
  return asRead(requireResource(store, k).data);
}

/** One page of `*Ref`s of a kind (under `parent` for routes / gateway routes), name order. */
export function listResources(
  store: MeshStore,
  meshName: string,
  kind: ResourceKind,
  parent: string,
  limit: number,
  nextToken?: string,
): Page<Record<string, unknown>> {
  requireMesh(store, meshName);
  requireParent(store, { meshName, kind, parent, name: "" });
  const rows = store.page(kind, parent, decodeNextToken(nextToken), limit + 1).map((r) => refOf(r.data));
  const nameField = KINDS[kind].nameField;
  return pageOf(rows, limit, (ref) => String(ref[nameField]));
}

/** Maximum tags per resource (the model's TagList max). */
export const MAX_TAGS = 50;

/** Adds or overwrites tags by key; more than 50 in total is a TooManyTagsException. */
export function tagResource(store: MeshStore, k: ResourceKey, tags: Array<{ key: string; value: string }>): void {
  const r = requireResource(store, k);
  const merged = new Map(r.tags.map((t) => [t.key, t.value]));
  for (const t of tags) merged.set(t.key, t.value);
  if (merged.size > MAX_TAGS) {
    throw new AppMeshError("TooManyTagsException", `A resource can have at most ${MAX_TAGS} tags; this request would leave ${merged.size}`);
  }
  store.put(k.kind, k.parent, k.name, { data: r.data, tags: [...merged].map(([key, value]) => ({ key, value })) });
}

/** Removes tags by key (absent keys are ignored, as in App Mesh). */
export function untagResource(store: MeshStore, k: ResourceKey, keys: string[]): void {
  const r = requireResource(store, k);
  const drop = new Set(keys);
  store.put(k.kind, k.parent, k.name, { data: r.data, tags: r.tags.filter((t) => !drop.has(t.key)) });
}

/** One page of a resource's tags, in key order. */
export function listTags(store: MeshStore, k: ResourceKey, limit: number, nextToken?: string): Page<{ key: string; value: string }> {
  const after = decodeNextToken(nextToken);
  const sorted = [...requireResource(store, k).tags].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return pageOf(
    sorted.filter((t) => t.key > after),
    limit,
    (t) => t.key,
  );
}
