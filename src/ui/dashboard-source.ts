import type { UiMetrics } from "./build-live-view";
import type { UiResources } from "./resource-input";
import type { UiRoutePolicy } from "./route-settings";
import type { MetricsTimeline } from "../metrics/timeline";
import type { RolloutView } from "./view-types";

/**
 * Where the dashboard reads from. The Worker's implementation (`env-source.ts`) asks the mesh
 * Durable Objects over RPC; keeping it behind this interface keeps the pages pure renderers.
 */
export interface DashboardSource {
  /** Every mesh the deployment holds, by name. */
  listMeshes(): Promise<{ meshName: string; detail?: string }[]>;
  /** All ACTIVE resources of one mesh, or undefined when there is no such mesh. */
  getResources(meshName: string): Promise<UiResources | undefined>;
  /** Metrics over the last `windowSeconds`, or a note saying why there are none. */
  getMetrics(meshName: string, windowSeconds: number): Promise<UiMetrics | { unavailable: string }>;
  /** Rollouts of the mesh (live, and the latest finished), with history, or a note saying why there are none. */
  getRollouts(meshName: string): Promise<RolloutView[] | { unavailable: string }>;
  /** One rollout with its full history, or a note saying why not (e.g. no such rollout). */
  getRollout(meshName: string, name: string): Promise<RolloutView | { unavailable: string }>;
  /** Metrics bucket by bucket over the last `windowSeconds` (the charts), or a note. */
  getTimeline(meshName: string, windowSeconds: number): Promise<MetricsTimeline | { unavailable: string }>;
  /** The route policies (sticky split key, mirror) of the mesh's routes, or a note. */
  getPolicies(meshName: string): Promise<UiRoutePolicy[] | { unavailable: string }>;
}
