import type { MetricsReport } from "../src/metrics/report";
import type { MetricsTimeline } from "../src/metrics/timeline";
import type { RoutePolicyData, RoutePolicyInput, RoutePolicyPatch } from "../src/rollouts/route-policy";
import type { CreateRolloutInput } from "../src/rollouts/schema";
import type { ManualAction } from "../src/rollouts/state-machine";
import type { RolloutSummary, RolloutView } from "./rollouts/rollout-view";
import { DurableObject } from "cloudflare:workers";
import { identityOf } from "../src/shared/arn";
import type { ResourceKey, ResourceKind } from "../src/shared/resource-kinds";
import { capture, type RpcResult } from "../src/shared/rpc-result";
import type { MeshResources } from "../src/schema";
import { compileMeshSnapshot, type MeshSnapshot } from "../src/snapshot";
import { idempotent } from "./mesh/idempotency";
import type { Page } from "../src/shared/pagination";
import { describeResource, listResources, listTags, tagResource, untagResource } from "./mesh/mesh-reads";
import { MeshStore, type StoredResource } from "./mesh/mesh-store";
import { createResource, deleteResource, updateResource, type WriteRequest } from "./mesh/mesh-writes";
import type { OpContext } from "./mesh/op-context";
import { withRoutePolicies } from "../src/rollouts/route-policy";
import type { SeriesDelta } from "../src/metrics/recorder";
import { Delivery } from "./rollouts/delivery";
import { meshDeliveryHost } from "./rollouts/mesh-host";

type Data = StoredResource["data"];
type Tag = { key: string; value: string };

/** A create/update over RPC: the write plus what makes a retry "the same request". */
export interface IdempotentWrite extends WriteRequest {
  clientToken?: string;
  /** Canonical JSON of the operation name and its input without clientToken. */
  inputKey: string;
}

/**
 * One mesh: its resources in SQLite, its config version, its compiled snapshot.
 * Addressed by `MESH.idFromName(meshName)`. Every write is one `transactionSync` together
 * with its config-version bump (and its clientToken), so a crash never leaves half a write.
 * RPC methods return {@link RpcResult} data instead of throwing App Mesh errors.
 */
export class MeshObject extends DurableObject<Env> {
  readonly #store: MeshStore;
  #snapshot: MeshSnapshot | undefined;
  /** Metrics, rollouts and route policies of this mesh (durable/rollouts/delivery.ts). */
  readonly #delivery: Delivery;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#store = new MeshStore(ctx.storage.sql);
    void ctx.blockConcurrencyWhile(async () => this.#store.migrate());
    this.#delivery = new Delivery(ctx.storage, env, () => meshDeliveryHost({ store: this.#store, write: (fn) => this.#write(fn) }));
  }

  /** An isolate's metrics delta (flushed every few seconds by each edge isolate). */
  async ingestMetrics(series: SeriesDelta[]): Promise<void> {
    this.#delivery.ingestMetrics(series);
  }

  // The delivery API (metrics report, rollouts, route policies), one RPC method per operation
  // on the mesh this object holds; errors come back as data (RpcResult).
  async metricsReport(windowSeconds: number): Promise<RpcResult<MetricsReport>> {
    return this.#delivery.metrics(windowSeconds);
  }

  async metricsTimeline(windowSeconds: number): Promise<RpcResult<MetricsTimeline>> {
    return this.#delivery.timeline(windowSeconds);
  }

  async listRoutePolicies(): Promise<RpcResult<RoutePolicyData[]>> {
    return this.#delivery.listRoutePolicies();
  }

  async createRollout(input: CreateRolloutInput): Promise<RpcResult<RolloutView["rollout"]>> {
    return this.#delivery.createRollout(input);
  }

  async describeRollout(name: string): Promise<RpcResult<RolloutView["rollout"]>> {
    return this.#delivery.describeRollout(name);
  }

  async listRollouts(): Promise<RpcResult<RolloutSummary[]>> {
    return this.#delivery.listRollouts();
  }

  async actOnRollout(name: string, action: ManualAction): Promise<RpcResult<RolloutView["rollout"]>> {
    return this.#delivery.actOnRollout(name, action);
  }

  async deleteRollout(name: string): Promise<RpcResult<RolloutView["rollout"]>> {
    return this.#delivery.deleteRollout(name);
  }

  async putRoutePolicy(router: string, route: string, input: RoutePolicyInput): Promise<RpcResult<RoutePolicyData>> {
    return this.#delivery.putRoutePolicy(router, route, input);
  }

  async patchRoutePolicy(router: string, route: string, patch: RoutePolicyPatch): Promise<RpcResult<RoutePolicyData>> {
    return this.#delivery.patchRoutePolicy(router, route, patch);
  }

  async getRoutePolicy(router: string, route: string): Promise<RpcResult<RoutePolicyData>> {
    return this.#delivery.getRoutePolicy(router, route);
  }

  async deleteRoutePolicy(router: string, route: string): Promise<RpcResult<RoutePolicyData>> {
    return this.#delivery.deleteRoutePolicy(router, route);
  }

  /** Runs the due rollout checks (the only user of this object's alarm). */
  override async alarm(): Promise<void> {
    await this.#delivery.alarm();
  }

  #op(): OpContext {
    return { store: this.#store, id: identityOf(this.env), env: this.env, now: Date.now() / 1000 };
  }

  /** Runs a write in one transaction, then refreshes the snapshot (outside the transaction). */
  #write<T>(fn: (ctx: OpContext) => T): RpcResult<T> {
    const before = this.#store.configVersion();
    const result = capture(() => this.ctx.storage.transactionSync(() => fn(this.#op())));
    if (this.#store.configVersion() !== before) this.#afterRoutingChange();
    return result;
  }

  /**
   * Called after every write that changed the config version: drops the compiled snapshot
   * and compiles the new one right after the write's response (a macrotask later), so the
   * first edge refresh is served from memory; a burst of writes compiles once, as each
   * compile is memoised per version.
   */
  #afterRoutingChange(): void {
    this.#snapshot = undefined;
    setTimeout(() => {
      try {
        this.#compiled();
      } catch (e) {
        console.error("snapshot compile failed", e);
      }
    }, 0);
  }

  async createResource(req: IdempotentWrite): Promise<RpcResult<Data>> {
    return this.#write((c) => idempotent(c.store, req.clientToken, req.inputKey, c.now, () => createResource(c, req)));
  }

  async updateResource(req: IdempotentWrite): Promise<RpcResult<Data>> {
    return this.#write((c) => idempotent(c.store, req.clientToken, req.inputKey, c.now, () => updateResource(c, req)));
  }

  async deleteResource(key: ResourceKey): Promise<RpcResult<Data>> {
    return this.#write((c) => deleteResource(c, key));
  }

  async describeResource(key: ResourceKey): Promise<RpcResult<Data>> {
    return capture(() => describeResource(this.#store, key));
  }

  async listResources(
    meshName: string,
    kind: ResourceKind,
    parent: string,
    limit: number,
    nextToken?: string,
  ): Promise<RpcResult<Page<Record<string, unknown>>>> {
    return capture(() => listResources(this.#store, meshName, kind, parent, limit, nextToken));
  }

  async tagResource(key: ResourceKey, tags: Tag[]): Promise<RpcResult<null>> {
    return this.#write((c) => (tagResource(c.store, key, tags), null));
  }

  async untagResource(key: ResourceKey, tagKeys: string[]): Promise<RpcResult<null>> {
    return this.#write((c) => (untagResource(c.store, key, tagKeys), null));
  }

  async listTags(key: ResourceKey, limit: number, nextToken?: string): Promise<RpcResult<Page<Tag>>> {
    return capture(() => listTags(this.#store, key, limit, nextToken));
  }

  /** Every ACTIVE resource of the mesh (undefined when the mesh does not exist). */
  async getResources(): Promise<MeshResources | undefined> {
    return this.#resources();
  }

  /**
   * The compiled snapshot of the current config version; `snapshot` is omitted when the
   * caller already holds `knownVersion`, and when the mesh does not exist (`missing: true`).
   */
  async getSnapshot(knownVersion?: number): Promise<{ version: number; snapshot?: MeshSnapshot; missing?: true }> {
    const version = this.#store.configVersion();
    if (knownVersion === version) return { version };
    const snapshot = this.#compiled();
    return snapshot ? { version, snapshot } : { version, missing: true };
  }

  #compiled(): MeshSnapshot | undefined {
    const version = this.#store.configVersion();
    if (this.#snapshot?.version === version) return this.#snapshot;
    const resources = this.#resources();
    this.#snapshot = resources
      ? withRoutePolicies(compileMeshSnapshot(resources, version), this.#delivery.policiesFor(resources))
      : undefined;
    return this.#snapshot;
  }

  #resources(): MeshResources | undefined {
    const s = this.#store;
    const [mesh] = s.all("mesh");
    if (!mesh) return undefined;
    return {
      mesh,
      virtualNodes: s.all("virtualNode"),
      virtualServices: s.all("virtualService"),
      virtualRouters: s.all("virtualRouter"),
      routes: s.all("route"),
      virtualGateways: s.all("virtualGateway"),
      gatewayRoutes: s.all("gatewayRoute"),
    } as unknown as MeshResources;
  }
}
