import { routePolicyOf, type SnapshotRoutePolicy } from "../rollouts/route-policy";
import { NO_ROUTE, routeSeriesName } from "../metrics/series-key";
import {
  loadGatewayRouteTable,
  loadRouteTable,
  type GatewayRouteTable,
  type RouteProtocol,
  type RouteTable,
  type WeightedTarget,
} from "../routing";
import type { MeshSnapshot, SnapshotListener, SnapshotPort, SnapshotRetry, SnapshotRoute, SnapshotService } from "../snapshot";
import { DEFAULT_RETRY } from "../snapshot/compile-retry";
import { hostnameProblem, urlHost } from "../shared/hostname-rule";

/** A retry policy as lookups: `statuses[s] === 1` retries status s. */
export interface LoadedRetry {
  maxRetries: number;
  perTryMs: number;
  statuses: Uint8Array;
  connectError: boolean;
  reset: boolean;
  grpc: Uint8Array;
}

export interface LoadedRoute {
  name: string;
  /** The metrics series of the route (`{router}/{route}`, NO_ROUTE for the direct-node policy). */
  series: string;
  /** Route policy extension (sticky split key, mirror; src/rollouts/route-policy.ts), null when none. */
  policy: SnapshotRoutePolicy | null;
  retry: LoadedRetry;
  perRequestMs: number | null;
  idleMs: number | null;
}

/** One listener of a virtual node with its precomputed origin ("http://host:port"). */
export interface LoadedUpstream {
  origin: string;
  listener: SnapshotListener;
}

export interface LoadedNode {
  name: string;
  /** Why the node cannot be reached (503), or null. */
  unusable: string | null;
  byPort: Map<number, LoadedUpstream>;
  first: LoadedUpstream | null;
}

/** A listener with its protocol already in the form the route tables match on. */
export interface LoadedPort {
  port: number;
  protocol: RouteProtocol;
}

export interface LoadedRouter {
  name: string;
  table: RouteTable;
  routes: Map<string, LoadedRoute>;
  listeners: readonly LoadedPort[];
}

export interface LoadedGateway {
  mesh: string;
  name: string;
  /** `{mesh}/{gateway}`, as the access log names it. */
  id: string;
  table: GatewayRouteTable;
  /** The gateway's first listener, which requests are matched as (http on port 0 without one). */
  listener: LoadedPort;
}

/** A snapshot turned into matchers and lookups once, when its version is first seen. */
export interface LoadedMesh {
  name: string;
  version: number;
  services: Map<string, SnapshotService>;
  nodes: Map<string, LoadedNode>;
  routers: Map<string, LoadedRouter>;
  gateways: Map<string, LoadedGateway>;
  /** Policy for a service whose provider is a virtual node (no route): App Mesh's default. */
  directRoute: LoadedRoute;
  /** Provider node name -> its one target, for services provided by a virtual node. */
  nodeTargets: Map<string, readonly WeightedTarget[]>;
}

function loadRetry(r: SnapshotRetry): LoadedRetry {
  const statuses = new Uint8Array(600);
  for (const s of r.statuses) if (s >= 0 && s < 600) statuses[s] = 1;
  const grpc = new Uint8Array(17);
  for (const g of r.grpcStatuses) if (g >= 0 && g < 17) grpc[g] = 1;
  return { maxRetries: r.maxRetries, perTryMs: r.perTryMs, statuses, connectError: r.connectError, reset: r.reset, grpc };
}

function loadRoute(r: SnapshotRoute, series: string, policy: SnapshotRoutePolicy | null): LoadedRoute {
  return { name: r.name, series, policy, retry: loadRetry(r.retry), perRequestMs: r.perRequestMs, idleMs: r.idleMs };
}

/** "https" when the listener has TLS (STRICT) or the port is 443, else "http". */
export function originOf(hostname: string, l: SnapshotListener): string {
  const scheme = l.tls ? "https" : "http";
  const defaultPort = l.tls ? 443 : 80;
  const host = urlHost(hostname);
  return l.port === defaultPort ? `${scheme}://${host}` : `${scheme}://${host}:${l.port}`;
}

/** The protocol a listener's requests are matched as (routes of other kinds are not candidates). */
function protocolOf(p: string | undefined): RouteProtocol {
  return p === "http2" || p === "grpc" || p === "tcp" ? p : "http";
}

function loadPort(l: SnapshotPort): LoadedPort {
  return { port: l.port, protocol: protocolOf(l.protocol) };
}

/** Loads a snapshot: route tables, retry lookups and upstream origins, all built once. */
export function loadMesh(s: MeshSnapshot): LoadedMesh {
  const nodes = new Map<string, LoadedNode>();
  // Own entries only (Object.entries): `for...in` would also walk a prototype, and a snapshot
  // that crossed the RPC has one again; resource names like `__proto__` are own keys.
  for (const [name, n] of Object.entries(s.nodes)) {
    const byPort = new Map<number, LoadedUpstream>();
    let first: LoadedUpstream | null = null;
    // Defence in depth: a hostname stored before the API's rule never becomes part of a URL.
    const badHost = n.discovery.kind === "dns" ? hostnameProblem(n.discovery.hostname) : undefined;
    if (n.discovery.kind === "dns" && badHost === undefined) {
      for (const l of n.listeners) {
        const u = { origin: originOf(n.discovery.hostname, l), listener: l };
        byPort.set(l.port, u);
        first ??= u;
      }
    }
    const unusable =
      n.discovery.kind === "unusable"
        ? n.discovery.reason
        : badHost !== undefined
          ? `virtual node ${name} has an unusable serviceDiscovery.dns.hostname: ${badHost}`
          : first
            ? null
            : `virtual node ${name} has no listener`;
    nodes.set(name, { name, unusable, byPort, first });
  }
  const routers = new Map<string, LoadedRouter>();
  for (const [name, r] of Object.entries(s.routers)) {
    const routes = new Map<string, LoadedRoute>();
    for (const [rn, route] of Object.entries(r.routes))
      routes.set(rn, loadRoute(route, routeSeriesName(name, rn), routePolicyOf(s, name, rn)));
    routers.set(name, { name, table: loadRouteTable(r.table), routes, listeners: r.listeners.map(loadPort) });
  }
  const gateways = new Map<string, LoadedGateway>();
  for (const [name, g] of Object.entries(s.gateways)) {
    const first = g.listeners[0];
    const listener = first ? loadPort(first) : { port: 0, protocol: "http" as const };
    gateways.set(name, { mesh: s.meshName, name, id: `${s.meshName}/${name}`, table: loadGatewayRouteTable(g.table), listener });
  }
  const nodeTargets = new Map<string, readonly WeightedTarget[]>();
  for (const service of Object.values(s.services)) {
    const p = service.provider;
    if (p.kind === "virtualNode") nodeTargets.set(p.name, [{ virtualNode: p.name, weight: 1 }]);
  }
  return {
    name: s.meshName,
    version: s.version,
    services: new Map(Object.entries(s.services)),
    nodes,
    routers,
    gateways,
    directRoute: { name: "", series: NO_ROUTE, policy: null, retry: loadRetry(DEFAULT_RETRY), perRequestMs: null, idleMs: null },
    nodeTargets,
  };
}
