/**
 * Picking one of a route's weighted targets. Weights are relative integers (1:1 is 50/50);
 * a zero weight is never picked; when every weight is zero there is no target (undefined).
 */
import type { WeightedTarget } from "./spec";

/**
 * Weighted random pick. `draw` is a number in [0, 1) (Math.random() in production, fixed in
 * tests): the targets own consecutive slices of [0, total) in list order.
 */
export function pickWeighted<T extends WeightedTarget>(targets: readonly T[], draw: number): T | undefined {
  let total = 0;
  for (let i = 0; i < targets.length; i++) total += Math.max(0, targets[i]!.weight);
  if (total <= 0) return undefined;
  const x = draw * total;
  let acc = 0;
  let last: T | undefined;
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i]!;
    if (t.weight <= 0) continue;
    acc += t.weight;
    last = t;
    if (x < acc) return t;
  }
  return last; // only reached when draw is not below 1 (guards against a caller's 1.0)
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units (both bytes), continuing from `seed`. */
function fnv1a(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h = Math.imul(h ^ (c & 0xff), FNV_PRIME);
    h = Math.imul(h ^ (c >>> 8), FNV_PRIME);
  }
  return h;
}

/** murmur3's fmix32 finalizer: spreads FNV's weak low-entropy bits over all 32. */
function fmix32(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform-looking number in (0, 1) for the pair (key, node). Exported for tests. */
export function hash01(key: string, node: string): number {
  return nodeHash01(keySeed(key), node);
}

/** FNV state after the key and a 0xff separator (keeps ("ab", "c") and ("a", "bc") apart). */
function keySeed(key: string): number {
  return Math.imul(fnv1a(key, FNV_OFFSET) ^ 0xff, FNV_PRIME);
}

function nodeHash01(seed: number, node: string): number {
  return (fmix32(fnv1a(node, seed)) + 0.5) / 4294967296;
}

/**
 * Sticky weighted pick by weighted rendezvous hashing: each target scores
 * -weight / ln(hash01(key, virtualNode)) and the highest score wins. The same key keeps its
 * target while weights stay; raising one target's weight only moves keys to that target
 * (monotonic); keys spread in proportion to the weights. Ties go to the earlier target.
 */
export function pickByKey<T extends WeightedTarget>(targets: readonly T[], key: string): T | undefined {
  let best: T | undefined;
  let bestScore = -Infinity;
  const seed = keySeed(key);
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i]!;
    if (t.weight <= 0) continue;
    const score = -t.weight / Math.log(nodeHash01(seed, t.virtualNode));
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}
