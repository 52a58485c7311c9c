import { gatewayRouteSpecProblem, routeSpecProblem, type GatewayRouteSpec, type RouteSpec } from "../routing";
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

/** Placeholder route name: routing's problems read `${name}: ${field}: ${detail}`. */
const NAME = "spec";

/** Why the routing engine could not compile the spec, as `${field}: ${detail}`, or undefined. */
function routingProblem(kind: "route" | "gatewayRoute", spec: Obj): string | undefined {
  const problem = kind === "route"
    ? routeSpecProblem(NAME, spec as RouteSpec)
    : gatewayRouteSpecProblem(NAME, spec as GatewayRouteSpec);
  return problem?.slice(NAME.length + 2);
}

/**
 * Rules of the App Mesh service that the model's shapes do not express: a route (gateway
 * route) is exactly one of its protocol kinds, an HTTP match has a prefix or a path, and
 * the routing engine can compile it (valid RE2 regexes, no gRPC methodName without
 * serviceName), so no stored route is left out of the snapshot. Applied after schema
 * validation, before storage.
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
    const problem = routingProblem(kind, spec);
    if (problem !== undefined) bad(`spec.${problem}`);
  }
}
