import type { MetricsTimeline } from "../metrics/timeline";
import { buildRouteCharts, type RouteCharts, type UiRouteRollout } from "./chart-model";
import type { MeshView, RolloutView } from "./view-types";

/** The rollouts of one route (`{router}/{route}`) with their history, oldest first. */
function rolloutsOf(route: string, rollouts: readonly RolloutView[]): UiRouteRollout[] {
  return rollouts
    .filter((r) => r.route === route)
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((r) => ({ name: r.name, primary: r.primary, canary: r.canary, history: r.history ?? [] }));
}

/**
 * The charts of every route of the mesh page, keyed by `{router}/{route}`: the timeline's
 * window, each route's series and its rollouts' history as markers.
 */
export function buildMeshCharts(view: MeshView, timeline: MetricsTimeline, rollouts: readonly RolloutView[]): Map<string, RouteCharts> {
  const out = new Map<string, RouteCharts>();
  for (const vr of view.routers) {
    for (const r of vr.routes) {
      const series = timeline.routes.find((t) => t.route === r.key)?.nodes ?? [];
      const targets = r.targets.map((t) => t.virtualNode);
      out.set(r.key, buildRouteCharts(r.key, targets, series, rolloutsOf(r.key, rollouts), timeline.from, timeline.to));
    }
  }
  return out;
}

/** The charts of one rollout's route, marking only that rollout's history. */
export function buildRolloutCharts(rollout: RolloutView, view: MeshView, timeline: MetricsTimeline): RouteCharts {
  const route = view.routers.flatMap((vr) => vr.routes).find((r) => r.key === rollout.route);
  const targets = route?.targets.map((t) => t.virtualNode) ?? [rollout.primary, rollout.canary];
  const series = timeline.routes.find((t) => t.route === rollout.route)?.nodes ?? [];
  const mine = { name: rollout.name, primary: rollout.primary, canary: rollout.canary, history: rollout.history ?? [] };
  return buildRouteCharts(rollout.route, targets, series, [mine], timeline.from, timeline.to);
}
