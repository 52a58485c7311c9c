import { compileUserRegex } from "../routing/regex";
import { AppMeshError } from "./errors";
import { GATEWAY_ROUTE_PROTOCOLS, ROUTE_PROTOCOLS, type ResourceKind } from "./resource-kinds";

type Obj = Record<string, unknown>;

const bad = (msg: string): never => { throw new AppMeshError("BadRequestException", msg); };
const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null;

/** Exactly one of `keys` set on `spec` (App Mesh's rule for route kinds). */
function exactlyOneOf(spec: Obj, keys: readonly string[], where: string): string {
  const set = keys.filter((k) => spec[k] !== undefined);
  if (set.length !== 1) bad(`${where}: must set exactly one of: ${keys.join(", ")}`);
  return set[0]!;
}

/** Every user regex must compile on RE2 within the routing engine's bounds. */
function checkRegexes(x: unknown, path: string): void {
  if (Array.isArray(x)) {
    x.forEach((v, i) => checkRegexes(v, `${path}[${i}]`));
  } else if (isObj(x)) {
    for (const [k, v] of Object.entries(x)) {
      const p = `${path}.${k}`;
      if (k === "regex" && typeof v === "string") {
        const re = compileUserRegex(v);
        if (typeof re === "string") bad(`${p}: ${re}`);
      } else checkRegexes(v, p);
    }
  }
}

/**
 * Rules of the App Mesh service that the model's shapes do not express: a route (gateway
 * route) is exactly one of its protocol kinds, an HTTP match has a prefix or a path, and
 * every regex is valid RE2. Applied after schema validation, before storage.
 */
export function checkSpecRules(kind: ResourceKind, spec: unknown): void {
  if (!isObj(spec)) return;
  if (kind === "route" || kind === "gatewayRoute") {
    const type = exactlyOneOf(spec, kind === "route" ? ROUTE_PROTOCOLS : GATEWAY_ROUTE_PROTOCOLS, "spec");
    const route = spec[type] as Obj;
    const match = route["match"] as Obj | undefined;
    if ((type === "httpRoute" || type === "http2Route") && match) {
      const hasPath = match["path"] !== undefined;
      const prefix = match["prefix"];
      if (kind === "route" && !hasPath && prefix === undefined) bad(`spec.${type}.match: must set prefix or path`);
      if (typeof prefix === "string" && !prefix.startsWith("/")) bad(`spec.${type}.match.prefix: must start with /`);
    }
    checkRegexes(spec, "spec");
  }
}
