import { pickByKey, pickWeighted, type HeaderLookup, type WeightedTarget } from "../routing";
import type { SnapshotRoutePolicy } from "../rollouts/route-policy";
import { splitKeyOf } from "./split-key";

/**
 * The weighted pick of a route under its policy: with a split key in the request, weighted
 * rendezvous hashing on the key (sticky, monotonic as weights grow); otherwise the random
 * weighted pick with `draw` in [0, 1).
 */
export function pickTarget<T extends WeightedTarget>(
  targets: readonly T[],
  policy: SnapshotRoutePolicy | null,
  headers: HeaderLookup,
  draw: number,
): T | undefined {
  if (policy !== null) {
    const key = splitKeyOf(policy, headers);
    if (key !== null) return pickByKey(targets, key);
  }
  return pickWeighted(targets, draw);
}
