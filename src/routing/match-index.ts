/**
 * The candidate index of one protocol's entries: a radix tree for exact paths, prefixes and
 * regexes (under their literal prefix, see regex-literal-prefix.ts; the entry's own check then
 * runs the regex) and a fallback list for everything else (no path, TCP, regexes without a
 * literal prefix). A lookup gathers the sorted candidate runs met on the path's walk and merges
 * them by rank (entry index), so the first candidate that passes its remaining conditions wins.
 */
import * as R from "./radix-tree";
import { regexLiteralPrefix } from "./regex-literal-prefix";
import type { MatchConditions } from "./types";

/** Called with each candidate in rank order; returns true to stop (winner found). */
export type CandidateCheck = (index: number) => boolean;

export class MatchIndex {
  readonly #t: R.FlatRadix;
  readonly #fallbackStart: number;
  readonly #fallbackEnd: number;
  // Scratch runs reused by every lookup: matching is synchronous, so no lookup overlaps another.
  readonly #starts: Int32Array;
  readonly #ends: Int32Array;

  /** `entries` in evaluation order; only those with `protocol` are indexed. */
  constructor(entries: readonly MatchConditions[], protocol: string) {
    const builder = new R.RadixBuilder();
    const fallback: number[] = [];
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (e.protocol !== protocol) continue;
      const literal = e.path.kind === "regex" ? regexLiteralPrefix(e.path.value) : "";
      if (e.path.kind === "exact" || e.path.kind === "prefix") builder.insert(e.path.value, e.path.kind, i);
      else if (literal !== "") builder.insert(literal, "prefix", i);
      else fallback.push(i);
    }
    const t = builder.build(fallback);
    this.#t = t;
    this.#fallbackStart = t.extraStart;
    this.#fallbackEnd = t.extraStart + fallback.length;
    this.#starts = new Int32Array(t.depth + 2);
    this.#ends = new Int32Array(t.depth + 2);
  }

  /** Index of the first candidate (in rank order) for which `accept` is true, or -1. */
  find(path: string, accept: CandidateCheck): number {
    const { nodes, labels, childChars, childNodes } = this.#t;
    const starts = this.#starts;
    const ends = this.#ends;
    let n = 0;
    let b = 0; // offset of the current node in `nodes`
    let pos = 0;
    for (;;) {
      const pl = nodes[b + R.PREFIX_LENGTH]!;
      if (pl > 0) {
        starts[n] = nodes[b + R.PREFIX_START]!;
        ends[n++] = nodes[b + R.PREFIX_START]! + pl;
      }
      if (pos === path.length) {
        const el = nodes[b + R.EXACT_LENGTH]!;
        if (el > 0) {
          starts[n] = nodes[b + R.EXACT_START]!;
          ends[n++] = nodes[b + R.EXACT_START]! + el;
        }
        break;
      }
      const c = path.charCodeAt(pos);
      const cs = nodes[b + R.CHILD_START]!;
      const ce = cs + nodes[b + R.CHILD_COUNT]!;
      let child = -1;
      for (let k = cs; k < ce; k++) {
        const kc = childChars[k]!;
        if (kc === c) {
          child = childNodes[k]!;
          break;
        }
        if (kc > c) break; // sorted
      }
      if (child < 0) break;
      const cb = child * R.NODE_STRIDE;
      const ls = nodes[cb + R.LABEL_START]!;
      const ll = nodes[cb + R.LABEL_LENGTH]!;
      if (pos + ll > path.length) break;
      let j = 1; // the first character was the child key
      while (j < ll && labels.charCodeAt(ls + j) === path.charCodeAt(pos + j)) j++;
      if (j < ll) break;
      pos += ll;
      b = cb;
    }
    if (this.#fallbackEnd > this.#fallbackStart) {
      starts[n] = this.#fallbackStart;
      ends[n++] = this.#fallbackEnd;
    }
    return n === 0 ? -1 : n === 1 ? this.#scan(starts[0]!, ends[0]!, accept) : this.#merge(n, accept);
  }

  #scan(from: number, to: number, accept: CandidateCheck): number {
    const pool = this.#t.pool;
    for (let i = from; i < to; i++) if (accept(pool[i]!)) return pool[i]!;
    return -1;
  }

  /** k-way merge of the collected ascending runs (k is small: one per matching tree level). */
  #merge(n: number, accept: CandidateCheck): number {
    const pool = this.#t.pool;
    const starts = this.#starts;
    const ends = this.#ends;
    for (;;) {
      let best = -1;
      let from = -1;
      for (let i = 0; i < n; i++) {
        const s = starts[i]!;
        if (s < ends[i]! && (best < 0 || pool[s]! < best)) {
          best = pool[s]!;
          from = i;
        }
      }
      if (from < 0) return -1;
      starts[from] = starts[from]! + 1;
      if (accept(best)) return best;
    }
  }
}
