/**
 * Evaluation order of routes and gateway routes.
 *
 * App Mesh orders by `priority` (0 first; routes without a priority after every route with one)
 * and leaves ties unspecified. meshedge breaks ties by specificity, in the spirit of the Gateway
 * API's precedence rules, then by name, so that the order never depends on creation order:
 *   1. priority ascending, missing priority last;
 *   2. path kind: exact, then regex, then prefix, then none (gRPC without serviceName, TCP);
 *      regexes come before prefixes so that a catch-all prefix "/" never hides them;
 *   3. longer path value first (a longer prefix is more specific; for regexes, the longer
 *      pattern, which is merely deterministic);
 *   4. more conditions first (headers + query parameters + method + scheme + port + hostname);
 *   5. name ascending (UTF-16 code unit order);
 *   6. input position (only when names repeat).
 */
import type { MatchConditions } from "./types";

const PATH_KIND_ORDER = { exact: 0, regex: 1, prefix: 2, any: 3 } as const;

/** Priority used for ordering: a missing priority sorts after the largest legal one (1000). */
function effectivePriority(priority: number | undefined): number {
  return priority === undefined ? 1001 : priority;
}

/** Number of non-path conditions of a route (rule 4). */
function conditionCount(c: MatchConditions): number {
  return (
    c.headers.length +
    c.query.length +
    (c.method === undefined ? 0 : 1) +
    (c.scheme === undefined ? 0 : 1) +
    (c.port === undefined ? 0 : 1) +
    (c.hostname === undefined ? 0 : 1)
  );
}

/** Sorts compiled entries into evaluation order (stable: input position is the last key). */
export function sortByRank<T extends MatchConditions>(entries: readonly T[]): T[] {
  const keyed = entries.map((entry, position) => ({ entry, position, count: conditionCount(entry) }));
  keyed.sort((a, b) => {
    const x = a.entry;
    const y = b.entry;
    return (
      effectivePriority(x.priority) - effectivePriority(y.priority) ||
      PATH_KIND_ORDER[x.path.kind] - PATH_KIND_ORDER[y.path.kind] ||
      y.path.value.length - x.path.value.length ||
      b.count - a.count ||
      (x.name < y.name ? -1 : x.name > y.name ? 1 : 0) ||
      a.position - b.position
    );
  });
  return keyed.map((k) => k.entry);
}
