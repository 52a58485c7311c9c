import type { RouteSpec, WeightedTarget } from "../schema";
import { ROUTE_PROTOCOLS } from "../shared/resource-kinds";
import type { Weights } from "./types";

/** The weighted targets of whichever route kind the spec sets. */
export function routeTargets(spec: RouteSpec): readonly WeightedTarget[] | undefined {
  for (const k of ROUTE_PROTOCOLS) {
    const r = spec[k];
    if (r !== undefined) return r.action.weightedTargets;
  }
  return undefined;
}

/**
 * Why a route cannot be driven by a rollout from `primary` to `canary`, or undefined when it can:
 * the route must already send traffic to the primary, and name no targets besides the two
 * (otherwise the percentages the rollout writes would not mean what they say).
 */
export function rolloutTargetProblem(spec: RouteSpec, primary: string, canary: string): string | undefined {
  const targets = routeTargets(spec);
  if (targets === undefined) return "the route has no weighted targets";
  if (!targets.some((t) => t.virtualNode === primary)) return `the route has no weighted target for the primary virtual node ${primary}`;
  const others = targets.filter((t) => t.virtualNode !== primary && t.virtualNode !== canary).map((t) => t.virtualNode);
  if (others.length > 0) return `the route has targets other than the primary and canary: ${others.join(", ")}`;
  return undefined;
}

/**
 * A copy of `spec` whose targets give `weights.primary` to the primary and `weights.canary` to the
 * canary (added after the primary, with the primary's port, when the route does not list it yet).
 * Everything else in the spec (match, retry policy, timeouts, priority) is kept as it is.
 */
export function withRolloutWeights(spec: RouteSpec, primary: string, canary: string, weights: Weights): RouteSpec {
  const next = structuredClone(spec);
  for (const k of ROUTE_PROTOCOLS) {
    const r = next[k];
    if (r === undefined) continue;
    const targets = r.action.weightedTargets;
    const p = targets.find((t) => t.virtualNode === primary);
    let c = targets.find((t) => t.virtualNode === canary);
    if (c === undefined) {
      c = { virtualNode: canary, weight: 0 };
      if (p?.port !== undefined) c.port = p.port;
      targets.push(c);
    }
    if (p !== undefined) p.weight = weights.primary;
    c.weight = weights.canary;
    return next;
  }
  return next;
}

/** The weight of `node` among a route's targets (0 when the route does not list it). */
function weightOf(targets: readonly WeightedTarget[], node: string): number {
  return targets.find((t) => t.virtualNode === node)?.weight ?? 0;
}

/**
 * The canary's share of the route in percent (rounded to a whole point, as rollouts step), read
 * from the route as it is now; a problem string when a rollout cannot go on from it.
 */
export function canaryShare(spec: RouteSpec, primary: string, canary: string): number | string {
  const problem = rolloutTargetProblem(spec, primary, canary);
  if (problem !== undefined) return problem;
  const targets = routeTargets(spec) ?? [];
  const total = weightOf(targets, primary) + weightOf(targets, canary);
  if (total <= 0) return "the primary and canary weights are both 0";
  return Math.round((100 * weightOf(targets, canary)) / total);
}

/**
 * Whether the route still splits as the rollout left it: the canary's share is `canaryWeight`
 * (3:1 holds 25% as well as 75:25 does: resume may start from weights written by hand) and no
 * other target; a route whose split was changed by hand (UpdateRoute) does not.
 */
export function holdsRolloutWeights(spec: RouteSpec, primary: string, canary: string, canaryWeight: number): boolean {
  return canaryShare(spec, primary, canary) === canaryWeight;
}

/** The route's weights of the primary and canary as text, e.g. `primary 50 / canary 50`. */
export function describeRolloutWeights(spec: RouteSpec, primary: string, canary: string): string {
  const targets = routeTargets(spec) ?? [];
  const named = targets.map((t) => `${t.virtualNode} ${t.weight}`);
  if (!targets.some((t) => t.virtualNode === canary)) named.push(`${canary} 0`);
  return named.join(" / ") || `no weighted targets for ${primary}`;
}
