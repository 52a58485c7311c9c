import { arnOf, type Identity } from "../../src/shared/arn";
import { KINDS, type ResourceKey } from "../../src/shared/resource-kinds";
import type { StoredResource } from "./mesh-store";

type Data = StoredResource["data"];

/** The model's `*Data` JSON of a resource: names, spec, metadata, status. */
export function buildData(
  id: Identity,
  k: ResourceKey,
  spec: unknown,
  meta: { uid: string; version: number; createdAt: number; lastUpdatedAt: number },
): Data {
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

/**
 * The data as App Mesh's read answers (Describe*, Delete*) showed it: a virtual node stored
 * without `backends` is described with `backends: []` (the AWS CLI's bundled examples
 * describe-virtual-node.rst and delete-virtual-node.rst), while Create and Update answer the
 * spec as written (create-virtual-node.rst, update-virtual-node.rst).
 */
export function asRead(data: Data): Data {
  const spec = data["spec"];
  if (data["virtualNodeName"] === undefined || typeof spec !== "object" || spec === null || "backends" in spec) return data;
  return { ...data, spec: { ...spec, backends: [] } };
}

/** A copy of the read data with status DELETED (what delete operations answer). */
export function asDeleted(data: Data): Data {
  return { ...asRead(data), status: { status: "DELETED" } };
}
