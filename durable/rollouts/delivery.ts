import { AppMeshError, type AppMeshErrorData } from "../../src/shared/errors";
import type { RoutePolicyData, RoutePolicyInput } from "../../src/rollouts/route-policy";
import type { SeriesDelta } from "../../src/metrics/recorder";
import type { MetricsReport } from "../../src/metrics/report";
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

/** Operations of the delivery extension, sent through the DO's one `delivery(op)` RPC method. */
export type DeliveryOp =
  | { op: "metrics"; windowSeconds: number }
  | { op: "createRollout"; input: CreateRolloutInput }
  | { op: "describeRollout"; name: string }
  | { op: "listRollouts" }
  | { op: "actOnRollout"; name: string; action: ManualAction }
  | { op: "deleteRollout"; name: string }
  | { op: "putRoutePolicy"; router: string; route: string; input: RoutePolicyInput }
  | { op: "getRoutePolicy"; router: string; route: string }
  | { op: "deleteRoutePolicy"; router: string; route: string };

/** Result type of each operation. */
export interface DeliveryResults {
  metrics: MetricsReport;
  createRollout: RolloutView["rollout"];
  describeRollout: RolloutView["rollout"];
  listRollouts: RolloutSummary[];
  actOnRollout: RolloutView["rollout"];
  deleteRollout: RolloutView["rollout"];
  putRoutePolicy: RoutePolicyData;
  getRoutePolicy: RoutePolicyData;
  deleteRoutePolicy: RoutePolicyData;
}

/** Errors cross the RPC boundary as data (AppMeshError does not survive serialization). */
export type DeliveryResult<T> = { value: T } | { error: AppMeshErrorData };

/**
 * Metrics, rollouts and route policies of one mesh, living inside its Durable Object. The DO
 * constructs one and delegates `ingestMetrics`, `delivery(mesh, op)`, `alarm()` and the
 * policies for the snapshot to it; `hostFor(meshName?)` gives access to the control plane
 * (without a name: the mesh this object holds).
 */
export class Delivery {
  readonly #metrics: MeshMetrics;
  readonly #rollouts: RolloutEngine;
  readonly #policies: RoutePolicyStore;
  readonly #hostFor: (meshName?: string) => DeliveryHost;
  /** The rollouts' store, whose small key-value table also remembers the mesh uid. */
  readonly #kv: RolloutStore;
  readonly #sql: SqlStorage;

  constructor(
    storage: DurableObjectStorage,
    env: { METRICS_BUCKET_SECONDS?: string; METRICS_RETENTION_SECONDS?: string },
    hostFor: (meshName?: string) => DeliveryHost,
  ) {
    this.#metrics = new MeshMetrics(storage.sql, metricsConfig(env));
    this.#kv = new RolloutStore(storage.sql);
    this.#rollouts = new RolloutEngine(storage, this.#kv);
    this.#policies = new RoutePolicyStore(storage.sql);
    this.#hostFor = hostFor;
    this.#sql = storage.sql;
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
    for (const t of ["ext_rollouts", "ext_rollout_history", "ext_route_policies", "ext_metric_buckets"]) this.#sql.exec(`DELETE FROM ${t}`);
  }

  /** An isolate's metrics delta (no existence checks: this is the hot write path). */
  ingestMetrics(series: readonly SeriesDelta[]): void {
    this.#metrics.ingest(series);
  }

  /** Runs one operation (for `meshName`, default: this object's mesh); AppMeshErrors come back as data. */
  async run(op: DeliveryOp, meshName?: string): Promise<DeliveryResult<unknown>> {
    try {
      return { value: await this.#dispatch(this.#hostFor(meshName), op) };
    } catch (err) {
      if (err instanceof AppMeshError) return { error: err.toData() };
      throw err;
    }
  }

  async #dispatch(host: DeliveryHost, op: DeliveryOp): Promise<unknown> {
    await host.requireMesh();
    this.#sameGeneration(host);
    switch (op.op) {
      case "metrics":
        return this.#metrics.report(host.meshName, op.windowSeconds);
      case "createRollout":
        return (await this.#rollouts.create(host, op.input)).rollout;
      case "describeRollout":
        return this.#rollouts.describe(host, op.name).rollout;
      case "listRollouts":
        return this.#rollouts.list(host);
      case "actOnRollout":
        return (await this.#rollouts.act(host, op.name, op.action)).rollout;
      case "deleteRollout":
        return this.#rollouts.remove(host, op.name).rollout;
      case "putRoutePolicy": {
        await host.readRouteSpec(op.router, op.route);
        if (op.input.mirror !== undefined) await host.requireVirtualNode(op.input.mirror.virtualNode);
        const data = this.#policies.put(host.meshName, op.router, op.route, op.input, Date.now(), host.routeUid(op.router, op.route) ?? "");
        await host.routingChanged();
        return data;
      }
      case "getRoutePolicy":
        await host.readRouteSpec(op.router, op.route);
        return this.#policies.get(op.router, op.route, host.routeUid(op.router, op.route)) ?? notFound(op.router, op.route);
      case "deleteRoutePolicy": {
        const old = this.#policies.get(op.router, op.route, host.routeUid(op.router, op.route)) ?? notFound(op.router, op.route);
        this.#policies.delete(op.router, op.route);
        await host.routingChanged();
        return old;
      }
    }
  }
}

function notFound(router: string, route: string): never {
  throw new AppMeshError("NotFoundException", `Route ${route} of virtual router ${router} has no policy`);
}
