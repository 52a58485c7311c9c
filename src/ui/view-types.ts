import type { HistoryEntry } from "../rollouts/types";
import type { RouteSetting } from "./route-settings";

/**
 * The dashboard's own view of a mesh: plain, JSON-serializable, already summarised for display.
 * Built from App Mesh `*Data` resources by `buildMeshView` and refreshed in the browser from
 * `/_meshedge/ui/meshes/{mesh}/live.json` (same shapes, so the inline script can patch the page).
 */

/** One weighted target of a route, with its share of the route's total weight in percent. */
export interface TargetView {
  virtualNode: string;
  weight: number;
  /** weight / sum of weights * 100, rounded to one decimal; 0 when every weight is 0. */
  percent: number;
}

export interface RouteView {
  /** `{router}/{route}`: the key the metrics and live JSON use. */
  key: string;
  routeName: string;
  protocol: "http" | "http2" | "grpc" | "tcp" | "unknown";
  /** Absent = no priority (evaluated after every route that has one). */
  priority?: number;
  /** Human summary of the match, e.g. `GET /api/* · header x-canary=1`. */
  match: string;
  targets: TargetView[];
  version: number;
  /** Retry policy, timeouts, sticky split key and mirror, each in a few words. */
  settings: RouteSetting[];
}

export interface RouterView {
  virtualRouterName: string;
  ports: number[];
  routes: RouteView[];
}

export interface NodeView {
  virtualNodeName: string;
  /** Where the data plane sends traffic, e.g. `127.0.0.1:8081`, or why it cannot. */
  upstream: string;
}

export interface ServiceView {
  virtualServiceName: string;
  /** `router:name`, `node:name` or `none`. */
  provider: string;
}

export interface GatewayRouteView {
  gatewayRouteName: string;
  priority?: number;
  match: string;
  /** Target virtual service name. */
  target: string;
}

export interface GatewayView {
  virtualGatewayName: string;
  ports: number[];
  routes: GatewayRouteView[];
}

export interface MeshView {
  meshName: string;
  gateways: GatewayView[];
  services: ServiceView[];
  routers: RouterView[];
  nodes: NodeView[];
}

/** Request rate and success rate of one route or node over the metrics window. */
export interface RateView {
  /** Requests per second over the window. */
  rps: number;
  /** Share of non-5xx answers in [0, 1]; null when there were no requests. */
  success: number | null;
}

/** One rollout as the dashboard shows it (live.json leaves `history` out). */
export interface RolloutView {
  name: string;
  /** `{router}/{route}` the rollout drives. */
  route: string;
  state: string;
  canary: string;
  primary: string;
  canaryWeight: number;
  maxWeight: number;
  /** Epoch seconds it started, and ended (null while live). */
  startedAt: number;
  finishedAt: number | null;
  /** Its last transition's message: for a finished rollout, how it ended. */
  message: string;
  history?: HistoryEntry[];
}

/** What the page polls: current weights, rates and rollouts. */
export interface LiveView {
  at: string;
  window: number;
  /** Per `{router}/{route}`: current targets, the route's resource version, rates if any. */
  routes: Record<string, { targets: TargetView[]; version: number; rate?: RateView }>;
  nodes: Record<string, RateView>;
  rollouts: RolloutView[];
  /** Why metrics or rollouts are missing, when they are. */
  notes: string[];
}
