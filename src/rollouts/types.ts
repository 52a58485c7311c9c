/** What a rollout does: one route, a primary and a canary virtual node, the steps and the gates. */
export interface RolloutSpec {
  virtualRouterName: string;
  routeName: string;
  primaryVirtualNode: string;
  canaryVirtualNode: string;
  /** Canary weight added after each passing check (percent points, 1-100). */
  stepWeight: number;
  /** Canary weight at which the next passing check promotes the canary to 100 (1-100). */
  maxWeight: number;
  /** Time between checks, App Mesh's Duration shape. */
  interval: { unit: "s" | "ms"; value: number };
  analysis: {
    /** Lowest acceptable canary success rate, percent (non-5xx share of its requests). */
    minSuccessRate: number;
    /** Highest acceptable canary p99 latency, milliseconds. */
    maxP99LatencyMs: number;
    /** Failed checks (counted over the whole rollout) that trigger the rollback. */
    failedChecksThreshold: number;
    /** Fewer canary requests than this in an interval: the check is skipped (no step, no failure). */
    minRequests: number;
  };
}

/** Lifecycle: PROGRESSING and PAUSED are live; the others are final. */
export type RolloutStatus = "PROGRESSING" | "PAUSED" | "SUCCEEDED" | "FAILED" | "ABORTED";

/** Mutable state of a rollout (stored by the mesh Durable Object). */
export interface RolloutState {
  status: RolloutStatus;
  canaryWeight: number;
  failedChecks: number;
  checks: number;
  /** Epoch ms of the next analysis; null unless PROGRESSING. */
  nextCheckAt: number | null;
  /** Epoch ms of the last transition. */
  updatedAt: number;
  message: string;
}

/** The canary's numbers over the last interval. */
export interface Analysis {
  requests: number;
  successRate: number | null;
  p99LatencyMs: number | null;
}

/** Kinds of history entries. */
export type RolloutEvent =
  | "STARTED"
  | "ADVANCED"
  | "CHECK_FAILED"
  | "CHECK_SKIPPED"
  | "PROMOTED"
  | "ROLLED_BACK"
  | "PAUSED"
  | "RESUMED"
  | "ABORTED";

/** One step of a rollout's history. */
export interface HistoryEntry {
  /** Epoch seconds. */
  at: number;
  event: RolloutEvent;
  primaryWeight: number;
  canaryWeight: number;
  analysis?: Analysis;
  message: string;
}

/** Route weights to write (primary + canary = 100). */
export interface Weights {
  primary: number;
  canary: number;
}

/** Result of a transition: the next state, the history entry, and weights if they change. */
export interface Transition {
  state: RolloutState;
  entry: HistoryEntry;
  weights?: Weights;
}
