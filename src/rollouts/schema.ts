import * as v from "valibot";
import { nameProblem } from "../shared/name-rules";
import { durationMs } from "../shared/duration";

const Name = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(255),
  v.rawCheck(({ dataset, addIssue }) => {
    const problem = dataset.typed ? nameProblem(dataset.value) : undefined;
    if (problem !== undefined) addIssue({ message: problem });
  }),
);
const Percent = v.pipe(v.number(), v.minValue(0), v.maxValue(100));
const Weight = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100));

/** The analysis gates of a rollout; `minRequests` defaults to 1. */
export const RolloutAnalysis = v.strictObject({
  minSuccessRate: Percent,
  // Finite and bounded: JSON has no Infinity, so an unbounded value would not survive storage.
  maxP99LatencyMs: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(3_600_000)),
  failedChecksThreshold: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)),
  minRequests: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000_000)), 1),
});

/** App Mesh's Duration shape; between 1 second and 1 day. */
export const RolloutInterval = v.pipe(
  v.strictObject({ unit: v.picklist(["s", "ms"]), value: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
  v.check((d) => {
    const ms = durationMs(d);
    return ms !== null && ms >= 1000 && ms <= 86_400_000;
  }, "must be between 1 s and 1 day"),
);

/** A rollout's spec (see `RolloutSpec` in ./types). */
export const RolloutSpecInput = v.pipe(
  v.strictObject({
    virtualRouterName: Name,
    routeName: Name,
    primaryVirtualNode: Name,
    canaryVirtualNode: Name,
    stepWeight: Weight,
    maxWeight: Weight,
    interval: RolloutInterval,
    analysis: RolloutAnalysis,
  }),
  v.check((s) => s.primaryVirtualNode !== s.canaryVirtualNode, "primaryVirtualNode and canaryVirtualNode must differ"),
);

/** Body of `PUT /_meshedge/v1/meshes/{mesh}/rollouts` (create). */
export const CreateRolloutInput = v.strictObject({
  rolloutName: v.pipe(Name, v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be letters, digits, '.', '_' or '-'")),
  spec: RolloutSpecInput,
});

/** A validated create body. */
export type CreateRolloutInput = v.InferOutput<typeof CreateRolloutInput>;
