import {
  type AppMeshClient,
  DescribeGatewayRouteCommand,
  DescribeMeshCommand,
  DescribeRouteCommand,
  DescribeVirtualGatewayCommand,
  DescribeVirtualNodeCommand,
  DescribeVirtualRouterCommand,
  DescribeVirtualServiceCommand,
} from "@aws-sdk/client-app-mesh";
import { sameSpec } from "./fill-ins";
import { describeResource, ImportError, KIND_ORDER, type Kind, type Resource, resourceKey } from "./resources";

export type Action = "create" | "update" | "unchanged";
export interface Step {
  resource: Resource;
  action: Action;
  arn?: string | undefined;
}

/** Describes one resource; undefined when App Mesh answers NotFound. */
export async function describe(
  am: AppMeshClient,
  r: Pick<Resource, "kind" | "mesh" | "name" | "parent">,
): Promise<{ spec?: unknown; metadata?: { arn?: string | undefined } | undefined } | undefined> {
  const meshName = r.mesh;
  try {
    switch (r.kind) {
      case "mesh":
        return (await am.send(new DescribeMeshCommand({ meshName }))).mesh;
      case "virtualNode":
        return (await am.send(new DescribeVirtualNodeCommand({ meshName, virtualNodeName: r.name }))).virtualNode;
      case "virtualRouter":
        return (await am.send(new DescribeVirtualRouterCommand({ meshName, virtualRouterName: r.name }))).virtualRouter;
      case "route":
        return (await am.send(new DescribeRouteCommand({ meshName, virtualRouterName: r.parent!, routeName: r.name }))).route;
      case "virtualService":
        return (await am.send(new DescribeVirtualServiceCommand({ meshName, virtualServiceName: r.name }))).virtualService;
      case "virtualGateway":
        return (await am.send(new DescribeVirtualGatewayCommand({ meshName, virtualGatewayName: r.name }))).virtualGateway;
      case "gatewayRoute":
        return (await am.send(new DescribeGatewayRouteCommand({ meshName, virtualGatewayName: r.parent!, gatewayRouteName: r.name })))
          .gatewayRoute;
    }
  } catch (e) {
    if ((e as { name?: string }).name === "NotFoundException") return undefined;
    throw e;
  }
}

/** What a resource must find, in the input or already deployed, before it can be created. */
function referencesOf(r: Resource): { kind: Kind; mesh: string; name: string; parent?: string; via: string }[] {
  const refs: { kind: Kind; mesh: string; name: string; parent?: string; via: string }[] = [];
  if (r.kind !== "mesh") refs.push({ kind: "mesh", mesh: r.mesh, name: r.mesh, via: "its mesh" });
  if (r.kind === "route") refs.push({ kind: "virtualRouter", mesh: r.mesh, name: r.parent!, via: "its virtual router" });
  if (r.kind === "gatewayRoute") refs.push({ kind: "virtualGateway", mesh: r.mesh, name: r.parent!, via: "its virtual gateway" });
  // biome-ignore lint/suspicious/noExplicitAny: a converted spec read field by field
  const s = r.spec as Record<string, any>;
  if (r.kind === "route") {
    for (const t of ["httpRoute", "http2Route", "grpcRoute", "tcpRoute"]) {
      for (const w of s[t]?.action?.weightedTargets ?? [])
        refs.push({ kind: "virtualNode", mesh: r.mesh, name: w.virtualNode, via: `${t}.action.weightedTargets` });
    }
  }
  if (r.kind === "virtualService") {
    const node = s.provider?.virtualNode?.virtualNodeName;
    const router = s.provider?.virtualRouter?.virtualRouterName;
    if (node) refs.push({ kind: "virtualNode", mesh: r.mesh, name: node, via: "provider.virtualNode" });
    if (router) refs.push({ kind: "virtualRouter", mesh: r.mesh, name: router, via: "provider.virtualRouter" });
  }
  if (r.kind === "gatewayRoute") {
    for (const t of ["httpRoute", "http2Route", "grpcRoute"]) {
      const vs = s[t]?.action?.target?.virtualService?.virtualServiceName;
      if (vs) refs.push({ kind: "virtualService", mesh: r.mesh, name: vs, via: `${t}.action.target.virtualService` });
    }
  }
  return refs;
}

/**
 * The plan: every resource in dependency order (mesh, nodes, routers, routes, services,
 * gateways, gateway routes) with create / update / unchanged. Fails, before anything is
 * created, on a duplicate or on a reference that neither the input nor the deployment holds.
 */
export async function makePlan(
  am: AppMeshClient,
  resources: Resource[],
  progress?: (done: number, total: number) => void,
): Promise<Step[]> {
  const byKey = new Map<string, Resource>();
  for (const r of resources) {
    const k = resourceKey(r);
    const prev = byKey.get(k);
    if (prev && !sameSpec(r.kind, prev.spec, r.spec))
      throw new ImportError(`${r.source}: ${describeResource(r)} is also defined, differently, by ${prev.source}`);
    byKey.set(k, r);
  }
  const ordered = [...byKey.values()].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  const current = new Map<string, Awaited<ReturnType<typeof describe>>>();
  let done = 0;
  for (const r of ordered) {
    current.set(resourceKey(r), await describe(am, r));
    progress?.(++done, ordered.length);
  }
  for (const r of ordered) {
    for (const ref of referencesOf(r)) {
      const k = resourceKey(ref);
      if (byKey.has(k)) continue;
      if (!current.has(k)) current.set(k, await describe(am, ref));
      if (!current.get(k))
        throw new ImportError(
          `${r.source}: ${describeResource(r)}: ${ref.via} refers to ${describeResource(ref)}, which is neither in the input nor deployed`,
        );
    }
  }
  return ordered.map((r) => {
    const now = current.get(resourceKey(r));
    if (!now) return { resource: r, action: "create" as const };
    return {
      resource: r,
      action: sameSpec(r.kind, r.spec, now.spec) ? ("unchanged" as const) : ("update" as const),
      arn: now.metadata?.arn,
    };
  });
}
