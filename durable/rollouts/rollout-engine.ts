import { AppMeshError } from "../../src/shared/errors";
import { emptyCounters } from "../../src/metrics/counters";
import type { SeriesDelta } from "../../src/metrics/recorder";
import { routeSeriesName } from "../../src/metrics/series-key";
import {
  canaryShare,
  describeRolloutWeights,
  holdsRolloutWeights,
  rolloutTargetProblem,
  withRolloutWeights,
} from "../../src/rollouts/route-weights";
import type { CreateRolloutInput } from "../../src/rollouts/schema";
import {
  analyze,
  isLive,
  LIVE_STATUSES,
  manual,
  pauseForRouteChange,
  startRollout,
  type ManualAction,
} from "../../src/rollouts/state-machine";
import type { Transition } from "../../src/rollouts/types";
import type { RouteSpec } from "../../src/schema";
import { analysisOf, sumSeries } from "../metrics/mesh-metrics";
import type { RolloutStore, StoredRollout } from "./rollout-store";
import { toRolloutView, type RolloutSummary, type RolloutView } from "./rollout-view";

/** What the rollout engine needs from the mesh Durable Object (the control plane's code). */
export interface RolloutHost {
  readonly meshName: string;
  /** The ACTIVE route's spec; throws NotFoundException for a missing mesh, router or route. */
  readRouteSpec(virtualRouterName: string, routeName: string): RouteSpec | Promise<RouteSpec>;
  /** Throws NotFoundException when the mesh has no such ACTIVE virtual node. */
  requireVirtualNode(virtualNodeName: string): void | Promise<void>;
  /** Replaces the route's spec through the same code path as UpdateRoute (version bump, recompile). */
  updateRouteSpec(virtualRouterName: string, routeName: string, spec: RouteSpec): void | Promise<void>;
}

const ALARM_KEY = "rollout_alarm_for";

/**
 * Runs the rollouts of one mesh inside its Durable Object: create / describe / list / pause /
 * resume / abort, the canary analysis window fed by ingested metrics, and the alarm that runs one
 * check per interval and writes the new weights through the host's UpdateRoute path.
 */
export class RolloutEngine {
  readonly #store: RolloutStore;
  readonly #storage: DurableObjectStorage;

  constructor(storage: DurableObjectStorage, store: RolloutStore) {
    this.#store = store;
    this.#storage = storage;
  }

  async create(host: RolloutHost, input: CreateRolloutInput, nowMs = Date.now()): Promise<RolloutView> {
    const { rolloutName: name, spec } = input;
    if (this.#store.get(name) !== undefined)
      throw new AppMeshError("ConflictException", `Rollout ${name} already exists in mesh ${host.meshName}`);
    const routeSpec = await host.readRouteSpec(spec.virtualRouterName, spec.routeName);
    await host.requireVirtualNode(spec.primaryVirtualNode);
    await host.requireVirtualNode(spec.canaryVirtualNode);
    const busy = this.#store
      .withStatus(...LIVE_STATUSES)
      .find((r) => r.spec.virtualRouterName === spec.virtualRouterName && r.spec.routeName === spec.routeName);
    if (busy !== undefined) throw new AppMeshError("ConflictException", `Route ${spec.routeName} already has a live rollout: ${busy.name}`);
    const problem = rolloutTargetProblem(routeSpec, spec.primaryVirtualNode, spec.canaryVirtualNode);
    if (problem !== undefined) throw new AppMeshError("BadRequestException", `Route ${spec.routeName} cannot be rolled out: ${problem}`);
    const t = startRollout(spec, nowMs);
    await this.#writeWeights(host, spec, routeSpec, t);
    this.#store.put({ name, spec, state: t.state, window: emptyCounters(), createdAt: nowMs });
    this.#store.appendHistory(name, t.entry);
    await this.#schedule(nowMs);
    return this.describe(host, name);
  }

  describe(host: RolloutHost, name: string): RolloutView {
    const r = this.#require(host, name);
    return toRolloutView(host.meshName, r, this.#store.history(name));
  }

  list(host: RolloutHost): RolloutSummary[] {
    return this.#store.list().map((r) => toRolloutView(host.meshName, r, []).summary);
  }

  /** pause / resume / abort by hand. */
  async act(host: RolloutHost, name: string, action: ManualAction, nowMs = Date.now()): Promise<RolloutView> {
    const r = this.#require(host, name);
    const t = manual(r.spec, r.state, action, nowMs, action === "resume" ? await this.#routeCanary(host, r) : undefined);
    if (typeof t === "string") throw new AppMeshError("ConflictException", `Cannot ${action} rollout ${name}: ${t}`);
    await this.#apply(host, r, t);
    if (action === "resume") r.window = emptyCounters(); // a fresh interval judges only fresh traffic
    this.#store.put({ ...r, state: t.state });
    await this.#schedule(nowMs);
    return this.describe(host, name);
  }

  /** Deletes a finished rollout (its last view is returned); a live one must be aborted first. */
  remove(host: RolloutHost, name: string): RolloutView {
    const view = this.describe(host, name);
    if (isLive(view.rollout.status)) {
      throw new AppMeshError("ResourceInUseException", `Rollout ${name} is ${view.rollout.status.status}: abort it before deleting it`);
    }
    this.#store.delete(name);
    return view;
  }

  /** Adds an isolate's delta to the analysis window of every PROGRESSING rollout it concerns. */
  ingest(series: readonly SeriesDelta[]): void {
    for (const r of this.#store.withStatus("PROGRESSING")) {
      const before = r.window.requests;
      sumSeries(series, routeSeriesName(r.spec.virtualRouterName, r.spec.routeName), r.spec.canaryVirtualNode, r.window);
      if (r.window.requests !== before) this.#store.put(r);
    }
  }

  /**
   * The alarm: runs the check of every PROGRESSING rollout that is due. An alarm delivered before
   * its time (a test harness running it on demand) counts as the time it was scheduled for.
   */
  async alarm(host: RolloutHost, nowMs = Date.now()): Promise<void> {
    const scheduledFor = Number(this.#store.getValue(ALARM_KEY) ?? 0);
    const dueAt = Math.max(nowMs, scheduledFor);
    for (const r of this.#store.withStatus("PROGRESSING")) {
      if (r.state.nextCheckAt === null || r.state.nextCheckAt > dueAt) continue;
      try {
        // A route changed by hand since the last step: pause rather than overwrite the change.
        const { primaryVirtualNode: p, canaryVirtualNode: c } = r.spec;
        const route = await host.readRouteSpec(r.spec.virtualRouterName, r.spec.routeName);
        if (!holdsRolloutWeights(route, p, c, r.state.canaryWeight)) {
          const share = canaryShare(route, p, c);
          const paused = pauseForRouteChange(
            r.state,
            describeRolloutWeights(route, p, c),
            typeof share === "number" ? share : undefined,
            nowMs,
          );
          this.#store.put({ ...r, state: paused.state, window: emptyCounters() });
          this.#store.appendHistory(r.name, paused.entry);
          continue;
        }
        const t = analyze(r.spec, r.state, analysisOf(r.window), nowMs);
        if (t === undefined) continue;
        await this.#apply(host, r, t);
        this.#store.put({ ...r, state: t.state, window: emptyCounters() });
      } catch (err) {
        // The route vanished or was changed beyond recognition: stop, keep the reason readable.
        const message = `stopped: could not write route weights: ${err instanceof Error ? err.message : String(err)}`;
        const state = { ...r.state, status: "FAILED" as const, nextCheckAt: null, updatedAt: nowMs, message };
        this.#store.put({ ...r, state });
        this.#store.appendHistory(r.name, {
          at: Math.floor(nowMs / 1000),
          event: "ROLLED_BACK",
          primaryWeight: 100 - r.state.canaryWeight,
          canaryWeight: r.state.canaryWeight,
          message,
        });
      }
    }
    this.#store.setValue(ALARM_KEY, "0");
    await this.#schedule(nowMs);
  }

  /** Writes a transition's weights (if any) and records its history entry. */
  async #apply(host: RolloutHost, r: StoredRollout, t: Transition): Promise<void> {
    if (t.weights !== undefined) {
      const current = await host.readRouteSpec(r.spec.virtualRouterName, r.spec.routeName);
      await this.#writeWeights(host, r.spec, current, t);
    }
    this.#store.appendHistory(r.name, t.entry);
  }

  async #writeWeights(host: RolloutHost, spec: StoredRollout["spec"], routeSpec: RouteSpec, t: Transition): Promise<void> {
    if (t.weights === undefined) return;
    const next = withRolloutWeights(routeSpec, spec.primaryVirtualNode, spec.canaryVirtualNode, t.weights);
    await host.updateRouteSpec(spec.virtualRouterName, spec.routeName, next);
  }

  /**
   * Points the DO alarm at the earliest next check. A pending alarm that is earlier (and still in
   * the future) is kept: its run reschedules. Remembers the time the alarm is set for.
   */
  async #schedule(nowMs = Date.now()): Promise<void> {
    let next = Infinity;
    for (const r of this.#store.withStatus("PROGRESSING")) if (r.state.nextCheckAt !== null) next = Math.min(next, r.state.nextCheckAt);
    if (next === Infinity) return;
    const current = await this.#storage.getAlarm();
    if (current === null || current <= nowMs || current > next) {
      await this.#storage.setAlarm(next);
      this.#store.setValue(ALARM_KEY, String(next));
    } else {
      this.#store.setValue(ALARM_KEY, String(current));
    }
  }

  /** The canary's share of the route now (resume continues from it); Conflict when it cannot go on. */
  async #routeCanary(host: RolloutHost, r: StoredRollout): Promise<number> {
    const route = await host.readRouteSpec(r.spec.virtualRouterName, r.spec.routeName);
    const share = canaryShare(route, r.spec.primaryVirtualNode, r.spec.canaryVirtualNode);
    if (typeof share === "string") throw new AppMeshError("ConflictException", `Cannot resume rollout ${r.name}: ${share}`);
    return share;
  }

  #require(host: RolloutHost, name: string): StoredRollout {
    const r = this.#store.get(name);
    if (r === undefined) throw new AppMeshError("NotFoundException", `Rollout ${name} not found in mesh ${host.meshName}`);
    return r;
  }
}
