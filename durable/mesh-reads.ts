import { AppMeshError } from "../src/api/errors";
import { decodeNextToken, encodeNextToken } from "../src/api/pagination";
import type { ResourceKey, ResourceKind } from "../src/api/resource-kinds";
import { requireMesh, requireParent, requireResource } from "./mesh-guards";
import type { MeshStore, StoredResource } from "./mesh-store";
import { refOf } from "./resource-data";

/** A page of a list operation. */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** The resource's data (NotFoundException when it, its parent or its mesh is missing). */
export function describeResource(store: MeshStore, k: ResourceKey): StoredResource["data"] {
  return requireResource(store, k).data;
}

/** One page of `*Ref`s of a kind (under `parent` for routes / gateway routes), name order. */
export function listResources(
  store: MeshStore, meshName: string, kind: ResourceKind, parent: string, limit: number, nextToken?: string,
): Page<Record<string, unknown>> {
  requireMesh(store, meshName);
  requireParent(store, { meshName, kind, parent, name: "" });
  const rows = store.page(kind, parent, decodeNextToken(nextToken), limit + 1);
  const more = rows.length > limit;
  const items = (more ? rows.slice(0, limit) : rows).map((r) => refOf(r.data));
  const last = items[items.length - 1];
  const lastName = last ? String(last[nameOf(kind)]) : "";
  return more ? { items, nextToken: encodeNextToken(lastName) } : { items };
}

function nameOf(kind: ResourceKind): string {
  return kind === "mesh" ? "meshName" : `${kind}Name`;
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
  const rest = sorted.filter((t) => t.key > after);
  const items = rest.slice(0, limit);
  return rest.length > limit ? { items, nextToken: encodeNextToken(items[items.length - 1]!.key) } : { items };
}
