import { AppMeshError } from "../shared/errors";
import { nameProblem } from "../shared/name-rules";
import { type MeshRpc, meshStub, registryStub } from "../do-client/stubs";
import type { RpcResult } from "../shared/rpc-result";
import { callDelivery } from "../do-client/delivery-client";
import type { DashboardSource } from "./dashboard-source";
import type { UiResources } from "./resource-input";
import type { RolloutView } from "./view-types";

/** A name the API would accept (1-255 characters, src/api/resource-names); anything else never reaches a Durable Object. */
function isMeshName(name: string): boolean {
  return name.length >= 1 && name.length <= 255 && nameProblem(name) === undefined;
}

/** Live rollouts, plus this many finished ones (most recent first), are shown. */
const FINISHED_SHOWN = 3;
const MAX_MESHES = 1000;

/** A delivery operation's result (the delivery API's own client), or why the dashboard goes without it. */
async function delivered<T>(
  env: Env,
  mesh: string,
  what: string,
  call: (stub: MeshRpc) => Promise<RpcResult<T>>,
): Promise<T | { unavailable: string }> {
  try {
    return await callDelivery(env, mesh, call);
  } catch (err) {
    if (err instanceof AppMeshError) return { unavailable: `${what}: ${err.message}` };
    return { unavailable: `${what} is not available: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** The dashboard's data from the Worker's Durable Object bindings (`MESH`, `REGISTRY`). */
export function envSource(env: Env): DashboardSource {
  return {
    async listMeshes() {
      const stub = registryStub(env);
      const out: { meshName: string; detail?: string }[] = [];
      let token: string | undefined;
      do {
        const page = await stub.list(100, token);
        if (!page.ok) throw new Error(page.error.message);
        for (const m of page.value.items)
          out.push(typeof m.version === "number" ? { meshName: m.meshName, detail: `version ${m.version}` } : { meshName: m.meshName });
        token = page.value.nextToken;
      } while (token !== undefined && out.length < MAX_MESHES);
      return out;
    },

    async getResources(name) {
      if (!isMeshName(name)) return undefined;
      // The DO returns the API's JSON shapes; the dashboard reads them defensively (UiResources).
      if (!(await registryStub(env).has(name))) return undefined;
      return (await meshStub(env, name).getResources()) as UiResources | undefined;
    },

    getMetrics(name, windowSeconds) {
      return delivered(env, name, "metrics", (s) => s.metricsReport(windowSeconds));
    },

    async getRollouts(name) {
      const list = await delivered(env, name, "listRollouts", (s) => s.listRollouts());
      if (!Array.isArray(list)) return list;
      const live = list.filter((r) => r.status === "PROGRESSING" || r.status === "PAUSED");
      const done = list
        .filter((r) => !live.includes(r))
        .sort((a, b) => b.lastUpdatedAt - a.lastUpdatedAt)
        .slice(0, FINISHED_SHOWN);
      return Promise.all(
        [...live, ...done].map(async (r): Promise<RolloutView> => {
          const d = await delivered(env, name, "describeRollout", (s) => s.describeRollout(r.rolloutName));
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
        }),
      );
    },
  };
}
