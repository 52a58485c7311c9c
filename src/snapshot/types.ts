/**
 * The mesh snapshot: everything the edge needs to route a request for one mesh, compiled once by
 * the mesh Durable Object (`compileMeshSnapshot`) and loaded by every isolate that serves it.
 *
 * Contract: a `MeshSnapshot` is plain JSON (no Maps, classes, functions or `undefined` values
 * that matter), so it crosses the Durable Object RPC boundary and can be stored as text.
 * Dictionaries are keyed by resource name: built from entries (`nameDict`) and read with
 * own-property lookups only (`own`, `Object.entries`), since `__proto__` and `constructor` are
 * legal names (src/shared/name-dict.ts). Durations are pre-converted to milliseconds.
 */
import type { GatewayRouteTableSnapshot, RouteTableSnapshot } from "../routing";

/** All ACTIVE resources of one mesh: the input of `compileMeshSnapshot` (defined in src/schema). */
export type { MeshResources } from "../schema";

/** Bumped when the snapshot layout changes; an isolate ignores snapshots of another format. */
export const SNAPSHOT_FORMAT = 1;

export interface MeshSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  meshName: string;
  /** The mesh's config version this snapshot was compiled from. */
  version: number;
  /** Virtual service name (as written, lower-cased for Host lookup by the edge) -> provider. */
  services: Record<string, SnapshotService>;
  nodes: Record<string, SnapshotNode>;
  routers: Record<string, SnapshotRouter>;
  gateways: Record<string, SnapshotGateway>;
}

export type SnapshotProvider = { kind: "virtualRouter"; name: string } | { kind: "virtualNode"; name: string } | { kind: "none" };

export interface SnapshotService {
  name: string;
  provider: SnapshotProvider;
}

/** How to reach a virtual node; `unusable` carries the reason the edge answers 503 with. */
export type SnapshotDiscovery = { kind: "dns"; hostname: string } | { kind: "unusable"; reason: string };

export interface SnapshotOutlier {
  maxServerErrors: number;
  baseEjectionMs: number;
  intervalMs: number;
  maxEjectionPercent: number;
}

export interface SnapshotListener {
  port: number;
  protocol: string;
  /** https is used when the listener has TLS (or the port is 443). */
  tls: boolean;
  /** From the listener's timeout for its protocol; null = not set. */
  perRequestMs: number | null;
  idleMs: number | null;
  outlier: SnapshotOutlier | null;
}

export interface SnapshotNode {
  name: string;
  discovery: SnapshotDiscovery;
  listeners: SnapshotListener[];
}

/** A route's retry policy reduced to lookups. */
export interface SnapshotRetry {
  maxRetries: number;
  /** 0 = no per-try timeout. */
  perTryMs: number;
  /** HTTP statuses that trigger a retry. */
  statuses: number[];
  /** Retry when the connection failed before a response (tcp connection-error / stream-error). */
  connectError: boolean;
  /** Retry when the connection reset after it was made (server-error / gateway-error). */
  reset: boolean;
  /** gRPC status codes (from the response's grpc-status header) that trigger a retry. */
  grpcStatuses: number[];
}

/** What the proxy needs about a route after the match (the match itself is in `table`). */
export interface SnapshotRoute {
  name: string;
  protocol: "http" | "http2" | "grpc" | "tcp";
  /** The route's own policy, or App Mesh's default policy when the route has none. */
  retry: SnapshotRetry;
  /** Route timeout (the whole request), null when not set (then 15 s); the listener bounds each attempt. */
  perRequestMs: number | null;
  idleMs: number | null;
}

/** A virtual router or virtual gateway listener. */
export interface SnapshotPort {
  port: number;
  protocol: string;
}

export interface SnapshotRouter {
  name: string;
  listeners: SnapshotPort[];
  /** Route name -> retry and timeout policy. */
  routes: Record<string, SnapshotRoute>;
  /** The compiled route table of `src/routing` for these routes (plain JSON). */
  table: RouteTableSnapshot;
}

export interface SnapshotGateway {
  name: string;
  listeners: SnapshotPort[];
  /** The compiled gateway route table of `src/routing` (plain JSON; it resolves the rewrites). */
  table: GatewayRouteTableSnapshot;
}
