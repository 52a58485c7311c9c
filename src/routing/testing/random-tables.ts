/**
 * Seeded generators of route tables and requests for the randomized comparison. Values come
 * from small vocabularies so that routes overlap and most requests have several candidates.
 */
import type { GatewayRouteSpec, HttpRouteHeader, RouteSpec } from "../spec";
import type { GatewayMatchRequest, RouteProtocol } from "../types";
import { gatewayRequest, type NamedGatewayRoute, type NamedRoute } from "./builders";

/** mulberry32: a tiny, good-enough seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const maybe = (r: Rand, p: number) => r() < p;

const SEGMENTS = ["a", "b", "ab", "api", "v1", "pkg.Svc", "Get"];
const PREFIXES = ["/", "/a", "/a/", "/ab", "/api", "/api/", "/api/v1", "/b/a", "/pkg.Svc/"];
const REGEXES = ["/a.*", "/api/v[0-9]+", ".*b", "/(a|b)/.*", "/pkg\\.Svc/.*", "/ab?/.*", "/a|/b/a", "/api/v1+", "^/b.*", "(?i)/A/.*"];
const HEADER_NAMES = ["x-a", "x-b"];
const HEADER_VALUES = ["1", "2", "10", "abc", "a"];
const METHODS = ["GET", "POST"];
const PROTOCOLS: RouteProtocol[] = ["http", "http2", "grpc", "tcp"];

export function randomPath(r: Rand): string {
  const n = Math.floor(r() * 4);
  let p = "";
  for (let i = 0; i < n; i++) p += `/${pick(r, SEGMENTS)}`;
  return maybe(r, 0.2) ? `${p}/` : p || "/";
}

function randomHeader(r: Rand): HttpRouteHeader {
  const name = pick(r, HEADER_NAMES);
  const invert = maybe(r, 0.25) ? { invert: true } : {};
  const value = pick(r, HEADER_VALUES);
  const k = Math.floor(r() * 7);
  if (k === 0) return { name, ...invert };
  const match = [
    { exact: value },
    { prefix: value },
    { suffix: value },
    { regex: "[0-9]+" },
    { range: { start: 1, end: 10 } },
    { exact: value },
  ][k - 1]!;
  return { name, ...invert, match };
}

function httpMatchParts(r: Rand) {
  const k = Math.floor(r() * 10);
  const path =
    k < 5 ? { prefix: pick(r, PREFIXES) } : k < 8 ? { path: { exact: randomPath(r) } } : k < 9 ? { path: { regex: pick(r, REGEXES) } } : {};
  return {
    ...path,
    ...(maybe(r, 0.2) ? { method: pick(r, METHODS) } : {}),
    ...(maybe(r, 0.1) ? { port: pick(r, [80, 8080]) } : {}),
    ...(maybe(r, 0.3) ? { headers: Array.from({ length: 1 + Math.floor(r() * 2) }, () => randomHeader(r)) } : {}),
    ...(maybe(r, 0.15) ? { queryParameters: [maybe(r, 0.5) ? { name: "q" } : { name: "q", match: { exact: pick(r, ["1", "2"]) } }] } : {}),
  };
}

const priority = (r: Rand) => (maybe(r, 0.5) ? { priority: pick(r, [0, 1, 2, 1000]) } : {});

export function randomRoutes(r: Rand): NamedRoute[] {
  const n = 1 + Math.floor(r() * 12);
  return Array.from({ length: n }, (_, i): NamedRoute => {
    const routeName = `r${Math.floor(r() * 6)}-${i}`;
    const action = { weightedTargets: [{ virtualNode: `${routeName}-n`, weight: 1 }] };
    const protocol = pick(r, PROTOCOLS);
    let spec: RouteSpec;
    if (protocol === "tcp") spec = { tcpRoute: { action, ...(maybe(r, 0.5) ? { match: { port: pick(r, [80, 8080]) } } : {}) } };
    else if (protocol === "grpc") {
      const svc = maybe(r, 0.7)
        ? { serviceName: pick(r, ["pkg.Svc", "a"]), ...(maybe(r, 0.5) ? { methodName: pick(r, ["Get", "b"]) } : {}) }
        : {};
      spec = { grpcRoute: { action, match: { ...svc, ...(maybe(r, 0.3) ? { metadata: [randomHeader(r)] } : {}) } } };
    } else
      spec = {
        [`${protocol}Route`]: { action, match: { ...httpMatchParts(r), ...(maybe(r, 0.1) ? { scheme: pick(r, ["http", "https"]) } : {}) } },
      };
    return { routeName, spec: { ...spec, ...priority(r) } };
  });
}

export function randomGatewayRoutes(r: Rand): NamedGatewayRoute[] {
  const n = 1 + Math.floor(r() * 10);
  return Array.from({ length: n }, (_, i): NamedGatewayRoute => {
    const gatewayRouteName = `g${Math.floor(r() * 6)}-${i}`;
    const target = { virtualService: { virtualServiceName: `${gatewayRouteName}.svc` }, ...(maybe(r, 0.2) ? { port: 8080 } : {}) };
    const hostname = maybe(r, 0.3)
      ? { hostname: maybe(r, 0.5) ? { exact: pick(r, ["a.example.com", "B.example.com"]) } : { suffix: ".example.com" } }
      : {};
    const hostRw = maybe(r, 0.3) ? { hostname: { defaultTargetHostname: pick(r, ["ENABLED", "DISABLED"]) } } : {};
    let spec: GatewayRouteSpec;
    if (maybe(r, 0.2)) {
      spec = {
        grpcRoute: { match: { ...(maybe(r, 0.7) ? { serviceName: "pkg.Svc" } : {}), ...hostname }, action: { target, rewrite: hostRw } },
      };
    } else {
      const pathRw = maybe(r, 0.4)
        ? { prefix: maybe(r, 0.5) ? { defaultPrefix: pick(r, ["ENABLED", "DISABLED"]) } : { value: pick(r, ["/x/", "/y"]) } }
        : maybe(r, 0.1)
          ? { path: { exact: "/fixed" } }
          : {};
      const match = { ...httpMatchParts(r), ...hostname };
      spec = { [maybe(r, 0.5) ? "httpRoute" : "http2Route"]: { match, action: { target, rewrite: { ...hostRw, ...pathRw } } } };
    }
    return { gatewayRouteName, spec: { ...spec, ...priority(r) } };
  });
}

export function randomRequest(r: Rand): GatewayMatchRequest {
  const headers: [string, string][] = [];
  for (const name of HEADER_NAMES) if (maybe(r, 0.5)) headers.push([name, pick(r, HEADER_VALUES)]);
  return gatewayRequest(randomPath(r), pick(r, ["a.example.com", "b.EXAMPLE.com:8443", "other.org"]), {
    protocol: pick(r, PROTOCOLS),
    method: pick(r, METHODS),
    scheme: pick(r, ["http", "https"] as const),
    port: pick(r, [80, 8080]),
    query: pick(r, ["", "q=1", "q=2", "q", "x=1&q=1", "q=2&q=1"]),
    headers,
  });
}
