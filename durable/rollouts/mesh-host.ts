import { unwrap, type RpcResult } from "../../src/shared/rpc-result";
import type { RouteSpec } from "../../src/schema";
import { requireMesh, requireResource } from "../mesh/mesh-guards";
import type { MeshStore } from "../mesh/mesh-store";
import { updateResource } from "../mesh/mesh-writes";
import type { OpContext } from "../mesh/op-context";
import type { DeliveryHost } from "./delivery";

/** The pieces of the mesh Durable Object the delivery extension works through. */
export interface MeshDeps {
  store: MeshStore;
  /** The DO's write path: one transaction, then the snapshot recompile when the version moved. */
  write<T>(fn: (ctx: OpContext) => T): RpcResult<T>;
}

/**
 * A DeliveryHost over the control plane's own functions: route reads use its guards (same
 * NotFound messages as DescribeRoute), weight changes go through `updateResource` inside the DO's
 * write path, exactly like UpdateRoute (spec replaced, route version + 1, config version bump,
 * snapshot recompiled).
 */
export function meshDeliveryHost(deps: MeshDeps): DeliveryHost {
  // The mesh this object holds, read from its own store (never a name a caller sent).
  const meshName = String((deps.store.all("mesh")[0] as { meshName?: string } | undefined)?.meshName ?? "");
  const routeKey = (parent: string, name: string) => ({ meshName, kind: "route" as const, parent, name });
  return {
    meshName,
    requireMesh: () => void requireMesh(deps.store, meshName),
    readRouteSpec: (router, route) => requireResource(deps.store, routeKey(router, route)).data["spec"] as RouteSpec,
    requireVirtualNode: (name) => void requireResource(deps.store, { meshName, kind: "virtualNode", parent: "", name }),
    updateRouteSpec: (router, route, spec) => void unwrap(deps.write((c) => updateResource(c, { key: routeKey(router, route), spec }))),
    routingChanged: () => void unwrap(deps.write((c) => c.store.bumpConfigVersion())),
    meshUid: () => uidOf(deps.store.get("mesh", "", meshName)),
    routeUid: (router, route) => uidOf(deps.store.get("route", router, route)),
  };
}

function uidOf(r: { data: { metadata: { uid: string } } } | undefined): string | undefined {
  return r?.data.metadata.uid;
}
