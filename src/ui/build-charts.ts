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

/** Shortest time axis drawn, in buckets (100 s at the default 10 s buckets). */
const MIN_BUCKETS = 10;

/**
 * The part of the timeline worth drawing: from a little before the first bucket with traffic or
 * the first rollout event (a fresh mesh does not get an hour of flat zero) to the timeline's end,
 * at least {@link MIN_BUCKETS} buckets long, never before the retained window.
 */
export function activeSpan(timeline: MetricsTimeline, rollouts: readonly RolloutView[]): { from: number; to: number } {
  let first = timeline.to;
  for (const r of timeline.routes)
    for (const n of r.nodes)
      for (const p of n.points)
        if (p.requests > 0) {
          first = Math.min(first, p.t);
          break;
        }
  for (const r of rollouts) for (const e of r.history ?? []) if (e.at >= timeline.from) first = Math.min(first, e.at);
  const from = Math.max(timeline.from, Math.min(first - 2 * timeline.bucketSeconds, timeline.to - MIN_BUCKETS * timeline.bucketSeconds));
  return { from, to: timeline.to };
}

/**
 * The charts of every route of the mesh page, keyed by `{router}/{route}`: the timeline's
 * window, each route's series and its rollouts' history as markers.
 */
export function buildMeshCharts(view: MeshView, timeline: MetricsTimeline, rollouts: readonly RolloutView[]): Map<string, RouteCharts> {
  const out = new Map<string, RouteCharts>();
  const { from, to } = activeSpan(timeline, rollouts);
  for (const vr of view.routers) {
    for (const r of vr.routes) {
      const series = timeline.routes.find((t) => t.route === r.key)?.nodes ?? [];
      const targets = r.targets.map((t) => t.virtualNode);
      out.set(r.key, buildRouteCharts(r.key, targets, series, rolloutsOf(r.key, rollouts), from, to));
    }
  }
  return out;
}

/** The charts of one rollout's route over its run (as far as retained), marking only its history. */
export function buildRolloutCharts(rollout: RolloutView, view: MeshView, timeline: MetricsTimeline): RouteCharts {
  const route = view.routers.flatMap((vr) => vr.routes).find((r) => r.key === rollout.route);
  const targets = route?.targets.map((t) => t.virtualNode) ?? [rollout.primary, rollout.canary];
  const series = timeline.routes.find((t) => t.route === rollout.route)?.nodes ?? [];
  const mine = { name: rollout.name, primary: rollout.primary, canary: rollout.canary, history: rollout.history ?? [] };
  const { from, to } = activeSpan(timeline, [rollout]);
  const end =
    rollout.finishedAt === null
      ? to
      : Math.min(to, Math.max(rollout.finishedAt + 6 * timeline.bucketSeconds, from + MIN_BUCKETS * timeline.bucketSeconds));
  return buildRouteCharts(rollout.route, targets, series, [mine], from, end);
}
