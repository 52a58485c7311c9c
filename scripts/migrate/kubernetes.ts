import { ConvertError, isObject, SPEC_SHAPE, toApiShape } from "./model";
import { ImportError, type Kind, type Resource } from "./resources";

/**
 * Manifests of the App Mesh controller for Kubernetes (`appmesh.k8s.aws/v1beta2`), converted
 * with the controller's own rules (aws/aws-app-mesh-controller-for-k8s):
 * - names (webhooks/appmesh/*_mutator.go `defaultingAWSName`): a Mesh is `${name}`, a
 *   VirtualService `${name}.${namespace}`, every other kind `${name}_${namespace}`, unless
 *   `spec.awsName` is set;
 * - mesh membership (`meshRef`, set by the webhook): the Mesh whose `namespaceSelector`
 *   matches the labels of the object's Namespace; here also the only Mesh of the input, or
 *   `--mesh`;
 * - references (`virtualNodeRef`, `virtualRouterRef`, `virtualServiceRef`) name Kubernetes
 *   objects, in the referring object's namespace unless they say another, and become the
 *   referenced object's App Mesh name; `...ARN` references become the ARN's last segment;
 * - a VirtualRouter's `routes` become App Mesh routes of that router;
 * - `podSelector`, `namespaceSelector`, `gatewayRouteSelector` and `backendGroups` select pods
 *   and objects inside the cluster: they are left out and reported.
 */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
}

export interface K8sOptions {
  /** `--mesh`: the mesh of objects that no Mesh selects. */
  mesh?: string | undefined;
}

const KINDS: Record<string, Kind> = {
  Mesh: "mesh",
  VirtualNode: "virtualNode",
  VirtualRouter: "virtualRouter",
  VirtualService: "virtualService",
  VirtualGateway: "virtualGateway",
  GatewayRoute: "gatewayRoute",
};

export const isAppMeshManifest = (o: unknown): o is K8sObject =>
  isObject(o) && typeof o.apiVersion === "string" && o.apiVersion.startsWith("appmesh.k8s.aws/");

export function fromKubernetes(docs: { obj: unknown; file: string }[], opts: K8sOptions): Resource[] {
  const objects: { o: K8sObject; file: string }[] = [];
  const namespaceLabels = new Map<string, Record<string, string>>();
  for (const { obj, file } of docs) {
    const items = isObject(obj) && obj.kind === "List" && Array.isArray(obj.items) ? obj.items : [obj];
    for (const o of items) {
      if (isObject(o) && o.kind === "Namespace" && o.apiVersion === "v1" && isObject(o.metadata)) {
        namespaceLabels.set(String(o.metadata.name), (o.metadata.labels ?? {}) as Record<string, string>);
      }
      if (!isAppMeshManifest(o)) continue;
      if (o.apiVersion !== "appmesh.k8s.aws/v1beta2")
        throw new ImportError(
          `${file}: ${o.kind} ${o.metadata?.name}: apiVersion ${o.apiVersion} is not supported (the controller's v1beta2 only)`,
        );
      if (!KINDS[o.kind]) {
        if (o.kind === "BackendGroup") continue;
        throw new ImportError(`${file}: unknown App Mesh controller kind ${o.kind}`);
      }
      if (!isObject(o.metadata) || typeof o.metadata.name !== "string") throw new ImportError(`${file}: ${o.kind} without metadata.name`);
      objects.push({ o, file });
    }
  }
  const ns = (o: K8sObject) => o.metadata.namespace ?? "default";
  const awsName = (o: K8sObject): string => {
    const explicit = o.spec?.awsName;
    if (typeof explicit === "string" && explicit !== "") return explicit;
    if (o.kind === "Mesh") return o.metadata.name;
    return o.kind === "VirtualService" ? `${o.metadata.name}.${ns(o)}` : `${o.metadata.name}_${ns(o)}`;
  };
  const find = (kind: string, name: string, namespace: string) =>
    objects.find(({ o }) => o.kind === kind && o.metadata.name === name && (kind === "Mesh" || ns(o) === namespace))?.o;
  const meshes = objects.filter(({ o }) => o.kind === "Mesh").map(({ o }) => o);

  const meshOf = (o: K8sObject, where: string): string => {
    const ref = o.spec?.meshRef;
    if (isObject(ref) && typeof ref.name === "string") {
      const m = find("Mesh", ref.name, "");
      return m ? awsName(m) : ref.name;
    }
    const labels = namespaceLabels.get(ns(o));
    if (labels) {
      const selected = meshes.filter((m) => selects(m.spec?.namespaceSelector, labels));
      if (selected.length === 1) return awsName(selected[0]!);
      if (selected.length > 1)
        throw new ImportError(
          `${where}: namespace ${ns(o)} is selected by more than one Mesh (${selected.map((m) => m.metadata.name).join(", ")})`,
        );
    }
    if (opts.mesh) return opts.mesh;
    if (meshes.length === 1) return awsName(meshes[0]!);
    throw new ImportError(
      `${where}: no mesh: ${meshes.length === 0 ? "the input has no Mesh" : "more than one Mesh and no Namespace whose labels select one"}; give it with --mesh NAME`,
    );
  };

  /** Resolves `{xRef: {name, namespace}}` / `{xARN}` to the App Mesh name. */
  const refName = (holder: Record<string, unknown>, kind: string, from: K8sObject, where: string, notes: string[]): string => {
    const key = kind.charAt(0).toLowerCase() + kind.slice(1);
    const ref = holder[`${key}Ref`];
    const arn = holder[`${key}ARN`];
    delete holder[`${key}Ref`];
    delete holder[`${key}ARN`];
    if (typeof arn === "string") return arn.split("/").pop()!;
    if (!isObject(ref) || typeof ref.name !== "string") throw new ImportError(`${where}: needs ${key}Ref or ${key}ARN`);
    const namespace = typeof ref.namespace === "string" ? ref.namespace : ns(from);
    const target = find(kind, ref.name, namespace);
    if (target) return awsName(target);
    const fallback = awsName({ apiVersion: "", kind, metadata: { name: ref.name, namespace } });
    notes.push(`${key}Ref ${namespace}/${ref.name} is not in the input: named ${fallback} by the controller's default rule`);
    return fallback;
  };

  const out: Resource[] = [];
  for (const { o, file } of objects) {
    const where = `${file}: ${o.kind} ${ns(o)}/${o.metadata.name}`;
    const kind = KINDS[o.kind]!;
    const spec = structuredClone(o.spec ?? {});
    const notes: string[] = [];
    for (const k of ["awsName", "meshRef", "namespaceSelector", "virtualGatewayRef"]) delete spec[k];
    for (const k of ["podSelector", "gatewayRouteSelector", "backendGroups"]) {
      if (spec[k] !== undefined) notes.push(`${k} left out: it selects objects inside the cluster`);
      delete spec[k];
    }
    const mesh = meshOf(o, where);
    const convert = (value: unknown, k: Kind, at: string) => {
      try {
        return toApiShape(value, SPEC_SHAPE[k], at) as Record<string, unknown>;
      } catch (e) {
        if (e instanceof ConvertError) throw new ImportError(e.message);
        throw e;
      }
    };
    if (kind === "mesh") {
      delete spec.meshOwner;
      out.push({ kind, mesh, name: mesh, spec: convert(spec, kind, `${where}, spec`), source: where, notes });
      continue;
    }
    if (kind === "virtualNode") {
      for (const [i, b] of (Array.isArray(spec.backends) ? spec.backends : []).entries()) {
        if (isObject(b) && isObject(b.virtualService))
          b.virtualService.virtualServiceName = refName(b.virtualService, "VirtualService", o, `${where}, spec.backends[${i}]`, notes);
      }
    }
    if (kind === "virtualService" && isObject(spec.provider)) {
      const p = spec.provider;
      if (isObject(p.virtualNode))
        p.virtualNode.virtualNodeName = refName(p.virtualNode, "VirtualNode", o, `${where}, spec.provider.virtualNode`, notes);
      if (isObject(p.virtualRouter))
        p.virtualRouter.virtualRouterName = refName(p.virtualRouter, "VirtualRouter", o, `${where}, spec.provider.virtualRouter`, notes);
    }
    let parent: string | undefined;
    if (kind === "gatewayRoute") {
      parent = gatewayOf(o, spec, where);
      for (const r of ["httpRoute", "http2Route", "grpcRoute"]) {
        const target = (spec[r] as { action?: { target?: { virtualService?: Record<string, unknown> } } } | undefined)?.action?.target
          ?.virtualService;
        if (isObject(target))
          target.virtualServiceName = refName(target, "VirtualService", o, `${where}, spec.${r}.action.target.virtualService`, notes);
      }
    }
    const routes = kind === "virtualRouter" ? spec.routes : undefined;
    delete spec.routes;
    out.push({ kind, mesh, name: awsName(o), parent, spec: convert(spec, kind, `${where}, spec`), source: where, notes });
    for (const [i, route] of (Array.isArray(routes) ? routes : []).entries()) {
      if (!isObject(route) || typeof route.name !== "string") throw new ImportError(`${where}, spec.routes[${i}]: a route needs a name`);
      const { name, ...rest } = route;
      const routeNotes: string[] = [];
      for (const r of ["httpRoute", "http2Route", "grpcRoute", "tcpRoute"]) {
        const targets = (rest[r] as { action?: { weightedTargets?: unknown[] } } | undefined)?.action?.weightedTargets;
        for (const [j, t] of (targets ?? []).entries()) {
          if (isObject(t))
            t.virtualNode = refName(t, "VirtualNode", o, `${where}, spec.routes[${i}].${r}.action.weightedTargets[${j}]`, routeNotes);
        }
      }
      out.push({
        kind: "route",
        mesh,
        name,
        parent: awsName(o),
        spec: convert(rest, "route", `${where}, spec.routes[${i}]`),
        source: `${where} route ${name}`,
        notes: routeNotes,
      });
    }
  }
  return out;

  function gatewayOf(o: K8sObject, spec: Record<string, unknown>, where: string): string {
    const ref = o.spec?.virtualGatewayRef;
    const gateways = objects.filter(({ o: g }) => g.kind === "VirtualGateway").map(({ o: g }) => g);
    if (isObject(ref) && typeof ref.name === "string") {
      const g = find("VirtualGateway", ref.name, typeof ref.namespace === "string" ? ref.namespace : ns(o));
      return g ? awsName(g) : `${ref.name}_${typeof ref.namespace === "string" ? ref.namespace : ns(o)}`;
    }
    void spec;
    const labels = namespaceLabels.get(ns(o));
    const selecting = gateways.filter(
      (g) =>
        (labels ? selects(g.spec?.namespaceSelector, labels) : true) &&
        selects(g.spec?.gatewayRouteSelector ?? {}, o.metadata.labels ?? {}),
    );
    if (selecting.length === 1) return awsName(selecting[0]!);
    throw new ImportError(
      `${where}: no single VirtualGateway selects this GatewayRoute (${selecting.length} do); set spec.virtualGatewayRef`,
    );
  }
}

/** A Kubernetes label selector (`matchLabels` only; `matchExpressions` `In` / `Exists` too). */
function selects(selector: unknown, labels: Record<string, string>): boolean {
  if (!isObject(selector)) return false;
  const ml = isObject(selector.matchLabels) ? selector.matchLabels : {};
  if (!Object.entries(ml).every(([k, v]) => labels[k] === v)) return false;
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return exprs.every((e: { key: string; operator: string; values?: string[] }) => {
    const has = e.key in labels;
    if (e.operator === "Exists") return has;
    if (e.operator === "DoesNotExist") return !has;
    if (e.operator === "In") return has && (e.values ?? []).includes(labels[e.key]!);
    if (e.operator === "NotIn") return !has || !(e.values ?? []).includes(labels[e.key]!);
    return false;
  });
}
