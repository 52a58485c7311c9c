import type { UiMetrics } from "./build-live-view";
import type { DashboardSource } from "./dashboard-source";
import type { UiResources } from "./resource-input";
import type { RolloutView } from "./view-types";

/*
 * The RPC surface the dashboard uses, declared structurally (the Durable Object classes own the
 * real signatures): mesh objects' `getResources()` and `delivery(op)`, the registry's `list()`.
 */
type Delivered<T> = { value: T } | { error: { type: string; message: string } };
interface MeshRpc {
  getResources(): Promise<unknown>;
  delivery(op: { op: "metrics"; windowSeconds: number } | { op: "listRollouts" } | { op: "describeRollout"; name: string }): Promise<unknown>;
}
interface RegistryRpc {
  list(limit: number, nextToken?: string): Promise<{ ok: true; value: { items: { meshName: string; version?: unknown }[]; nextToken?: string } } | { ok: false; error: { message: string } }>;
}
interface Namespace<T> {
  idFromName(name: string): DurableObjectId;
  get(id: DurableObjectId): T;
}
interface RolloutSummary { rolloutName: string; virtualRouterName: string; routeName: string; status: string; canaryWeight: number; lastUpdatedAt: number }
interface RolloutDetail { spec: { primaryVirtualNode: string; canaryVirtualNode: string; maxWeight: number } }

/** App Mesh resource names are 1-255 characters; anything else never reaches a Durable Object. */
function isMeshName(name: string): boolean {
  return name.length >= 1 && name.length <= 255 && !/[\u0000-\u001f]/.test(name);
}

/** Live rollouts, plus this many finished ones (most recent first), are shown. */
const FINISHED_SHOWN = 3;
const MAX_MESHES = 1000;

/** The dashboard's data from the Worker's Durable Object bindings (`MESH`, `REGISTRY`). */
export function envSource(env: Env): DashboardSource {
  const e = env as unknown as { MESH: Namespace<MeshRpc>; REGISTRY?: Namespace<RegistryRpc> };
  const mesh = (name: string) => e.MESH.get(e.MESH.idFromName(name));
  const delivered = async <T,>(name: string, op: Parameters<MeshRpc["delivery"]>[0]): Promise<T | { unavailable: string }> => {
    try {
      const r = (await mesh(name).delivery(op)) as Delivered<T>;
      return "error" in r ? { unavailable: `${op.op}: ${r.error.message}` } : r.value;
    } catch (err) {
      return { unavailable: `${op.op} is not available: ${err instanceof Error ? err.message : String(err)}` };
    }
  };

  return {
    async listMeshes() {
      if (!e.REGISTRY) return [];
      const stub = e.REGISTRY.get(e.REGISTRY.idFromName("registry"));
      const out: { meshName: string; detail?: string }[] = [];
      let token: string | undefined;
      do {
        const page = await stub.list(100, token);
        if (!page.ok) throw new Error(page.error.message);
        for (const m of page.value.items) out.push(typeof m.version === "number" ? { meshName: m.meshName, detail: `version ${m.version}` } : { meshName: m.meshName });
        token = page.value.nextToken;
      } while (token !== undefined && out.length < MAX_MESHES);
      return out;
    },

    async getResources(name) {
      if (!isMeshName(name)) return undefined;
      // The DO returns the API's JSON shapes; the dashboard reads them defensively (UiResources).
      return (await mesh(name).getResources()) as UiResources | undefined;
    },

    getMetrics(name, windowSeconds) {
      return delivered<UiMetrics>(name, { op: "metrics", windowSeconds });
    },

    async getRollouts(name) {
      const list = await delivered<RolloutSummary[]>(name, { op: "listRollouts" });
      if (!Array.isArray(list)) return list;
      const live = list.filter((r) => r.status === "PROGRESSING" || r.status === "PAUSED");
      const done = list.filter((r) => !live.includes(r)).sort((a, b) => b.lastUpdatedAt - a.lastUpdatedAt).slice(0, FINISHED_SHOWN);
      return Promise.all([...live, ...done].map(async (r): Promise<RolloutView> => {
        const d = await delivered<RolloutDetail>(name, { op: "describeRollout", name: r.rolloutName });
        const spec = "spec" in d ? d.spec : undefined;
        return {
          name: r.rolloutName,
          route: `${r.virtualRouterName}/${r.routeName}`,
          state: r.status,
          primary: spec?.primaryVirtualNode ?? "?",
          canary: spec?.canaryVirtualNode ?? "?",
          canaryWeight: r.canaryWeight,
          maxWeight: spec?.maxWeight ?? 100,
        };
      }));
    },
  };
}
