/**
 * A radix tree over path strings holding, per node, the entries whose exact path or prefix
 * ends there. Walking a path visits at most one node per character, so finding every exact and
 * prefix candidate costs O(path length) whatever the number of routes.
 *
 * Built with objects, then flattened into typed arrays and one label string: a lookup in a
 * 10,000-route table then touches a few compact cache lines per level instead of chasing
 * objects and hash maps spread over the heap.
 */

interface BuildNode {
  label: string;
  children: Map<number, BuildNode> | null;
  exact: number[];
  prefix: number[];
}

/** Fields of one node in `FlatRadix.nodes` (stride NODE_STRIDE). */
export const LABEL_START = 0;
export const LABEL_LENGTH = 1;
export const CHILD_START = 2;
export const CHILD_COUNT = 3;
export const EXACT_START = 4;
export const EXACT_LENGTH = 5;
export const PREFIX_START = 6;
export const PREFIX_LENGTH = 7;
export const NODE_STRIDE = 8;

/** The frozen tree. Node 0 is the root; candidate lists are ascending runs of `pool`. */
export interface FlatRadix {
  readonly nodes: Int32Array;
  readonly labels: string;
  /** First character of each child edge, sorted per node; `childNodes` holds the node ids. */
  readonly childChars: Uint16Array;
  readonly childNodes: Int32Array;
  readonly pool: Int32Array;
  /** The most candidate lists one walk can collect. */
  readonly depth: number;
}

function newNode(label: string): BuildNode {
  return { label, children: null, exact: [], prefix: [] };
}

function commonLength(a: string, b: string, from: number): number {
  const max = Math.min(a.length, b.length - from);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(from + i)) i++;
  return i;
}

/** Collects keys, then `build()` flattens them. Insert indices in ascending order. */
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
    node[kind].push(index);
  }

  build(extraPool: readonly number[] = []): FlatRadix & { extraStart: number } {
    // Depth-first (pre-order) ids: one walk then reads nodes, labels and candidate runs that
    // sit close together, which matters once the table no longer fits in the CPU caches.
    const order: BuildNode[] = [];
    const kidsOf: BuildNode[][] = [];
    const idOf = new Map<BuildNode, number>();
    let depth = 0;
    const stack: [BuildNode, number][] = [[this.#root, 1]];
    while (stack.length > 0) {
      const [n, d] = stack.pop()!;
      idOf.set(n, order.length);
      order.push(n);
      if (d > depth) depth = d;
      const kids = n.children === null ? [] : [...n.children.values()];
      kids.sort((x, y) => x.label.charCodeAt(0) - y.label.charCodeAt(0));
      kidsOf.push(kids);
      for (let k = kids.length - 1; k >= 0; k--) stack.push([kids[k]!, d + 1]);
    }
    const nodes = new Int32Array(order.length * NODE_STRIDE);
    const childChars = new Uint16Array(order.length - 1);
    const childNodes = new Int32Array(order.length - 1);
    const pool: number[] = [];
    const labels: string[] = [];
    let labelLength = 0;
    let nextChild = 0;
    for (let i = 0; i < order.length; i++) {
      const n = order[i]!;
      const b = i * NODE_STRIDE;
      nodes[b + LABEL_START] = labelLength;
      nodes[b + LABEL_LENGTH] = n.label.length;
      labels.push(n.label);
      labelLength += n.label.length;
      const kids = kidsOf[i]!;
      nodes[b + CHILD_START] = nextChild;
      nodes[b + CHILD_COUNT] = kids.length;
      for (const kid of kids) {
        childChars[nextChild] = kid.label.charCodeAt(0);
        childNodes[nextChild++] = idOf.get(kid)!;
      }
      nodes[b + EXACT_START] = pool.length;
      nodes[b + EXACT_LENGTH] = n.exact.length;
      for (const x of n.exact) pool.push(x);
      nodes[b + PREFIX_START] = pool.length;
      nodes[b + PREFIX_LENGTH] = n.prefix.length;
      for (const x of n.prefix) pool.push(x);
    }
    const extraStart = pool.length;
    for (const x of extraPool) pool.push(x);
    return { nodes, labels: labels.join(""), childChars, childNodes, pool: Int32Array.from(pool), depth: depth + 1, extraStart };
  }
}
