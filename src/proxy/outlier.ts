import type { SnapshotOutlier } from "../snapshot";

interface NodeHealth {
  consecutive: number;
  /** Epoch ms until which the node is ejected; 0 = not ejected. */
  ejectedUntil: number;
}

/**
 * Outlier detection kept per isolate (each isolate judges the upstreams it talks to, as each
 * Envoy did): `maxServerErrors` consecutive 5xx (or connection failures) eject a virtual node
 * for `baseEjectionDuration`, as long as no more than `maxEjectionPercent` of the route's
 * targets are ejected (at least one may always be, as App Mesh documents). An ejected node is
 * let back in once its time is up; `interval` is not needed because the return is checked
 * lazily at pick time.
 */
export class OutlierTracker {
  readonly #nodes = new Map<string, NodeHealth>();
  /**
   * At least the number of nodes whose `ejectedUntil` is set. isEjected clears an expired one
   * (record relies on that reset), so anyEjected must look while this is above 0; at 0 no lookup
   * could answer true or clear anything, and it skips them all.
   */
  #marked = 0;

  #key(mesh: string, node: string): string {
    return `${mesh}\u0000${node}`;
  }

  /** True when the node is currently ejected. */
  isEjected(mesh: string, node: string, now: number): boolean {
    const h = this.#nodes.get(this.#key(mesh, node));
    if (!h || h.ejectedUntil === 0) return false;
    if (h.ejectedUntil > now) return true;
    h.ejectedUntil = 0;
    h.consecutive = 0;
    this.#marked--;
    return false;
  }

  /** True when at least one of `nodes` is ejected (so the pick has to skip it). */
  anyEjected(mesh: string, nodes: readonly { virtualNode: string }[], now: number): boolean {
    if (this.#marked === 0) return false;
    for (let i = 0; i < nodes.length; i++) if (this.isEjected(mesh, (nodes[i] as { virtualNode: string }).virtualNode, now)) return true;
    return false;
  }

  /**
   * Records one attempt's outcome for `node` (serverError = 5xx or no connection). Returns true
   * when this outcome ejected the node.
   */
  record(
    mesh: string,
    node: string,
    serverError: boolean,
    cfg: SnapshotOutlier | null,
    routeNodes: readonly { virtualNode: string }[],
    now: number,
  ): boolean {
    if (!cfg) return false;
    const key = this.#key(mesh, node);
    let h = this.#nodes.get(key);
    if (!serverError) {
      if (h && h.ejectedUntil === 0) h.consecutive = 0;
      return false;
    }
    if (!h) this.#nodes.set(key, (h = { consecutive: 0, ejectedUntil: 0 }));
    if (h.ejectedUntil > now) return false;
    h.consecutive++;
    if (h.consecutive < cfg.maxServerErrors) return false;
    let ejected = 0;
    for (const t of routeNodes) if (t.virtualNode !== node && this.isEjected(mesh, t.virtualNode, now)) ejected++;
    const allowed = Math.max(1, Math.floor((cfg.maxEjectionPercent * routeNodes.length) / 100));
    if (ejected >= allowed) return false;
    if (h.ejectedUntil === 0) this.#marked++;
    h.ejectedUntil = now + cfg.baseEjectionMs;
    h.consecutive = 0;
    return true;
  }
}

/** The isolate's tracker. */
export const outliers = new OutlierTracker();
