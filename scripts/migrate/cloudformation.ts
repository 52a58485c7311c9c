import { type CfnScope, evaluate, NO_VALUE } from "./cfn-intrinsics";
import { ConvertError, isObject, SPEC_SHAPE, toApiShape } from "./model";
import { ImportError, type Kind, type Resource } from "./resources";

export interface CfnOptions {
  /** `--param Key=Value`: template parameters, pseudo parameters (`AWS::Region`), or values for
   * resources the import does not create (`LogicalId` for Ref, `LogicalId.Attribute` for GetAtt). */
  params: Record<string, string>;
  /** `--import Name=Value`: values of Fn::ImportValue. */
  imports: Record<string, string>;
}

/** Each AppMesh resource type: its kind, its name property, its parent's name property. */
const TYPES: Record<string, { kind: Kind; name: string; parent?: string | undefined; arn: (m: string, p: string, n: string) => string }> = {
  "AWS::AppMesh::Mesh": { kind: "mesh", name: "MeshName", arn: (m) => `mesh/${m}` },
  "AWS::AppMesh::VirtualNode": { kind: "virtualNode", name: "VirtualNodeName", arn: (m, _, n) => `mesh/${m}/virtualNode/${n}` },
  "AWS::AppMesh::VirtualRouter": { kind: "virtualRouter", name: "VirtualRouterName", arn: (m, _, n) => `mesh/${m}/virtualRouter/${n}` },
  "AWS::AppMesh::Route": {
    kind: "route",
    name: "RouteName",
    parent: "VirtualRouterName",
    arn: (m, p, n) => `mesh/${m}/virtualRouter/${p}/route/${n}`,
  },
  "AWS::AppMesh::VirtualService": { kind: "virtualService", name: "VirtualServiceName", arn: (m, _, n) => `mesh/${m}/virtualService/${n}` },
  "AWS::AppMesh::VirtualGateway": { kind: "virtualGateway", name: "VirtualGatewayName", arn: (m, _, n) => `mesh/${m}/virtualGateway/${n}` },
  "AWS::AppMesh::GatewayRoute": {
    kind: "gatewayRoute",
    name: "GatewayRouteName",
    parent: "VirtualGatewayName",
    arn: (m, p, n) => `mesh/${m}/virtualGateway/${p}/gatewayRoute/${n}`,
  },
};

interface Names {
  mesh: string;
  name: string;
  parent?: string | undefined;
  arn: string;
  defaulted: boolean;
}

/**
 * Converts every `AWS::AppMesh::*` resource of a CloudFormation template (already parsed) to
 * API resources, evaluating parameters, conditions, mappings and intrinsic functions. Other
 * resources are skipped unless an AppMesh resource needs a value from them, which is an error
 * naming file, resource and property (give it with `--param`).
 */
export function fromCloudFormation(template: unknown, file: string, opts: CfnOptions): Resource[] {
  if (!isObject(template) || !isObject(template.Resources)) throw new ImportError(`${file}: not a CloudFormation template (no Resources)`);
  if (template.Transform !== undefined)
    throw new ImportError(
      `${file}: Transform ${JSON.stringify(template.Transform)} is not supported by the import; deploy-time macros need CloudFormation`,
    );
  const resources = template.Resources as Record<string, unknown>;
  const parameters = isObject(template.Parameters) ? template.Parameters : {};
  const conditions = isObject(template.Conditions) ? template.Conditions : {};
  const mappings = isObject(template.Mappings) ? template.Mappings : {};
  const region = opts.params["AWS::Region"] ?? "us-east-1";
  const account = opts.params["AWS::AccountId"] ?? "000000000000";
  const pseudo: Record<string, string> = {
    "AWS::Region": region,
    "AWS::AccountId": account,
    "AWS::Partition": "aws",
    "AWS::URLSuffix": "amazonaws.com",
    "AWS::StackName": opts.params["AWS::StackName"] ?? "meshedge-import",
    "AWS::NotificationARNs": "",
    "AWS::StackId": `arn:aws:cloudformation:${region}:${account}:stack/meshedge-import/00000000-0000-0000-0000-000000000000`,
  };
  const conditionValues = new Map<string, boolean>();
  const names = new Map<string, Names>();
  const inProgress: string[] = [];

  const guard = <T>(key: string, where: string, f: () => T): T => {
    if (inProgress.includes(key))
      throw new ImportError(`${where}: circular reference ${[...inProgress.slice(inProgress.indexOf(key)), key].join(" -> ")}`);
    inProgress.push(key);
    try {
      return f();
    } finally {
      inProgress.pop();
    }
  };

  const scope: CfnScope = {
    region,
    ref(name, where) {
      if (name in opts.params) return opts.params[name];
      if (name in pseudo) return pseudo[name];
      if (isObject(parameters[name])) {
        const p = parameters[name] as Record<string, unknown>;
        if (p.Default === undefined) throw new ImportError(`${where}: parameter ${name} has no value: give it with --param ${name}=VALUE`);
        return String(p.Type ?? "").includes("List") ? String(p.Default).split(",") : p.Default;
      }
      const res = resources[name];
      if (isObject(res)) {
        if (typeof res.Type === "string" && TYPES[res.Type]) return namesOf(name, where).arn;
        throw new ImportError(
          `${where}: Ref ${name} is a ${String(res.Type)}, which the import does not create: give its value with --param ${name}=VALUE`,
        );
      }
      throw new ImportError(`${where}: Ref ${name} refers to nothing (no such parameter or resource)`);
    },
    getAtt(id, attr, where) {
      const given = opts.params[`${id}.${attr}`];
      if (given !== undefined) return given;
      const res = resources[id];
      if (!isObject(res)) throw new ImportError(`${where}: Fn::GetAtt ${id}.${attr} refers to nothing (no resource ${id})`);
      const type = typeof res.Type === "string" ? TYPES[res.Type] : undefined;
      if (!type)
        throw new ImportError(
          `${where}: Fn::GetAtt ${id}.${attr}: ${id} is a ${String(res.Type)}, which the import does not create: give the value with --param ${id}.${attr}=VALUE`,
        );
      const n = namesOf(id, where);
      const attrs: Record<string, string> = {
        Arn: n.arn,
        MeshName: n.mesh,
        MeshOwner: account,
        ResourceOwner: account,
        [type.name]: n.name,
      };
      if (type.parent) attrs[type.parent] = n.parent!;
      const v = attrs[attr];
      if (v === undefined)
        throw new ImportError(
          `${where}: Fn::GetAtt ${id}.${attr}: ${attr === "Uid" ? "Uid is only known after creation" : `${res.Type} has no attribute ${attr}`}`,
        );
      return v;
    },
    condition(name, where) {
      const known = conditionValues.get(name);
      if (known !== undefined) return known;
      if (!(name in conditions)) throw new ImportError(`${where}: condition ${name} refers to nothing (no such entry in Conditions)`);
      const v = guard(`Conditions.${name}`, where, () => evaluate(conditions[name], scope, `${file}: condition ${name}`));
      if (typeof v !== "boolean") throw new ImportError(`${file}: condition ${name} is not a condition function`);
      conditionValues.set(name, v);
      return v;
    },
    findInMap(map, top, second, where) {
      const m = mappings[map];
      const v = isObject(m) && isObject(m[top]) ? (m[top] as Record<string, unknown>)[second] : undefined;
      if (v === undefined) throw new ImportError(`${where}: Fn::FindInMap ${map}.${top}.${second} refers to nothing`);
      return v;
    },
    importValue(name, where) {
      if (name in opts.imports) return opts.imports[name];
      throw new ImportError(`${where}: Fn::ImportValue ${name} has no value: give it with --import ${name}=VALUE`);
    },
  };

  const props = (id: string) => {
    const p = (resources[id] as Record<string, unknown>).Properties;
    return isObject(p) ? p : {};
  };
  const prop = (id: string, key: string, where: string): string | undefined => {
    const raw = props(id)[key];
    if (raw === undefined) return undefined;
    const v = evaluate(raw, scope, `${where}`);
    if (v === NO_VALUE) return undefined;
    if (typeof v !== "string" || v === "") throw new ImportError(`${where}: must be a name, got ${JSON.stringify(v)}`);
    return v;
  };

  function namesOf(id: string, where: string): Names {
    const done = names.get(id);
    if (done) return done;
    const res = resources[id] as Record<string, unknown>;
    const type = TYPES[res.Type as string]!;
    return guard(id, where, () => {
      const at = (k: string) => `${file}: resource ${id}, property ${k}`;
      const own = prop(id, type.name, at(type.name));
      const mesh = type.kind === "mesh" ? (own ?? id) : prop(id, "MeshName", at("MeshName"));
      if (!mesh) throw new ImportError(`${at("MeshName")}: required`);
      const parent = type.parent ? prop(id, type.parent, at(type.parent)) : undefined;
      if (type.parent && !parent) throw new ImportError(`${at(type.parent)}: required`);
      if (type.kind === "virtualService" && !own) throw new ImportError(`${at(type.name)}: required`);
      const name = own ?? id;
      const n: Names = {
        mesh,
        name,
        parent,
        defaulted: !own,
        arn: `arn:aws:appmesh:${region}:${account}:${type.arn(mesh, parent ?? "", name)}`,
      };
      names.set(id, n);
      return n;
    });
  }

  // Static check first: a DependsOn / Ref / GetAtt cycle is an error even where values resolve.
  checkCycles(resources, file);

  const out: Resource[] = [];
  for (const [id, res] of Object.entries(resources)) {
    if (!isObject(res) || typeof res.Type !== "string" || !res.Type.startsWith("AWS::AppMesh::")) continue;
    const type = TYPES[res.Type];
    if (!type) throw new ImportError(`${file}: resource ${id}: unknown resource type ${res.Type}`);
    if (typeof res.Condition === "string" && !scope.condition(res.Condition, `${file}: resource ${id}, Condition`)) continue;
    const allowed = new Set(["MeshName", "MeshOwner", "Spec", "Tags", type.name, ...(type.parent ? [type.parent] : [])]);
    for (const k of Object.keys(props(id))) {
      if (!allowed.has(k))
        throw new ImportError(
          `${file}: resource ${id}, property ${k}: ${res.Type} has no such property (expected ${[...allowed].join(", ")})`,
        );
    }
    const n = namesOf(id, `${file}: resource ${id}`);
    const notes: string[] = [];
    if (n.defaulted) notes.push(`no ${type.name}: named after its logical id ${id} (CloudFormation would generate a name)`);
    if (props(id).MeshOwner !== undefined) notes.push("MeshOwner ignored: one account per deployment");
    const at = (k: string) => `${file}: resource ${id}, property ${k}`;
    const rawSpec = props(id).Spec === undefined ? {} : evaluate(props(id).Spec, scope, at("Spec"));
    const rawTags = props(id).Tags === undefined ? undefined : evaluate(props(id).Tags, scope, at("Tags"));
    try {
      const spec = toApiShape(rawSpec, SPEC_SHAPE[type.kind], at("Spec")) as Record<string, unknown>;
      const tags = rawTags === undefined ? undefined : (toApiShape(rawTags, "TagList", at("Tags")) as Resource["tags"]);
      out.push({ kind: type.kind, mesh: n.mesh, name: n.name, parent: n.parent, spec, tags, source: `${file}: ${id}`, notes });
    } catch (e) {
      if (e instanceof ConvertError) throw new ImportError(e.message);
      throw e;
    }
  }
  return out;
}

/** Logical ids that `node` refers to (Ref, GetAtt, Sub's `${X}`), for the cycle check. */
function refsIn(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) for (const n of node) refsIn(n, into);
  else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === "Ref" && typeof v === "string") into.add(v);
      else if (k === "Fn::GetAtt") into.add(typeof v === "string" ? v.split(".")[0]! : String((v as unknown[])[0]));
      else if (k === "Fn::Sub") {
        const text = typeof v === "string" ? v : Array.isArray(v) ? String(v[0]) : "";
        for (const m of text.matchAll(/\$\{([^!}][^}.]*)/g)) into.add(m[1]!.trim());
        if (Array.isArray(v)) refsIn(v[1], into);
      } else refsIn(v, into);
    }
  }
}

function checkCycles(resources: Record<string, unknown>, file: string): void {
  const deps = new Map<string, string[]>();
  for (const [id, res] of Object.entries(resources)) {
    const into = new Set<string>();
    if (isObject(res)) {
      refsIn(res.Properties, into);
      const dependsOn = typeof res.DependsOn === "string" ? [res.DependsOn] : Array.isArray(res.DependsOn) ? res.DependsOn.map(String) : [];
      for (const d of dependsOn) {
        if (!(d in resources)) throw new ImportError(`${file}: resource ${id}, DependsOn: ${d} refers to nothing`);
        into.add(d);
      }
    }
    deps.set(
      id,
      [...into].filter((d) => d in resources),
    );
  }
  const state = new Map<string, "visiting" | "done">();
  const visit = (id: string, path: string[]) => {
    if (state.get(id) === "done") return;
    if (state.get(id) === "visiting") {
      throw new ImportError(`${file}: resource ${id}: circular dependency ${[...path.slice(path.indexOf(id)), id].join(" -> ")}`);
    }
    state.set(id, "visiting");
    for (const d of deps.get(id) ?? []) visit(d, [...path, id]);
    state.set(id, "done");
  };
  for (const id of deps.keys()) visit(id, []);
}
