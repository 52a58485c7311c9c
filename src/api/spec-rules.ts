import { gatewayRouteSpecProblem, routeSpecProblem, type GatewayRouteSpec, type RouteSpec } from "../routing";
import { AppMeshError } from "../shared/errors";
import { GATEWAY_ROUTE_PROTOCOLS, ROUTE_PROTOCOLS, type ResourceKind } from "../shared/resource-kinds";

type Obj = Record<string, unknown>;

const bad = (msg: string): never => {
  throw new AppMeshError("BadRequestException", msg);
};
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
  const problem = kind === "route" ? routeSpecProblem(NAME, spec as RouteSpec) : gatewayRouteSpecProblem(NAME, spec as GatewayRouteSpec);
  return problem?.slice(NAME.length + 2);
}

/**
 * The HTTP retry events App Mesh documents (user guide, "Routes"; API reference,
 * HttpRetryPolicy). The model types the event as a free string (tcp and gRPC events are
 * enums), so a misspelling such as `server_error` would be stored and retry nothing:
 * meshedge refuses anything else (our rule, stricter than the model).
 */
export const HTTP_RETRY_EVENTS = ["server-error", "gateway-error", "client-error", "stream-error"] as const;

/** Every `retryPolicy.httpRetryEvents` entry of a route is one of {@link HTTP_RETRY_EVENTS}. */
function checkHttpRetryEvents(spec: Obj): void {
  for (const type of ROUTE_PROTOCOLS) {
    const policy = (spec[type] as Obj | undefined)?.["retryPolicy"] as Obj | undefined;
    const events = policy?.["httpRetryEvents"];
    if (!Array.isArray(events)) continue;
    events.forEach((ev: unknown, i) => {
      if (!(HTTP_RETRY_EVENTS as readonly unknown[]).includes(ev)) {
        bad(`spec.${type}.retryPolicy.httpRetryEvents[${i}]: must be one of ${HTTP_RETRY_EVENTS.join(", ")} (got ${JSON.stringify(ev)})`);
      }
    });
  }
}

/**
 * Rules of the App Mesh service that the model's shapes do not express: a route (gateway
 * route) is exactly one of its protocol kinds, an HTTP prefix starts with `/`, HTTP retry
 * events are the documented ones, and the routing engine can compile it (valid RE2 regexes,
 * no gRPC methodName without serviceName), so no stored route is left out of the snapshot.
 * Applied after schema validation and App Mesh's fill-ins (spec-defaults.ts: a match
 * without prefix or path gets `prefix: "/"`), before storage.
 */
export function checkSpecRules(kind: ResourceKind, spec: unknown): void {
  if (!isObj(spec)) return;
  if (kind === "route" || kind === "gatewayRoute") {
    const type = exactlyOneOf(spec, kind === "route" ? ROUTE_PROTOCOLS : GATEWAY_ROUTE_PROTOCOLS, "spec");
    const route = spec[type] as Obj;
    const match = route["match"] as Obj | undefined;
    if ((type === "httpRoute" || type === "http2Route") && match) {
      const prefix = match["prefix"];
      if (typeof prefix === "string" && !prefix.startsWith("/")) bad(`spec.${type}.match.prefix: must start with /`);
    }
    if (kind === "route") checkHttpRetryEvents(spec);
    const problem = routingProblem(kind, spec);
    if (problem !== undefined) bad(`spec.${problem}`);
  }
}
