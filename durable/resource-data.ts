import { arnOf, type Identity } from "../src/api/arn";
import { KINDS, type ResourceKey } from "../src/api/resource-kinds";
import type { StoredResource } from "./mesh-store";

type Data = StoredResource["data"];

/** The model's `*Data` JSON of a resource: names, spec, metadata, status. */
export function buildData(id: Identity, k: ResourceKey, spec: unknown, meta: { uid: string; version: number; createdAt: number; lastUpdatedAt: number }): Data {
  const info = KINDS[k.kind];
  const data: Record<string, unknown> = { meshName: k.meshName };
  if (info.parentField) data[info.parentField] = k.parent;
  if (k.kind !== "mesh") data[info.nameField] = k.name;
  data["spec"] = spec;
  data["metadata"] = {
    arn: arnOf(id, k),
    uid: meta.uid,
    version: meta.version,
    createdAt: meta.createdAt,
    lastUpdatedAt: meta.lastUpdatedAt,
    meshOwner: id.account,
    resourceOwner: id.account,
  };
  data["status"] = { status: "ACTIVE" };
  return data as Data;
}

/** The `*Ref` of list outputs: names plus the metadata fields, without spec or status. */
export function refOf(data: Data): Record<string, unknown> {
  const { spec: _spec, status: _status, metadata, ...names } = data as Data & { spec: unknown; status: unknown };
  const { uid: _uid, ...rest } = metadata as Record<string, unknown>;
  return { ...names, ...rest };
}

/** A copy of the data with status DELETED (what delete operations answer). */
export function asDeleted(data: Data): Data {
  return { ...data, status: { status: "DELETED" } };
}
