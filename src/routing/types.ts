/**
 * The public types of the route evaluator: requests, results, the two table interfaces and the
 * plain, JSON-serializable snapshot the Durable Object compiles and the edge loads.
 */
import type { RetryPolicy, RouteTimeout, WeightedTarget } from "./spec";

/** Which route kind a request is matched against (httpRoute, http2Route, grpcRoute, tcpRoute). */
export type RouteProtocol = "http" | "http2" | "grpc" | "tcp";

/** Anything with a case-insensitive `get`, e.g. a fetch `Headers`. */
export interface HeaderLookup {
  get(name: string): string | null;
}

/** What the evaluator needs to know about a request. */
export interface MatchRequest {
  readonly protocol: RouteProtocol;
  /** Upper-case HTTP method, e.g. "GET". */
  readonly method: string;
  readonly scheme: "http" | "https";
  /** The normalized path (see `normalizePath`), without the query string. */
  readonly path: string;
  /** The raw query string without the leading "?" ("" when none). */
  readonly query: string;
  /**
   * Request headers (gRPC metadata too). A header sent several times is matched as the single
   * value `get` returns; fetch's `Headers` joins repeats with ", ".
   */
  readonly headers: HeaderLookup;
  /** The listener port the request arrived on. */
  readonly port: number;
}

/** A gateway request additionally carries its Host (port, if any, is ignored by the match). */
export interface GatewayMatchRequest extends MatchRequest {
  readonly host: string;
}

/** The winning route of a virtual router. Objects are prebuilt per route: do not mutate. */
export interface RouteMatch {
  readonly routeName: string;
  /** The route kind that matched. */
  readonly protocol: RouteProtocol;
  /** Weighted targets as in the spec; feed them to `pickWeighted` / `pickByKey`. */
  readonly targets: readonly WeightedTarget[];
  /** Position of the route in the table's evaluation order (stable per snapshot): per-route state. */
  readonly index: number;
  /**
   * The route's `retryPolicy` as written (absent = App Mesh default policy applies). The edge
   * proxy does not read this or `timeout`: it takes the compiled per-route policy from
   * `SnapshotRouter.routes` (src/snapshot) by `routeName`.
   */
  readonly retryPolicy?: RetryPolicy;
  /** The route's `timeout` as written (absent = App Mesh defaults). */
  readonly timeout?: RouteTimeout;
}

/** Options of `compileRouteTable` / `compileGatewayRouteTable`. */
export interface CompileTableOptions {
  /**
   * Leave out the entries the evaluator refuses instead of throwing `RouteCompileError`, so that
   * one bad stored spec (written before the control plane checked them) does not fail the table.
   */
  readonly skipRefused?: boolean;
}

/** A route table ready for matching. */
export interface RouteTable {
  /** Number of routes in the table. */
  readonly size: number;
  /** The highest-ranked route whose every condition holds, or undefined. */
  match(req: MatchRequest): RouteMatch | undefined;
}

/** The winning gateway route, with the rewritten path and Host to send upstream. */
export interface GatewayRouteMatch {
  readonly gatewayRouteName: string;
  readonly protocol: RouteProtocol;
  readonly virtualServiceName: string;
  /** `action.target.port`: the virtual service provider's listener port, when given. */
  readonly port?: number;
  /** Position of the gateway route in evaluation order. */
  readonly index: number;
  /** The path to forward (after prefix / exact rewrites). */
  readonly path: string;
  /** The Host to forward (the target service name unless hostname rewrite is DISABLED). */
  readonly host: string;
}

/** A gateway route table ready for matching. */
export interface GatewayRouteTable {
  readonly size: number;
  match(req: GatewayMatchRequest): GatewayRouteMatch | undefined;
}

/** A header (or gRPC metadata) condition; `kind: "present"` when the spec has no `match`. */
export interface HeaderCondition {
  /** Lower-cased header name. */
  readonly name: string;
  readonly invert: boolean;
  readonly kind: "present" | "exact" | "prefix" | "suffix" | "regex" | "range";
  /** The string operand (empty for present / range). */
  readonly value: string;
  readonly start?: number;
  readonly end?: number;
}

/** A query parameter condition: `value` absent = the parameter must be present. */
export interface QueryCondition {
  readonly name: string;
  readonly value?: string;
}

/** How a route constrains the path. gRPC service/method are mapped to exact / prefix here. */
export interface PathCondition {
  readonly kind: "exact" | "prefix" | "regex" | "any";
  readonly value: string;
}

/** The conditions shared by routes and gateway routes, in snapshot form. */
export interface MatchConditions {
  readonly name: string;
  readonly protocol: RouteProtocol;
  /** `priority` from the spec; absent = after every prioritized route. */
  readonly priority?: number;
  readonly path: PathCondition;
  readonly method?: string;
  readonly scheme?: string;
  readonly port?: number;
  /** Gateway routes only; the value is lower-cased. */
  readonly hostname?: { readonly kind: "exact" | "suffix"; readonly value: string };
  readonly headers: readonly HeaderCondition[];
  readonly query: readonly QueryCondition[];
}

/** One compiled route. */
export interface RouteEntrySnapshot extends MatchConditions {
  readonly targets: readonly WeightedTarget[];
  readonly retryPolicy?: RetryPolicy;
  readonly timeout?: RouteTimeout;
}

/** Path and Host rewrite of a gateway route, resolved at compile time. */
export interface GatewayRewrite {
  /** Prefix routes: replace the matched prefix with this (absent = keep the path). */
  readonly prefix?: string;
  /** Replace the whole path with this (`rewrite.path.exact`). */
  readonly exactPath?: string;
  /** Host to send; absent = keep the request's Host (defaultTargetHostname DISABLED). */
  readonly host?: string;
}

/** One compiled gateway route. */
export interface GatewayRouteEntrySnapshot extends MatchConditions {
  readonly virtualServiceName: string;
  readonly targetPort?: number;
  readonly rewrite: GatewayRewrite;
}

/** A compiled route table: entries already in evaluation order. Plain JSON. */
export interface RouteTableSnapshot {
  readonly format: 1;
  readonly entries: readonly RouteEntrySnapshot[];
}

/** A compiled gateway route table: entries already in evaluation order. Plain JSON. */
export interface GatewayRouteTableSnapshot {
  readonly format: 1;
  readonly entries: readonly GatewayRouteEntrySnapshot[];
}
