import { isLive } from "../../src/rollouts/state-machine";
import type { HistoryEntry, RolloutSpec, RolloutStatus } from "../../src/rollouts/types";
import { analysisOf } from "../metrics/mesh-metrics";
import type { StoredRollout } from "./rollout-store";

/** The short form of a rollout (list output). */
export interface RolloutSummary {
  meshName: string;
  rolloutName: string;
  virtualRouterName: string;
  routeName: string;
  status: RolloutStatus;
  canaryWeight: number;
  createdAt: number;
  lastUpdatedAt: number;
  /** Epoch seconds at which it ended (SUCCEEDED, FAILED, ABORTED); null while live. */
  finishedAt: number | null;
  /** The last transition's message: for a finished rollout, its outcome. */
  message: string;
}

/** Describe output: `{ rollout: RolloutView["rollout"] }`. */
export interface RolloutView {
  rollout: {
    meshName: string;
    rolloutName: string;
    spec: RolloutSpec;
    status: {
      status: RolloutStatus;
      primaryWeight: number;
      canaryWeight: number;
      checks: number;
      failedChecks: number;
      /** Epoch seconds of the next check; null unless PROGRESSING. */
      nextCheckAt: number | null;
      message: string;
      /** The canary's numbers in the interval running now. */
      currentInterval: { requests: number; successRate: number | null; p99LatencyMs: number | null };
    };
    history: HistoryEntry[];
    createdAt: number;
    lastUpdatedAt: number;
    /** Epoch seconds at which it ended (SUCCEEDED, FAILED, ABORTED); null while live. */
    finishedAt: number | null;
  };
  summary: RolloutSummary;
}

/** Builds the API view of a stored rollout (timestamps as epoch seconds, like App Mesh). */
export function toRolloutView(meshName: string, r: StoredRollout, history: HistoryEntry[]): RolloutView {
  const s = r.state;
  const createdAt = Math.floor(r.createdAt / 1000);
  const lastUpdatedAt = Math.floor(s.updatedAt / 1000);
  const finishedAt = isLive(s) ? null : lastUpdatedAt;
  return {
    rollout: {
      meshName,
      rolloutName: r.name,
      spec: r.spec,
      status: {
        status: s.status,
        primaryWeight: 100 - s.canaryWeight,
        canaryWeight: s.canaryWeight,
        checks: s.checks,
        failedChecks: s.failedChecks,
        nextCheckAt: s.nextCheckAt === null ? null : Math.ceil(s.nextCheckAt / 1000),
        message: s.message,
        currentInterval: analysisOf(r.window),
      },
      history,
      createdAt,
      lastUpdatedAt,
      finishedAt,
    },
    summary: {
      meshName,
      rolloutName: r.name,
      virtualRouterName: r.spec.virtualRouterName,
      routeName: r.spec.routeName,
      status: s.status,
      canaryWeight: s.canaryWeight,
      createdAt,
      lastUpdatedAt,
      finishedAt,
      message: s.message,
    },
  };
}
