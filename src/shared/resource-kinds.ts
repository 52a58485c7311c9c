import { envInt } from "./env-int";

/**
 * The seven App Mesh resource kinds and what differs between them: the name field, the
 * parent (routes live under a virtual router, gateway routes under a virtual gateway), the
 * ARN segment, the JSON keys of responses and the quota variable. Shared by the Worker's
 * handlers and the mesh Durable Object, so both speak of resources the same way.
 */

export type ResourceKind = "mesh" | "virtualNode" | "virtualService" | "virtualRouter" | "route" | "virtualGateway" | "gatewayRoute";

/** Quota variables of wrangler.toml `[vars]`. */
export type QuotaVar =
  | "QUOTA_MESHES"
  | "QUOTA_VIRTUAL_NODES_PER_MESH"
  | "QUOTA_VIRTUAL_SERVICES_PER_MESH"
  | "QUOTA_VIRTUAL_ROUTERS_PER_MESH"
  | "QUOTA_ROUTES_PER_VIRTUAL_ROUTER"
  | "QUOTA_VIRTUAL_GATEWAYS_PER_MESH"
  | "QUOTA_GATEWAY_ROUTES_PER_VIRTUAL_GATEWAY";

export interface KindInfo {
  readonly kind: ResourceKind;
  /** The operation-name stem: `Create${op}`, `List${op}s`. */
  readonly op: string;
  /** Member holding the resource's own name, e.g. `virtualNodeName`. */
  readonly nameField: string;
  /** Kind and member of the parent inside the mesh (routes and gateway routes only). */
  readonly parentKind?: "virtualRouter" | "virtualGateway";
  readonly parentField?: "virtualRouterName" | "virtualGatewayName";
  /** Key of the resource in Create/Describe/Update/Delete outputs; `${dataKey}s` in lists. */
  readonly dataKey: string;
  /** Words for messages, e.g. "Virtual node". */
  readonly label: string;
  /** The quota on how many of this kind one mesh (or one parent) may hold. */
  readonly quota: QuotaVar;
  /** Default of the quota (App Mesh's default service quotas). */
  readonly quotaDefault: number;
}

/** Every kind, by name. */
export const KINDS: Readonly<Record<ResourceKind, KindInfo>> = {
  mesh: { kind: "mesh", op: "Mesh", nameField: "meshName", dataKey: "mesh", label: "Mesh", quota: "QUOTA_MESHES", quotaDefault: 15 },
  virtualNode: {
    kind: "virtualNode",
    op: "VirtualNode",
    nameField: "virtualNodeName",
    dataKey: "virtualNode",
    label: "Virtual node",
    quota: "QUOTA_VIRTUAL_NODES_PER_MESH",
    quotaDefault: 200,
  },
  virtualService: {
    kind: "virtualService",
    op: "VirtualService",
    nameField: "virtualServiceName",
    dataKey: "virtualService",
    label: "Virtual service",
    quota: "QUOTA_VIRTUAL_SERVICES_PER_MESH",
    quotaDefault: 200,
  },
  virtualRouter: {
    kind: "virtualRouter",
    op: "VirtualRouter",
    nameField: "virtualRouterName",
    dataKey: "virtualRouter",
    label: "Virtual router",
    quota: "QUOTA_VIRTUAL_ROUTERS_PER_MESH",
    quotaDefault: 200,
  },
  route: {
    kind: "route",
    op: "Route",
    nameField: "routeName",
    parentKind: "virtualRouter",
    parentField: "virtualRouterName",
    dataKey: "route",
    label: "Route",
    quota: "QUOTA_ROUTES_PER_VIRTUAL_ROUTER",
    quotaDefault: 50,
  },
  virtualGateway: {
    kind: "virtualGateway",
    op: "VirtualGateway",
    nameField: "virtualGatewayName",
    dataKey: "virtualGateway",
    label: "Virtual gateway",
    quota: "QUOTA_VIRTUAL_GATEWAYS_PER_MESH",
    quotaDefault: 3,
  },
  gatewayRoute: {
    kind: "gatewayRoute",
    op: "GatewayRoute",
    nameField: "gatewayRouteName",
    parentKind: "virtualGateway",
    parentField: "virtualGatewayName",
    dataKey: "gatewayRoute",
    label: "Gateway route",
    quota: "QUOTA_GATEWAY_ROUTES_PER_VIRTUAL_GATEWAY",
    quotaDefault: 10,
  },
};

/** Kinds that live inside a mesh (everything but the mesh itself). */
export const MESH_CHILD_KINDS = ["virtualNode", "virtualService", "virtualRouter", "route", "virtualGateway", "gatewayRoute"] as const;

/** The protocol members of a route spec, of which a route sets exactly one. */
export const ROUTE_PROTOCOLS = ["httpRoute", "http2Route", "grpcRoute", "tcpRoute"] as const;
/** The protocol members of a gateway route spec (no TCP). */
export const GATEWAY_ROUTE_PROTOCOLS = ["httpRoute", "http2Route", "grpcRoute"] as const;

/** Identifies one resource: its mesh, kind, parent name ("" when none) and name. */
export interface ResourceKey {
  meshName: string;
  kind: ResourceKind;
  parent: string;
  name: string;
}

/** "Virtual node nodeA in mesh m" / "Route r of virtual router vr in mesh m", for messages. */
export function describeKey(k: ResourceKey): string {
  const info = KINDS[k.kind];
  if (k.kind === "mesh") return `Mesh ${k.name}`;
  const parent = info.parentKind ? ` of ${KINDS[info.parentKind].label.toLowerCase()} ${k.parent}` : "";
  return `${info.label} ${k.name}${parent} in mesh ${k.meshName}`;
}

/** Reads a numeric quota from the environment, falling back to App Mesh's default. */
export function quotaOf(env: object, kind: ResourceKind): number {
  const info = KINDS[kind];
  return envInt((env as Record<string, unknown>)[info.quota], { fallback: info.quotaDefault, min: 0 });
}
