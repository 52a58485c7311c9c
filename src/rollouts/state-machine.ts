import { durationMs } from "../shared/duration";
import type { Analysis, HistoryEntry, RolloutEvent, RolloutSpec, RolloutState, RolloutStatus, Transition, Weights } from "./types";

/** The interval of a spec in milliseconds (never null: a validated interval has a finite value). */
export function intervalMs(spec: RolloutSpec): number {
  return durationMs(spec.interval)!;
}

/** The statuses in which the alarm still has work for a rollout; the others are final. */
export const LIVE_STATUSES: readonly RolloutStatus[] = ["PROGRESSING", "PAUSED"];

/** True while the alarm still has work for this rollout. */
export function isLive(state: Pick<RolloutState, "status">): boolean {
  return LIVE_STATUSES.includes(state.status);
}

const weightsOf = (canary: number): Weights => ({ primary: 100 - canary, canary });

function entry(nowMs: number, event: RolloutEvent, canary: number, message: string, analysis?: Analysis): HistoryEntry {
  const e: HistoryEntry = { at: Math.floor(nowMs / 1000), event, primaryWeight: 100 - canary, canaryWeight: canary, message };
  if (analysis !== undefined) e.analysis = analysis;
  return e;
}

/** First state: the canary gets its first step of traffic and the first check is scheduled. */
export function startRollout(spec: RolloutSpec, nowMs: number): Transition {
  const canary = Math.min(spec.stepWeight, spec.maxWeight);
  const message = `canary ${spec.canaryVirtualNode} at ${canary}%`;
  return {
    state: {
      status: "PROGRESSING",
      canaryWeight: canary,
      failedChecks: 0,
      checks: 0,
      nextCheckAt: nowMs + intervalMs(spec),
      updatedAt: nowMs,
      message,
    },
    entry: entry(nowMs, "STARTED", canary, message),
    weights: weightsOf(canary),
  };
}

/**
 * Judges one interval of canary metrics: "skip" with too little traffic to judge, else pass or fail
 * with the reasons. A missing p99 with enough requests cannot happen (requests imply latencies).
 */
export function judge(spec: RolloutSpec, a: Analysis): { verdict: "pass" | "fail" | "skip"; reasons: string[] } {
  if (a.requests < Math.max(1, spec.analysis.minRequests)) {
    return { verdict: "skip", reasons: [`${a.requests} canary requests, fewer than ${Math.max(1, spec.analysis.minRequests)}`] };
  }
  const reasons: string[] = [];
  if (a.successRate !== null && a.successRate < spec.analysis.minSuccessRate) {
    reasons.push(`success rate ${a.successRate}% < ${spec.analysis.minSuccessRate}%`);
  }
  if (a.p99LatencyMs !== null && a.p99LatencyMs > spec.analysis.maxP99LatencyMs) {
    reasons.push(`p99 ${a.p99LatencyMs} ms > ${spec.analysis.maxP99LatencyMs} ms`);
  }
  return { verdict: reasons.length === 0 ? "pass" : "fail", reasons };
}

/**
 * One analysis at the end of an interval. Passing: the canary gains `stepWeight` (capped at
 * `maxWeight`), or is promoted to 100 when it already stood at `maxWeight`. Failing: weights hold
 * and the failed-check count grows; at the threshold every request goes back to the primary.
 * Not PROGRESSING: undefined (nothing to do).
 */
export function analyze(spec: RolloutSpec, state: RolloutState, a: Analysis, nowMs: number): Transition | undefined {
  if (state.status !== "PROGRESSING") return undefined;
  const { verdict, reasons } = judge(spec, a);
  const next: RolloutState = { ...state, checks: state.checks + 1, updatedAt: nowMs, nextCheckAt: nowMs + intervalMs(spec) };
  if (verdict === "skip") {
    next.message = `check skipped: ${reasons.join("; ")}`;
    return { state: next, entry: entry(nowMs, "CHECK_SKIPPED", state.canaryWeight, next.message, a) };
  }
  if (verdict === "fail") {
    next.failedChecks = state.failedChecks + 1;
    const limit = spec.analysis.failedChecksThreshold;
    if (next.failedChecks >= limit) {
      next.status = "FAILED";
      next.canaryWeight = 0;
      next.nextCheckAt = null;
      next.message = `rolled back to ${spec.primaryVirtualNode} after ${next.failedChecks} failed checks: ${reasons.join("; ")}`;
      return { state: next, entry: entry(nowMs, "ROLLED_BACK", 0, next.message, a), weights: weightsOf(0) };
    }
    next.message = `check failed (${next.failedChecks}/${limit}): ${reasons.join("; ")}`;
    return { state: next, entry: entry(nowMs, "CHECK_FAILED", state.canaryWeight, next.message, a) };
  }
  if (state.canaryWeight >= spec.maxWeight) {
    next.status = "SUCCEEDED";
    next.canaryWeight = 100;
    next.nextCheckAt = null;
    next.message = `canary ${spec.canaryVirtualNode} promoted to 100%`;
    return { state: next, entry: entry(nowMs, "PROMOTED", 100, next.message, a), weights: weightsOf(100) };
  }
  next.canaryWeight = Math.min(state.canaryWeight + spec.stepWeight, spec.maxWeight);
  next.message = `check passed: canary ${spec.canaryVirtualNode} at ${next.canaryWeight}%`;
  return { state: next, entry: entry(nowMs, "ADVANCED", next.canaryWeight, next.message, a), weights: weightsOf(next.canaryWeight) };
}

/**
 * The route was changed by someone other than the rollout (UpdateRoute by hand): the rollout
 * pauses instead of overwriting that change at its next step, and says why. `found` describes
 * the route's weights now; `routeCanary` is the canary's share of them (undefined when the
 * route cannot be rolled out any more).
 */
export function pauseForRouteChange(state: RolloutState, found: string, routeCanary: number | undefined, nowMs: number): Transition {
  const canary = routeCanary ?? state.canaryWeight;
  const message =
    `paused: the route was changed outside this rollout (now ${found}; the rollout had set canary ${state.canaryWeight}%); ` +
    "resume continues from the route's weights";
  const next: RolloutState = { ...state, status: "PAUSED", canaryWeight: canary, nextCheckAt: null, updatedAt: nowMs, message };
  return { state: next, entry: entry(nowMs, "PAUSED", canary, message) };
}

/** Manual actions; an error string when the action does not apply to the current status. */
export type ManualAction = "pause" | "resume" | "abort";

/**
 * Pause holds the weights and stops checks; resume restarts the interval clock; abort sends every
 * request back to the primary. Final rollouts (SUCCEEDED, FAILED, ABORTED) accept no action.
 */
export function manual(
  spec: RolloutSpec,
  state: RolloutState,
  action: ManualAction,
  nowMs: number,
  routeCanary = state.canaryWeight,
): Transition | string {
  if (!isLive(state)) return `rollout is ${state.status}; ${action} applies only to PROGRESSING or PAUSED rollouts`;
  const next: RolloutState = { ...state, updatedAt: nowMs };
  if (action === "pause") {
    if (state.status === "PAUSED") return "rollout is already PAUSED";
    Object.assign(next, { status: "PAUSED", nextCheckAt: null, message: `paused at ${state.canaryWeight}%` });
    return { state: next, entry: entry(nowMs, "PAUSED", state.canaryWeight, next.message) };
  }
  if (action === "resume") {
    if (state.status === "PROGRESSING") return "rollout is already PROGRESSING";
    // From the route's weights as they are now (changed by hand while paused, perhaps).
    const from = routeCanary === state.canaryWeight ? "" : ` (the route's weights; the rollout had ${state.canaryWeight}%)`;
    Object.assign(next, {
      status: "PROGRESSING",
      canaryWeight: routeCanary,
      nextCheckAt: nowMs + intervalMs(spec),
      message: `resumed at ${routeCanary}%${from}`,
    });
    return { state: next, entry: entry(nowMs, "RESUMED", routeCanary, next.message) };
  }
  Object.assign(next, {
    status: "ABORTED",
    canaryWeight: 0,
    nextCheckAt: null,
    message: `aborted: every request back to ${spec.primaryVirtualNode}`,
  });
  return { state: next, entry: entry(nowMs, "ABORTED", 0, next.message), weights: weightsOf(0) };
}
