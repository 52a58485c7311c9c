/** One App Mesh resource as the import tool handles it, whatever the source format. */
export type Kind = "mesh" | "virtualNode" | "virtualRouter" | "route" | "virtualService" | "virtualGateway" | "gatewayRoute";

export interface Resource {
  kind: Kind;
  mesh: string;
  /** The resource's own name (the mesh's name for a mesh). */
  name: string;
  /** The virtual router of a route, the virtual gateway of a gateway route. */
  parent?: string | undefined;
  /** The spec in the API's shape. */
  spec: Record<string, unknown>;
  tags?: { key: string; value: string }[] | undefined;
  /** Where it came from, for reports and errors: "file: logical id / kind name". */
  source: string;
  /** What the converter had to leave out or default, per resource (e.g. a pod selector). */
  notes: string[];
}

/** The order App Mesh needs: what a resource references is created before it. */
export const KIND_ORDER: Kind[] = ["mesh", "virtualNode", "virtualRouter", "route", "virtualService", "virtualGateway", "gatewayRoute"];

export const KIND_LABEL: Record<Kind, string> = {
  mesh: "mesh",
  virtualNode: "virtual node",
  virtualRouter: "virtual router",
  route: "route",
  virtualService: "virtual service",
  virtualGateway: "virtual gateway",
  gatewayRoute: "gateway route",
};

/** `mesh/router/route`-style identity, unique per deployment. */
export function resourceKey(r: Pick<Resource, "kind" | "mesh" | "name" | "parent">): string {
  return [r.kind, r.mesh, r.parent ?? "", r.name].join("/");
}

export function describeResource(r: Pick<Resource, "kind" | "mesh" | "name" | "parent">): string {
  if (r.kind === "mesh") return `mesh ${r.name}`;
  const parent = r.parent ? ` of ${r.kind === "route" ? "virtual router" : "virtual gateway"} ${r.parent}` : "";
  return `${KIND_LABEL[r.kind]} ${r.name}${parent} in mesh ${r.mesh}`;
}

/** An input the tool cannot turn into resources; the message names file, resource and property. */
export class ImportError extends Error {
  override name = "ImportError";
}
