import { emptyCounters, mergeCounters, recordRequest, type SeriesCounters } from "./counters";

/** Counters of one series as flushed from an isolate to the mesh's Durable Object. */
export interface SeriesDelta {
  route: string;
  node: string;
  counters: SeriesCounters;
}

/** Everything an isolate counted for one mesh since its last flush. */
export interface MeshMetricsDelta {
  mesh: string;
  series: SeriesDelta[];
}

type RouteMap = Map<string, Map<string, SeriesCounters>>;

/**
 * Per-isolate counters, fed once per finished request and drained as deltas by the flusher.
 * Nested maps (mesh -> route -> node) so the hot path allocates nothing once a series exists.
 */
export class MetricsRecorder {
  #meshes = new Map<string, RouteMap>();
  #pending = 0;

  /** The node map of one mesh's route, created on first use. */
  #nodes(mesh: string, route: string): Map<string, SeriesCounters> {
    let routes = this.#meshes.get(mesh);
    if (routes === undefined) this.#meshes.set(mesh, (routes = new Map()));
    let nodes = routes.get(route);
    if (nodes === undefined) routes.set(route, (nodes = new Map()));
    return nodes;
  }

  /** Counts one finished request of `mesh` answered through `route` by `node` (`stale`: by an old snapshot). */
  record(mesh: string, route: string, node: string, status: number, durationMs: number, stale = false): void {
    const nodes = this.#nodes(mesh, route);
    let c = nodes.get(node);
    if (c === undefined) nodes.set(node, (c = emptyCounters()));
    recordRequest(c, status, durationMs, stale);
    this.#pending++;
  }

  /** Requests counted since the last drain. */
  get pending(): number {
    return this.#pending;
  }

  /** Takes every counted delta and starts from zero again. */
  drain(): MeshMetricsDelta[] {
    const out: MeshMetricsDelta[] = [];
    for (const [mesh, routes] of this.#meshes) {
      const series: SeriesDelta[] = [];
      for (const [route, nodes] of routes) {
        for (const [node, counters] of nodes) series.push({ route, node, counters });
      }
      out.push({ mesh, series });
    }
    this.#meshes = new Map();
    this.#pending = 0;
    return out;
  }

  /** Puts deltas back after a failed flush, so they go out with the next one. */
  restore(deltas: readonly MeshMetricsDelta[]): void {
    for (const d of deltas) {
      for (const s of d.series) {
        const nodes = this.#nodes(d.mesh, s.route);
        const existing = nodes.get(s.node);
        if (existing === undefined) nodes.set(s.node, s.counters);
        else mergeCounters(existing, s.counters);
        this.#pending += s.counters.requests;
      }
    }
  }
}
