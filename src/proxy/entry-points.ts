import type { SnapshotService } from "../snapshot";
import type { ProxyConfig } from "./config";
import type { LoadedGateway, LoadedMesh } from "./loaded-mesh";
import { NameListCache } from "./name-list-cache";
import { SnapshotCache } from "./snapshot-cache";
import type { SnapshotSource } from "./snapshot-source";

export interface ServiceEntry {
  mesh: LoadedMesh;
  service: SnapshotService;
}

/** What a request can enter through, derived from the served snapshots (no I/O per request). */
export interface EntryPoints {
  /** Lower-cased virtual service name -> service. On a clash the first served mesh wins. */
  byHost: Map<string, ServiceEntry>;
  /** Served gateways in evaluation order: SERVED_GATEWAYS list order, or for "*" served mesh order, then gateway name. */
  gateways: LoadedGateway[];
  /**
   * Why part of the configuration is unknown (the mesh list, or a served mesh whose Durable
   * Object never answered this isolate), or null. A request that matches nothing then gets
   * 503 `config_unavailable` with it instead of 404 `no_route`.
   */
  unavailable: string | null;
}

/** Where background refreshes are registered (the request's ExecutionContext). */
type Background = { waitUntil(p: Promise<unknown>): void };

/**
 * How often, at most, a served mesh no request was routed to is refreshed anyway (in the
 * background, on the next request): host clashes between meshes settle within this.
 */
export const IDLE_MESH_REFRESH_MS = 30_000;

/**
 * The isolate's view of every served mesh: snapshot cache, registry list and the Host index,
 * rebuilt only when a snapshot, the mesh list or the config changes.
 *
 * Which meshes are refreshed: every served mesh is loaded once (its hosts are unknown until
 * then); after that a mesh is refreshed (background, from half the TTL) when a request is routed
 * to it (`routed`), every served mesh when a request matches nothing (`missed`: a new host may
 * belong to any of them), and any mesh at least every IDLE_MESH_REFRESH_MS while the isolate gets
 * traffic. No request waits for a refresh of a mesh it has a snapshot of.
 */
export class EntryIndex {
  readonly snapshots = new SnapshotCache();
  readonly names = new NameListCache();
  #built: EntryPoints = { byHost: new Map(), gateways: [], unavailable: null };
  #builtAt = -1;
  #builtFor: ProxyConfig | null = null;
  #builtFrom: readonly string[] | null = null;
  /** Served meshes plus the meshes of listed gateways, as of the last build. */
  #wanted: readonly string[] = [];
  #sweepAt = 0;

  /**
   * The entry points now; a promise only when they must wait for a Durable Object, at most one
   * call bound per stage: the first mesh-list fetch (SERVED_MESHES "*", again after invalidate),
   * and the first load of a served mesh (again after invalidate).
   */
  current(cfg: ProxyConfig, source: SnapshotSource, now: number, bg: Background): EntryPoints | Promise<EntryPoints> {
    const served = cfg.servedMeshes === "*" ? this.names.get(source, cfg.snapshotTtlMs, cfg.doCallTimeoutMs, now, bg) : cfg.servedMeshes;
    if (served instanceof Promise) return served.then(() => this.current(cfg, source, Date.now(), bg));
    if (served === null) return NO_MESH_LIST;
    if (this.#builtAt !== this.snapshots.generation || this.#builtFor !== cfg || this.#builtFrom !== served) {
      const wait = this.#rebuild(cfg, served, source, bg);
      if (wait) return wait.then(() => this.current(cfg, source, Date.now(), bg));
    }
    if (now >= this.#sweepAt) this.#sweep(cfg, source, now, bg);
    return this.#built;
  }

  /** A request was routed to `mesh`: refresh it when due (background). True when served stale. */
  routed(mesh: string, cfg: ProxyConfig, source: SnapshotSource, now: number, bg: Background): boolean {
    return this.snapshots.touch(mesh, source, cfg.snapshotTtlMs, cfg.doCallTimeoutMs, now, bg);
  }

  /**
   * A request matched no host and no gateway: refresh every served mesh that is due (background),
   * since the host may be new in any of them. True when a snapshot older than the TTL was used.
   */
  missed(cfg: ProxyConfig, source: SnapshotSource, now: number, bg: Background): boolean {
    let stale = false;
    for (const name of this.#wanted) {
      if (this.snapshots.touch(name, source, cfg.snapshotTtlMs, cfg.doCallTimeoutMs, now, bg) && this.snapshots.get(name)!.confirmedAt > 0)
        stale = true;
    }
    return stale;
  }

  /** Every served mesh not refreshed for IDLE_MESH_REFRESH_MS, in the background. */
  #sweep(cfg: ProxyConfig, source: SnapshotSource, now: number, bg: Background): void {
    this.#sweepAt = now + IDLE_MESH_REFRESH_MS;
    for (const name of this.#wanted) this.snapshots.touch(name, source, IDLE_MESH_REFRESH_MS, cfg.doCallTimeoutMs, now, bg);
  }

  /** Rebuilds the index, or returns what must be waited for first (first loads, invalidated meshes). */
  #rebuild(cfg: ProxyConfig, served: readonly string[], source: SnapshotSource, bg: Background): Promise<unknown> | null {
    const gw = cfg.servedGateways;
    const wanted = gw === "*" ? served : [...new Set([...served, ...gw.map((g) => g.mesh)])];
    let waits: Promise<void>[] | null = null;
    for (const name of wanted) {
      const w = this.snapshots.ensure(name, source, cfg.doCallTimeoutMs, bg);
      if (w) (waits ??= []).push(w);
    }
    if (waits) return Promise.all(waits);
    const missing = wanted.filter((n) => this.snapshots.get(n)!.confirmedAt === 0);
    this.#wanted = wanted;
    this.#built = this.#build(cfg, served, missing);
    this.#builtAt = this.snapshots.generation;
    this.#builtFor = cfg;
    this.#builtFrom = served;
    return null;
  }

  #build(cfg: ProxyConfig, served: readonly string[], missing: readonly string[]): EntryPoints {
    const mesh = (n: string) => this.snapshots.get(n)?.mesh ?? null;
    const byHost = new Map<string, ServiceEntry>();
    for (const name of served) {
      const m = mesh(name);
      if (!m) continue;
      for (const [svc, service] of m.services) {
        const key = svc.toLowerCase();
        const had = byHost.get(key);
        if (had) {
          console.warn(JSON.stringify({ kind: "meshedge.host_clash", host: key, served: had.mesh.name, ignored: m.name }));
          continue;
        }
        byHost.set(key, { mesh: m, service });
      }
    }
    const gateways: LoadedGateway[] = [];
    if (cfg.servedGateways === "*") {
      for (const name of served) {
        const m = mesh(name);
        if (m) for (const g of [...m.gateways.keys()].sort()) gateways.push(m.gateways.get(g)!);
      }
    } else {
      for (const { mesh: mn, gateway } of cfg.servedGateways) {
        const g = mesh(mn)?.gateways.get(gateway);
        if (g) gateways.push(g);
      }
    }
    const unavailable =
      missing.length === 0
        ? null
        : `the configuration of mesh ${missing.join(", ")} could not be loaded from its Durable Object yet (retried with back-off)`;
    return { byHost, gateways, unavailable };
  }
}

/** The entry points while the registry never answered (SERVED_MESHES "*"). */
const NO_MESH_LIST: EntryPoints = {
  byHost: new Map(),
  gateways: [],
  unavailable: "the list of meshes could not be read from the registry Durable Object yet (retried with back-off)",
};

/** The isolate's index (module state lives as long as the isolate). */
export const entryIndex = new EntryIndex();

/**
 * Makes this isolate fetch `meshName`'s snapshot again on its next request: the management API
 * calls it after a write so that changes made through an isolate are seen by it at once.
 */
export function invalidateMesh(meshName: string): void {
  entryIndex.snapshots.invalidate(meshName);
  entryIndex.names.invalidate();
}
