import { AppMeshError } from "../../src/shared/errors";
import { captureAsync, type RpcResult } from "../../src/shared/rpc-result";
import { mergeRoutePolicy, type RoutePolicyData, type RoutePolicyInput, type RoutePolicyPatch } from "../../src/rollouts/route-policy";
import type { SeriesDelta } from "../../src/metrics/recorder";
import type { MetricsReport } from "../../src/metrics/report";
import type { MetricsTimeline } from "../../src/metrics/timeline";
import type { CreateRolloutInput } from "../../src/rollouts/schema";
import type { ManualAction } from "../../src/rollouts/state-machine";
import { MeshMetrics, metricsConfig } from "../metrics/mesh-metrics";
import { RolloutEngine, type RolloutHost } from "./rollout-engine";
import { RolloutStore } from "./rollout-store";
import { RoutePolicyStore } from "./route-policy-store";
import type { RolloutSummary, RolloutView } from "./rollout-view";

/** What the delivery extension needs from the mesh DO beyond the rollout host. */
export interface DeliveryHost extends RolloutHost {
  /** Throws NotFoundException when the mesh does not exist (or is deleted). */
  requireMesh(): void | Promise<void>;
  /** A route policy changed: bump the config version and recompile the snapshot. */
  routingChanged(): void | Promise<void>;
  /** The uid of the ACTIVE mesh (undefined when there is none). */
  meshUid(): string | undefined;
  /** The uid of an ACTIVE route (undefined when there is none). */
  routeUid(virtualRouterName: string, routeName: string): string | undefined;
}

/** The route fields the snapshot hook reads from MeshResources. */
interface RouteRef {
  virtualRouterName: string;
  routeName: string;
  metadata: { uid: string };
}

const MESH_UID_KEY = "mesh_uid";

/**
 * Metrics, rollouts and route policies of one mesh, living inside its Durable Object. The DO
 * constructs one and delegates `ingestMetrics`, one RPC method per operation, `alarm()` and the
 * policies for the snapshot to it; `hostFor()` gives access to the control plane
 * of the mesh this object holds.
 */
export class Delivery {
  readonly #metrics: MeshMetrics;
  readonly #rollouts: RolloutEngine;
  readonly #policies: RoutePolicyStore;
  readonly #hostFor: () => DeliveryHost;
  /** The rollouts' store, whose small key-value table also remembers the mesh uid. */
  readonly #kv: RolloutStore;

  constructor(
    storage: DurableObjectStorage,
    env: { METRICS_BUCKET_SECONDS?: string; METRICS_RETENTION_SECONDS?: string },
    hostFor: () => DeliveryHost,
  ) {
    this.#metrics = new MeshMetrics(storage.sql, metricsConfig(env));
    this.#kv = new RolloutStore(storage.sql);
    this.#rollouts = new RolloutEngine(storage, this.#kv);
    this.#policies = new RoutePolicyStore(storage.sql);
    this.#hostFor = hostFor;
    this.#metrics.onIngest((series) => this.#rollouts.ingest(series));
  }

  /** The DO alarm: the due rollout checks (none once the mesh is gone). */
  async alarm(): Promise<void> {
    const host = this.#hostFor();
    if (!this.#sameGeneration(host)) return;
    await this.#rollouts.alarm(host);
  }

  /**
   * Policies that apply to the compiled snapshot: only those written for the route that exists
   * now (same uid), so a deleted and re-created route does not inherit an old mirror or split key.
   */
  policiesFor(resources: { routes: readonly RouteRef[] }): RoutePolicyData[] {
    const uids = new Map(resources.routes.map((r) => [`${r.virtualRouterName}/${r.routeName}`, r.metadata.uid]));
    return this.#policies
      .list()
      .filter((p) => p.routeUid !== undefined && uids.get(`${p.virtualRouterName}/${p.routeName}`) === p.routeUid);
  }

  /**
   * Delivery state belongs to one incarnation of the mesh: when the mesh was deleted and created
   * again (new uid), the old rollouts, history, policies and metrics are dropped first. Returns
   * false when the mesh does not exist.
   */
  #sameGeneration(host: DeliveryHost): boolean {
    const uid = host.meshUid();
    if (uid === undefined) return false;
    const stored = this.#kv.getValue(MESH_UID_KEY);
    if (stored !== uid) {
      if (stored !== undefined) this.#clear();
      this.#kv.setValue(MESH_UID_KEY, uid);
    }
    return true;
  }

  #clear(): void {
    this.#kv.clearRollouts();
    this.#policies.clear();
    this.#metrics.clear();
  }

  /** An isolate's metrics delta (no existence checks: this is the hot write path). */
  ingestMetrics(series: readonly SeriesDelta[]): void {
    this.#metrics.ingest(series);
  }

  /** The metrics report of the last `windowSeconds`. */
  metrics(windowSeconds: number): Promise<RpcResult<MetricsReport>> {
    return this.#run((host) => this.#metrics.report(host.meshName, windowSeconds));
  }

  /** Bucket-by-bucket metrics of the last `windowSeconds` (the dashboard's charts). */
  timeline(windowSeconds: number): Promise<RpcResult<MetricsTimeline>> {
    return this.#run((host) => this.#metrics.timeline(host.meshName, windowSeconds));
  }

  /** Every route policy of the routes that exist now (the dashboard shows them with the route). */
  listRoutePolicies(): Promise<RpcResult<RoutePolicyData[]>> {
    return this.#run((host) =>
      this.#policies.list().flatMap((p) => {
        const current = this.#policies.get(p.virtualRouterName, p.routeName, host.routeUid(p.virtualRouterName, p.routeName));
        return current === undefined ? [] : [current];
      }),
    );
  }

  createRollout(input: CreateRolloutInput): Promise<RpcResult<RolloutView["rollout"]>> {
    return this.#run(async (host) => (await this.#rollouts.create(host, input)).rollout);
  }

  describeRollout(name: string): Promise<RpcResult<RolloutView["rollout"]>> {
    return this.#run((host) => this.#rollouts.describe(host, name).rollout);
  }

  listRollouts(): Promise<RpcResult<RolloutSummary[]>> {
    return this.#run((host) => this.#rollouts.list(host));
  }

  actOnRollout(name: string, action: ManualAction): Promise<RpcResult<RolloutView["rollout"]>> {
    return this.#run(async (host) => (await this.#rollouts.act(host, name, action)).rollout);
  }

  deleteRollout(name: string): Promise<RpcResult<RolloutView["rollout"]>> {
    return this.#run((host) => this.#rollouts.remove(host, name).rollout);
  }

  putRoutePolicy(router: string, route: string, input: RoutePolicyInput): Promise<RpcResult<RoutePolicyData>> {
    return this.#run(async (host) => {
      await host.readRouteSpec(router, route);
      if (input.mirror !== undefined) await host.requireVirtualNode(input.mirror.virtualNode);
      const data = this.#policies.put(host.meshName, router, route, input, Date.now(), host.routeUid(router, route) ?? "");
      await host.routingChanged();
      return data;
    });
  }

  /**
   * Merges `patch` into the route's policy (a missing policy counts as empty): splitKey and mirror
   * independently, `null` removing one. Removing the last member deletes the policy; the answer
   * then carries neither member.
   */
  patchRoutePolicy(router: string, route: string, patch: RoutePolicyPatch): Promise<RpcResult<RoutePolicyData>> {
    return this.#run(async (host) => {
      await host.readRouteSpec(router, route);
      const uid = host.routeUid(router, route) ?? "";
      const stored = this.#policies.get(router, route, uid);
      if (patch.mirror) await host.requireVirtualNode(patch.mirror.virtualNode);
      const merged = mergeRoutePolicy(stored, patch);
      let data: RoutePolicyData;
      if (merged !== undefined) data = this.#policies.put(host.meshName, router, route, merged, Date.now(), uid);
      else if (stored === undefined) return notFound(router, route);
      else {
        this.#policies.delete(router, route);
        const { splitKey: _s, mirror: _m, ...rest } = stored;
        data = { ...rest, version: stored.version + 1, lastUpdatedAt: Math.floor(Date.now() / 1000) };
      }
      await host.routingChanged();
      return data;
    });
  }

  getRoutePolicy(router: string, route: string): Promise<RpcResult<RoutePolicyData>> {
    return this.#run(async (host) => {
      await host.readRouteSpec(router, route);
      return this.#policies.get(router, route, host.routeUid(router, route)) ?? notFound(router, route);
    });
  }

  deleteRoutePolicy(router: string, route: string): Promise<RpcResult<RoutePolicyData>> {
    return this.#run(async (host) => {
      const old = this.#policies.get(router, route, host.routeUid(router, route)) ?? notFound(router, route);
      this.#policies.delete(router, route);
      await host.routingChanged();
      return old;
    });
  }

  /**
   * Runs one operation on the mesh this object holds (its name read from its own store, never
   * taken from the caller), after the existence and generation checks; AppMeshErrors come back as data.
   */
  #run<T>(fn: (host: DeliveryHost) => T | Promise<T>): Promise<RpcResult<T>> {
    return captureAsync(async () => {
      const host = this.#hostFor();
      await host.requireMesh();
      this.#sameGeneration(host);
      return fn(host);
    });
  }
}

function notFound(router: string, route: string): never {
  throw new AppMeshError("NotFoundException", `Route ${route} of virtual router ${router} has no policy`);
}
