/**
 * A radix tree over path strings holding, per node, the entries whose exact path or prefix
 * ends there. Walking a path visits at most one node per character, so finding every exact and
 * prefix candidate costs O(path length) whatever the number of routes.
 */

/** A node: `label` is the edge text leading here; lists hold entry indices in ascending order. */
export interface RadixNode {
  label: string;
  children: Map<number, RadixNode> | null;
  exact: Int32Array | null;
  prefix: Int32Array | null;
}

interface BuildNode {
  label: string;
  children: Map<number, BuildNode> | null;
  exact: number[] | null;
  prefix: number[] | null;
}

function newNode(label: string): BuildNode {
  return { label, children: null, exact: null, prefix: null };
}

function commonLength(a: string, b: string, from: number): number {
  const max = Math.min(a.length, b.length - from);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(from + i)) i++;
  return i;
}

/** Collects keys, then `build()` freezes them into compact nodes. Insert indices in ascending order. */
export class RadixBuilder {
  readonly #root = newNode("");

  insert(key: string, kind: "exact" | "prefix", index: number): void {
    let node = this.#root;
    let pos = 0;
    while (pos < key.length) {
      const c = key.charCodeAt(pos);
      node.children ??= new Map();
      let child = node.children.get(c);
      if (child === undefined) {
        child = newNode(key.slice(pos));
        node.children.set(c, child);
        node = child;
        break;
      }
      const l = commonLength(child.label, key, pos);
      if (l < child.label.length) {
        // Split the edge: the shared part becomes a new inner node.
        const mid = newNode(child.label.slice(0, l));
        child.label = child.label.slice(l);
        mid.children = new Map([[child.label.charCodeAt(0), child]]);
        node.children.set(c, mid);
        child = mid;
      }
      node = child;
      pos += l;
    }
    (node[kind] ??= []).push(index);
  }

  /** The frozen tree and its depth (the most lists one walk can collect). */
  build(): { root: RadixNode; depth: number } {
    let depth = 0;
    const freeze = (n: BuildNode, d: number): RadixNode => {
      if (d > depth) depth = d;
      let children: Map<number, RadixNode> | null = null;
      if (n.children !== null) {
        children = new Map();
        for (const [c, child] of n.children) children.set(c, freeze(child, d + 1));
      }
      return {
        label: n.label,
        children,
        exact: n.exact && Int32Array.from(n.exact),
        prefix: n.prefix && Int32Array.from(n.prefix),
      };
    };
    const root = freeze(this.#root, 1);
    return { root, depth };
  }
}
