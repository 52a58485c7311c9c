import { nameDict, own } from "../shared/name-dict";
import { buildRouteView } from "./build-mesh-view";
import type { UiResources } from "./resource-input";
import type { LiveView, RateView, RolloutView } from "./view-types";

/** One series of the metrics report (`src/metrics/report.ts`), the fields the dashboard reads. */
interface UiSeries {
  requests: number;
  rate: number;
  /** Percent (0-100), null without requests. */
  successRate: number | null;
}

/** Structural view of the body of `GET /_meshedge/v1/meshes/{mesh}/metrics?window=N`. */
export interface UiMetrics {
  windowSeconds: number;
  routes: (UiSeries & { route: string; nodes: (UiSeries & { virtualNode: string })[] })[];
}

function rateOf(s: UiSeries): RateView {
  return { rps: s.rate, success: s.successRate === null ? null : s.successRate / 100 };
}

/** Adds the series of one node across every route: rates add up, success is request-weighted. */
function addNode(acc: Map<string, { rps: number; requests: number; ok: number }>, node: string, s: UiSeries): void {
  const a = acc.get(node) ?? { rps: 0, requests: 0, ok: 0 };
  a.rps += s.rate;
  a.requests += s.requests;
  if (s.successRate !== null) a.ok += (s.successRate / 100) * s.requests;
  acc.set(node, a);
}

/**
 * What the mesh page polls: each route's current weights (they move during a rollout) with its
 * rate and success rate, each node's rate summed over the routes it answered for, and rollouts.
 */
export function buildLiveView(
  resources: UiResources,
  metrics: UiMetrics | undefined,
  rollouts: RolloutView[],
  notes: string[],
  window: number,
  now: Date,
): LiveView {
  // Keyed by names (nameDict, own lookups): a node named `__proto__` or `constructor` is a key.
  const routes: LiveView["routes"] = nameDict(
    resources.routes.map((r) => {
      const v = buildRouteView(r);
      return [v.key, { targets: v.targets, version: v.version }];
    }),
  );
  const nodeAcc = new Map<string, { rps: number; requests: number; ok: number }>();
  for (const m of metrics?.routes ?? []) {
    const entry = own(routes, m.route);
    if (entry) entry.rate = rateOf(m);
    for (const n of m.nodes) addNode(nodeAcc, n.virtualNode, n);
  }
  const nodes: LiveView["nodes"] = nameDict(
    [...nodeAcc].map(([name, a]) => [name, { rps: Math.round(a.rps * 1000) / 1000, success: a.requests > 0 ? a.ok / a.requests : null }]),
  );
  return {
    at: now.toISOString(),
    window: metrics?.windowSeconds ?? window,
    routes,
    nodes,
    rollouts,
    notes,
  };
}
