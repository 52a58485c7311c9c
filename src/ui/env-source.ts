import { AppMeshError } from "../shared/errors";
import { nameProblem } from "../shared/name-rules";
import { type MeshRpc, meshStub, registryStub } from "../do-client/stubs";
import type { RpcResult } from "../shared/rpc-result";
import { callDelivery } from "../do-client/delivery-client";
import type { DashboardSource } from "./dashboard-source";
import type { UiResources } from "./resource-input";
import type { RolloutView } from "./view-types";
import type { RolloutSummary, RolloutView as DescribeOutput } from "../../durable/rollouts/rollout-view";

type DescribedRollout = DescribeOutput["rollout"];

/** A name the API would accept (1-255 characters, src/api/resource-names); anything else never reaches a Durable Object. */
function isMeshName(name: string): boolean {
  return name.length >= 1 && name.length <= 255 && nameProblem(name) === undefined;
}

/** Live rollouts, plus this many finished ones (most recent first), are shown. */
const FINISHED_SHOWN = 10;
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

/** A rollout as the dashboard shows it, from the delivery API's describe output. */
function toUiRollout(d: DescribedRollout): RolloutView {
  return {
    name: d.rolloutName,
    route: `${d.spec.virtualRouterName}/${d.spec.routeName}`,
    state: d.status.status,
    primary: d.spec.primaryVirtualNode,
    canary: d.spec.canaryVirtualNode,
    canaryWeight: d.status.canaryWeight,
    maxWeight: d.spec.maxWeight,
    startedAt: d.createdAt,
    finishedAt: d.finishedAt,
    message: d.status.message,
    history: d.history,
  };
}

/** What the list gives when describe failed (the rollout was deleted in between, say). */
function fromSummary(r: RolloutSummary): RolloutView {
  return {
    name: r.rolloutName,
    route: `${r.virtualRouterName}/${r.routeName}`,
    state: r.status,
    primary: "?",
    canary: "?",
    canaryWeight: r.canaryWeight,
    maxWeight: 100,
    startedAt: r.createdAt,
    finishedAt: r.finishedAt,
    message: r.message,
  };
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
          return "spec" in d ? toUiRollout(d) : { ...fromSummary(r), message: d.unavailable };
        }),
      );
    },

    async getRollout(name, rollout) {
      if (!isMeshName(name) || !isMeshName(rollout)) return { unavailable: `Rollout ${rollout} not found in mesh ${name}` };
      const d = await delivered(env, name, "describeRollout", (s) => s.describeRollout(rollout));
      return "spec" in d ? toUiRollout(d) : d;
    },

    getTimeline(name, windowSeconds) {
      return delivered(env, name, "metrics", (s) => s.metricsTimeline(windowSeconds));
    },

    getPolicies(name) {
      return delivered(env, name, "route policies", (s) => s.listRoutePolicies());
    },
  };
}
