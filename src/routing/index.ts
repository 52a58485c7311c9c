/**
 * meshedge route evaluator: App Mesh route and gateway route matching, pure TypeScript.
 *
 * Contract (the rest of the project relies on it):
 *
 * - Compile (Durable Object, on each routing-relevant write):
 *   `compileRouteTable([{ routeName, spec }])` -> `RouteTableSnapshot` and
 *   `compileGatewayRouteTable([{ gatewayRouteName, spec }])` -> `GatewayRouteTableSnapshot`.
 *   Snapshots are plain JSON (no classes, no RegExp), entries already in evaluation order.
 *   Bad specs throw `RouteCompileError`; `routeSpecProblem` / `gatewayRouteSpecProblem` let the
 *   control plane refuse them up front with a BadRequestException, and `{ skipRefused: true }`
 *   leaves them out of a table instead (stored data written before that check).
 * - Load (edge, once per snapshot version): `loadRouteTable(s)` / `loadGatewayRouteTable(s)`
 *   build re2js matchers and the radix index; keep the loaded table in isolate memory.
 * - Match (per request): first `normalizePath(rawPath)` (null -> answer 400), then
 *   `table.match({ protocol, method, scheme, path, query, headers, port })` ->
 *   `RouteMatch` (prebuilt object: routeName, protocol, targets, index, retryPolicy?, timeout?)
 *   or undefined. Only routes of the request's protocol are candidates. Gateway tables take
 *   `host` too and return the target virtual service with the rewritten `path` and `host`.
 * - Pick a target: `pickWeighted(targets, Math.random())` or sticky `pickByKey(targets, key)`.
 *
 * Matching semantics (App Mesh / Envoy): prefix = plain case-sensitive string prefix; path.exact
 * and path.regex (RE2 via re2js, full match, bounded: `compileUserRegex`) on the normalized path
 * without query; method / scheme / port compared exactly; headers (gRPC metadata too) exact,
 * prefix, suffix, regex, range [start, end) with invert, no `match` = present, a missing header
 * only matches an inverted presence check; a repeated header is the one value `headers.get`
 * returns (fetch joins with ", "); query parameters on the raw query, first occurrence, no
 * decoding. Gateway hostname exact / suffix, case-insensitive, port ignored.
 *
 * Order: priority 0 first, no priority last, then specificity and name (see rank.ts).
 * Semantics and decisions are documented in each file; `createReferenceRouteTable`
 * (reference-evaluator.ts) is the obviously-correct linear evaluator the compiled one is
 * tested against.
 */
export type * from "./spec";
export type * from "./types";
export { RouteCompileError } from "./errors";
export { compileRouteTable, routeSpecProblem } from "./compile-route-table";
export { compileGatewayRouteTable, gatewayRouteSpecProblem } from "./compile-gateway-route-table";
export { loadRouteTable } from "./load-route-table";
export { loadGatewayRouteTable } from "./load-gateway-route-table";
export { normalizePath } from "./normalize-path";
export { hasDotSegment } from "./rewrite-path";
export { hostWithoutPort } from "./loaded-conditions";
export { pickByKey, pickWeighted } from "./weighted-pick";
export { compileUserRegex, MAX_REGEX_LENGTH, MAX_REGEX_PROGRAM_SIZE } from "./regex";
