/**
 * A realistic, seeded route table for the match benchmark: per service ten routes (catch-all
 * and API prefixes, exact health/status paths, a header canary, a method- and a query-gated
 * prefix, a header tier split) and, for the first ten services only, one path regex: "a few
 * regexes" whatever the table size. Requests hit random services; about 5% miss everything.
 */
import type { MatchRequest, RouteSpec } from "../../src/routing";
import { request, type NamedRoute } from "../../src/routing/testing/builders";
import { rng } from "../../src/routing/testing/random-tables";

/** The path-only part of a table: what a plain HTTP router can express. */
export interface PathOnlyRoute {
  kind: "exact" | "prefix";
  path: string;
}

export interface BenchTable {
  routes: NamedRoute[];
  requests: MatchRequest[];
  pathOnly: PathOnlyRoute[];
  pathOnlyRequests: MatchRequest[];
}

const targets = (s: number) => ({
  weightedTargets: [
    { virtualNode: `svc${s}-v1`, weight: 90 },
    { virtualNode: `svc${s}-v2`, weight: 10 },
  ],
});

function serviceRoutes(s: number): RouteSpec["httpRoute"][] {
  const p = `/svc${s}`;
  const action = targets(s);
  return [
    { match: { prefix: `${p}/` }, action },
    { match: { prefix: `${p}/api/` }, action },
    { match: { prefix: `${p}/api/`, headers: [{ name: "x-canary", match: { exact: "true" } }] }, action },
    { match: { path: { exact: `${p}/health` } }, action },
    { match: { path: { exact: `${p}/api/v1/status` } }, action },
    { match: { path: { exact: `${p}/api/v2/status` } }, action },
    { match: { prefix: `${p}/static/`, method: "GET" }, action },
    { match: { prefix: `${p}/api/v2/`, headers: [{ name: "x-user-tier", match: { prefix: "gold" } }] }, action },
    { match: { prefix: `${p}/admin/`, queryParameters: [{ name: "debug" }] }, action },
    s < 10 ? { match: { path: { regex: `${p}/items/[0-9]+` } }, action } : { match: { path: { exact: `${p}/items` } }, action },
  ];
}

export function buildTable(size: number, seed = 42): BenchTable {
  const r = rng(seed);
  const services = Math.ceil(size / 10);
  const routes: NamedRoute[] = [];
  for (let s = 0; s < services; s++) {
    for (const [i, httpRoute] of serviceRoutes(s).entries()) {
      if (routes.length < size) routes.push({ routeName: `svc${s}-r${i}`, spec: { httpRoute: httpRoute! } });
    }
  }
  const pathOnly: PathOnlyRoute[] = [];
  const seen = new Set<string>();
  for (const { spec } of routes) {
    const m = spec.httpRoute!.match;
    const route: PathOnlyRoute | undefined =
      m.prefix !== undefined
        ? { kind: "prefix", path: m.prefix }
        : m.path?.exact !== undefined
          ? { kind: "exact", path: m.path.exact }
          : undefined;
    if (route !== undefined && !seen.has(route.path)) {
      seen.add(route.path);
      pathOnly.push(route);
    }
  }
  const requests: MatchRequest[] = [];
  const pathOnlyRequests: MatchRequest[] = [];
  for (let i = 0; i < 1000; i++) {
    const s = Math.floor(r() * services);
    const p = `/svc${s}`;
    const k = Math.floor(r() * 20);
    const pick = [
      () => request(`${p}/api/v1/users/${i}`),
      () => request(`${p}/api/v1/users/${i}`, { headers: [["x-canary", "true"]] }),
      () => request(`${p}/health`),
      () => request(`${p}/api/v1/status`),
      () => request(`${p}/api/v2/orders/${i}`, { headers: [["x-user-tier", "gold-plus"]] }),
      () => request(`${p}/api/v2/orders/${i}`),
      () => request(`${p}/static/js/app.${i}.js`),
      () => request(`${p}/items/${i}`),
      () => request(`${p}/admin/stats`, { query: "debug=1" }),
      () => request(`${p}/`),
      () => request(`/unknown/${i}/x`),
    ];
    const make = k < 19 ? pick[k % 10]! : pick[10]!;
    requests.push(make());
    pathOnlyRequests.push(make());
  }
  return { routes, requests, pathOnly, pathOnlyRequests };
}
