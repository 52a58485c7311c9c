/**
 * The candidate index of one protocol's entries: a radix tree for exact paths, prefixes and
 * regexes (under their literal prefix, see regex-literal-prefix.ts; the entry's own check then
 * runs the regex) and a fallback list for everything else (no path, TCP, regexes without a
 * literal prefix). A lookup
 * gathers the sorted candidate lists on the path's walk and merges them by rank (entry index),
 * so the first candidate that passes its remaining conditions is the winner.
 */
import { RadixBuilder, type RadixNode } from "./radix-tree";
import { regexLiteralPrefix } from "./regex-literal-prefix";
import type { MatchConditions } from "./types";

/** Called with each candidate in rank order; returns true to stop (winner found). */
export type CandidateCheck = (index: number) => boolean;

export class MatchIndex {
  readonly #root: RadixNode;
  readonly #fallback: Int32Array;
  // Scratch space reused by every lookup: matching is synchronous, so no lookup overlaps another.
  readonly #lists: Int32Array[];
  readonly #cursors: Int32Array;

  /** `entries` in evaluation order; only those with `protocol` are indexed. */
  constructor(entries: readonly MatchConditions[], protocol: string) {
    const builder = new RadixBuilder();
    const fallback: number[] = [];
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (e.protocol !== protocol) continue;
      if (e.path.kind === "exact" || e.path.kind === "prefix") builder.insert(e.path.value, e.path.kind, i);
      else if (e.path.kind === "regex" && regexLiteralPrefix(e.path.value) !== "") builder.insert(regexLiteralPrefix(e.path.value), "prefix", i);
      else fallback.push(i);
    }
    const { root, depth } = builder.build();
    this.#root = root;
    this.#fallback = Int32Array.from(fallback);
    this.#lists = new Array<Int32Array>(depth + 2);
    this.#cursors = new Int32Array(depth + 2);
  }

  /** Index of the first candidate (in rank order) for which `accept` is true, or -1. */
  find(path: string, accept: CandidateCheck): number {
    const lists = this.#lists;
    let n = 0;
    let node: RadixNode = this.#root;
    let pos = 0;
    for (;;) {
      if (node.prefix !== null) lists[n++] = node.prefix;
      if (pos === path.length) {
        if (node.exact !== null) lists[n++] = node.exact;
        break;
      }
      const child = node.children?.get(path.charCodeAt(pos));
      if (child === undefined || !path.startsWith(child.label, pos)) break;
      pos += child.label.length;
      node = child;
    }
    if (this.#fallback.length > 0) lists[n++] = this.#fallback;
    if (n === 0) return -1;
    if (n === 1) {
      const only = lists[0]!;
      for (let i = 0; i < only.length; i++) if (accept(only[i]!)) return only[i]!;
      return -1;
    }
    return this.#merge(n, accept);
  }

  /** k-way merge of the collected sorted lists (k is the number of lists, small). */
  #merge(n: number, accept: CandidateCheck): number {
    const lists = this.#lists;
    const cursors = this.#cursors;
    cursors.fill(0, 0, n);
    for (;;) {
      let best = -1;
      let from = -1;
      for (let i = 0; i < n; i++) {
        const l = lists[i]!;
        const c = cursors[i]!;
        if (c < l.length && (best < 0 || l[c]! < best)) {
          best = l[c]!;
          from = i;
        }
      }
      if (from < 0) return -1;
      cursors[from]!++;
      if (accept(best)) return best;
    }
  }
}
