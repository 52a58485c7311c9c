import {
  type AppMeshClient,
  ListGatewayRoutesCommand,
  ListRoutesCommand,
  ListTagsForResourceCommand,
  ListVirtualGatewaysCommand,
  ListVirtualNodesCommand,
  ListVirtualRoutersCommand,
  ListVirtualServicesCommand,
} from "@aws-sdk/client-app-mesh";
import { stringify } from "yaml";
import { isObject } from "./model";
import { describe } from "./plan";
import { ImportError, type Kind, type Resource } from "./resources";

async function all<T>(page: (nextToken?: string) => Promise<{ items: T[]; nextToken?: string | undefined }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const p = await page(token);
    out.push(...p.items);
    token = p.nextToken;
  } while (token);
  return out;
}

/** Every resource of a mesh, described, in dependency order, with its tags. */
export async function readMesh(am: AppMeshClient, meshName: string): Promise<Resource[]> {
  const mesh = await describe(am, { kind: "mesh", mesh: meshName, name: meshName });
  if (!mesh) throw new ImportError(`mesh ${meshName} not found`);
  const ids: { kind: Kind; name: string; parent?: string }[] = [{ kind: "mesh", name: meshName }];
  const nodes = await all((nextToken) =>
    am.send(new ListVirtualNodesCommand({ meshName, nextToken })).then((r) => ({ items: r.virtualNodes ?? [], nextToken: r.nextToken })),
  );
  ids.push(...nodes.map((n) => ({ kind: "virtualNode" as const, name: n.virtualNodeName! })));
  const routers = await all((nextToken) =>
    am
      .send(new ListVirtualRoutersCommand({ meshName, nextToken }))
      .then((r) => ({ items: r.virtualRouters ?? [], nextToken: r.nextToken })),
  );
  ids.push(...routers.map((n) => ({ kind: "virtualRouter" as const, name: n.virtualRouterName! })));
  for (const r of routers) {
    const routes = await all((nextToken) =>
      am
        .send(new ListRoutesCommand({ meshName, virtualRouterName: r.virtualRouterName!, nextToken }))
        .then((x) => ({ items: x.routes ?? [], nextToken: x.nextToken })),
    );
    ids.push(...routes.map((x) => ({ kind: "route" as const, name: x.routeName!, parent: r.virtualRouterName! })));
  }
  const services = await all((nextToken) =>
    am
      .send(new ListVirtualServicesCommand({ meshName, nextToken }))
      .then((r) => ({ items: r.virtualServices ?? [], nextToken: r.nextToken })),
  );
  ids.push(...services.map((n) => ({ kind: "virtualService" as const, name: n.virtualServiceName! })));
  const gateways = await all((nextToken) =>
    am
      .send(new ListVirtualGatewaysCommand({ meshName, nextToken }))
      .then((r) => ({ items: r.virtualGateways ?? [], nextToken: r.nextToken })),
  );
  ids.push(...gateways.map((n) => ({ kind: "virtualGateway" as const, name: n.virtualGatewayName! })));
  for (const g of gateways) {
    const grs = await all((nextToken) =>
      am
        .send(new ListGatewayRoutesCommand({ meshName, virtualGatewayName: g.virtualGatewayName!, nextToken }))
        .then((x) => ({ items: x.gatewayRoutes ?? [], nextToken: x.nextToken })),
    );
    ids.push(...grs.map((x) => ({ kind: "gatewayRoute" as const, name: x.gatewayRouteName!, parent: g.virtualGatewayName! })));
  }
  const out: Resource[] = [];
  for (const id of ids) {
    const d = await describe(am, { ...id, mesh: meshName });
    if (!d) continue; // deleted meanwhile
    const arn = d.metadata?.arn;
    const tags = arn ? ((await am.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags ?? []) : [];
    out.push({
      ...id,
      mesh: meshName,
      spec: (d.spec ?? {}) as Record<string, unknown>,
      tags: tags.length ? tags.map((t) => ({ key: t.key!, value: t.value! })) : undefined,
      source: arn ?? id.name,
      notes: [],
    });
  }
  return out;
}

const NAME_KEY: Record<Kind, string> = {
  mesh: "meshName",
  virtualNode: "virtualNodeName",
  virtualRouter: "virtualRouterName",
  route: "routeName",
  virtualService: "virtualServiceName",
  virtualGateway: "virtualGatewayName",
  gatewayRoute: "gatewayRouteName",
};

/** The mesh as a list of `create-*` inputs (each also works with `aws appmesh create-* --cli-input-json`). */
export function toAppMeshJson(resources: Resource[]): string {
  return `${JSON.stringify(
    resources.map((r) => ({
      meshName: r.mesh,
      ...(r.kind === "route" ? { virtualRouterName: r.parent } : r.kind === "gatewayRoute" ? { virtualGatewayName: r.parent } : {}),
      ...(r.kind === "mesh" ? {} : { [NAME_KEY[r.kind]]: r.name }),
      spec: r.spec,
      ...(r.tags ? { tags: r.tags } : {}),
    })),
    null,
    2,
  )}\n`;
}

/** API member names whose CloudFormation property is not just the first letter upper-cased. */
const CFN_NAMES: Record<string, string> = {
  dns: "DNS",
  awsCloudMap: "AWSCloudMap",
  tls: "TLS",
  sds: "SDS",
  acm: "ACM",
  grpc: "GRPC",
  http: "HTTP",
  http2: "HTTP2",
  tcp: "TCP",
};
const cfnKey = (k: string) => CFN_NAMES[k] ?? k.charAt(0).toUpperCase() + k.slice(1);

function toCfn(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toCfn);
  if (!isObject(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [cfnKey(k), toCfn(x)]));
}

const TYPE: Record<Kind, string> = {
  mesh: "Mesh",
  virtualNode: "VirtualNode",
  virtualRouter: "VirtualRouter",
  route: "Route",
  virtualService: "VirtualService",
  virtualGateway: "VirtualGateway",
  gatewayRoute: "GatewayRoute",
};

/**
 * The mesh as a CloudFormation template: one `AWS::AppMesh::*` resource each, with the mesh,
 * router and gateway named through `!GetAtt` (so CloudFormation orders them) and `DependsOn`
 * for what routes, services and gateway routes point at.
 */
export function toCloudFormation(resources: Resource[]): string {
  const used = new Set<string>();
  const logical = new Map<string, string>();
  const idOf = (r: Pick<Resource, "kind" | "name" | "parent">) => {
    const key = `${r.kind}/${r.parent ?? ""}/${r.name}`;
    let id = logical.get(key);
    if (id) return id;
    const base = (TYPE[r.kind] + (r.parent ? `-${r.parent}` : "") + (r.kind === "mesh" ? "" : `-${r.name}`))
      .split(/[^A-Za-z0-9]+/)
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join("")
      .slice(0, 240);
    id = base;
    for (let i = 2; used.has(id); i++) id = `${base}${i}`;
    used.add(id);
    logical.set(key, id);
    return id;
  };
  const has = (kind: Kind, name: string) => resources.some((r) => r.kind === kind && r.name === name);
  const out: Record<string, unknown> = {};
  for (const r of resources) {
    const meshId = idOf({ kind: "mesh", name: r.mesh });
    const props: Record<string, unknown> = r.kind === "mesh" ? { MeshName: r.mesh } : { MeshName: { "Fn::GetAtt": [meshId, "MeshName"] } };
    if (r.kind === "route")
      props.VirtualRouterName = { "Fn::GetAtt": [idOf({ kind: "virtualRouter", name: r.parent! }), "VirtualRouterName"] };
    if (r.kind === "gatewayRoute")
      props.VirtualGatewayName = { "Fn::GetAtt": [idOf({ kind: "virtualGateway", name: r.parent! }), "VirtualGatewayName"] };
    if (r.kind !== "mesh") props[`${TYPE[r.kind]}Name`] = r.name;
    props.Spec = toCfn(r.spec);
    if (r.tags) props.Tags = r.tags.map((t) => ({ Key: t.key, Value: t.value }));
    const deps = new Set<string>();
    // biome-ignore lint/suspicious/noExplicitAny: a converted spec read field by field
    const s = r.spec as Record<string, any>;
    for (const t of ["httpRoute", "http2Route", "grpcRoute", "tcpRoute"]) {
      for (const w of s[t]?.action?.weightedTargets ?? [])
        if (has("virtualNode", w.virtualNode)) deps.add(idOf({ kind: "virtualNode", name: w.virtualNode }));
      const vs = s[t]?.action?.target?.virtualService?.virtualServiceName;
      if (vs && has("virtualService", vs)) deps.add(idOf({ kind: "virtualService", name: vs }));
    }
    const pn = s.provider?.virtualNode?.virtualNodeName;
    const pr = s.provider?.virtualRouter?.virtualRouterName;
    if (pn && has("virtualNode", pn)) deps.add(idOf({ kind: "virtualNode", name: pn }));
    if (pr && has("virtualRouter", pr)) deps.add(idOf({ kind: "virtualRouter", name: pr }));
    out[idOf(r)] = { Type: `AWS::AppMesh::${TYPE[r.kind]}`, ...(deps.size ? { DependsOn: [...deps] } : {}), Properties: props };
  }
  const meshes = [...new Set(resources.map((r) => r.mesh))].join(", ");
  return `# Exported by meshedge (npm run export) from mesh ${meshes}; import with npm run import.\n${stringify(
    {
      AWSTemplateFormatVersion: "2010-09-09",
      Description: `App Mesh mesh ${meshes}`,
      Resources: out,
    },
    { lineWidth: 0 },
  )}`;
}
