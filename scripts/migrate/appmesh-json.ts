import { ConvertError, isObject, SPEC_SHAPE, toApiShape } from "./model";
import { ImportError, type Kind, type Resource } from "./resources";

/** Name keys of each kind, as the API's create-* inputs and describe-* outputs carry them. */
const NAME_KEYS: { kind: Kind; name: string; parent?: string }[] = [
  { kind: "route", name: "routeName", parent: "virtualRouterName" },
  { kind: "gatewayRoute", name: "gatewayRouteName", parent: "virtualGatewayName" },
  { kind: "virtualNode", name: "virtualNodeName" },
  { kind: "virtualRouter", name: "virtualRouterName" },
  { kind: "virtualService", name: "virtualServiceName" },
  { kind: "virtualGateway", name: "virtualGatewayName" },
  { kind: "mesh", name: "meshName" },
];

/** The wrapper key of each describe-* / create-* output (`{"virtualNode": {...}}`). */
const WRAPPERS = new Set(["mesh", "virtualNode", "virtualRouter", "route", "virtualService", "virtualGateway", "gatewayRoute"]);

/** Read-only or per-call fields that App Mesh answers or the CLI accepts, never part of what is created. */
const IGNORED = new Set(["metadata", "status", "clientToken", "meshOwner"]);

/** Is this App Mesh JSON (a describe-* output, a CLI input file, or a list of them)? */
export function isAppMeshJson(value: unknown): boolean {
  const first = Array.isArray(value) ? value[0] : value;
  if (!isObject(first)) return false;
  const keys = Object.keys(first);
  return (keys.length === 1 && WRAPPERS.has(keys[0]!)) || typeof first.meshName === "string";
}

/**
 * `describe-*` outputs (`{"virtualNode": {"meshName", "virtualNodeName", "spec", "metadata", ...}}`),
 * CLI `--cli-input-json` files (`{"meshName", "virtualNodeName", "spec", "tags"}`), and lists
 * of either (what `npm run export -- --format json` writes). The kind comes from the name keys.
 */
export function fromAppMeshJson(value: unknown, file: string): Resource[] {
  const items = Array.isArray(value) ? value : [value];
  return items.map((item, i) => {
    const where = Array.isArray(value) ? `${file}[${i}]` : file;
    let body = item;
    if (isObject(item) && Object.keys(item).length === 1 && WRAPPERS.has(Object.keys(item)[0]!)) body = Object.values(item)[0];
    if (!isObject(body) || typeof body.meshName !== "string") throw new ImportError(`${where}: not an App Mesh resource (no meshName)`);
    const keys = NAME_KEYS.find((k) => typeof body[k.name] === "string" && (!k.parent || typeof body[k.parent] === "string"))!;
    const allowed = new Set(["meshName", "spec", "tags", keys.name, ...(keys.parent ? [keys.parent] : []), ...IGNORED]);
    for (const k of Object.keys(body))
      if (!allowed.has(k)) throw new ImportError(`${where}: ${k}: not a field of a ${keys.kind} (expected ${[...allowed].join(", ")})`);
    const notes = body.meshOwner !== undefined ? ["meshOwner ignored: one account per deployment"] : [];
    try {
      return {
        kind: keys.kind,
        mesh: body.meshName,
        name: body[keys.name] as string,
        parent: keys.parent ? (body[keys.parent] as string) : undefined,
        spec: toApiShape(body.spec ?? {}, SPEC_SHAPE[keys.kind], `${where}: spec`) as Record<string, unknown>,
        tags: body.tags === undefined ? undefined : (toApiShape(body.tags, "TagList", `${where}: tags`) as Resource["tags"]),
        source: `${where}: ${keys.kind} ${body[keys.name] as string}`,
        notes,
      };
    } catch (e) {
      if (e instanceof ConvertError) throw new ImportError(e.message);
      throw e;
    }
  });
}
