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
}

/** Where background refreshes are registered (the request's ExecutionContext). */
type Background = { waitUntil(p: Promise<unknown>): void };

/**
 * The isolate's view of every served mesh: snapshot cache, registry list and the Host index,
 * rebuilt only when a snapshot or the mesh list changes.
 */
export class EntryIndex {
  readonly snapshots = new SnapshotCache();
  readonly names = new NameListCache();
  #built: EntryPoints = { byHost: new Map(), gateways: [] };
  #builtAt = -1;
  #namesAt = -1;

  /**
   * The entry points now; a promise only when they must wait for the Durable Objects: on the
   * first mesh-list fetch (SERVED_MESHES "*", again after invalidate), while a served mesh was
   * never loaded (or was invalidated), or when a snapshot is older than the whole TTL.
   */
  current(cfg: ProxyConfig, source: SnapshotSource, now: number, bg: Background): EntryPoints | Promise<EntryPoints> {
    const served = cfg.servedMeshes === "*" ? this.names.get(source, cfg.snapshotTtlMs, now, bg) : cfg.servedMeshes;
    if (served instanceof Promise) return served.then(() => this.current(cfg, source, Date.now(), bg));
    const gw = cfg.servedGateways;
    let cold: Promise<unknown>[] | null = null;
    for (let i = 0, n = served.length + (gw === "*" ? 0 : gw.length); i < n; i++) {
      const name = i < served.length ? (served[i] as string) : (gw as readonly { mesh: string }[])[i - served.length]!.mesh;
      const e = this.snapshots.peek(name, source, cfg.snapshotTtlMs, now, bg);
      if (e === undefined) (cold ??= []).push(this.snapshots.load(name, source));
      else if (e instanceof Promise) (cold ??= []).push(e);
    }
    if (cold) return Promise.all(cold).then(() => this.current(cfg, source, Date.now(), bg));
    if (this.#builtAt !== this.snapshots.generation || this.#namesAt !== this.names.generation) {
      this.#built = this.#build(cfg, served);
      this.#builtAt = this.snapshots.generation;
      this.#namesAt = this.names.generation;
    }
    return this.#built;
  }

  #build(cfg: ProxyConfig, served: readonly string[]): EntryPoints {
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
    return { byHost, gateways };
  }
}

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
