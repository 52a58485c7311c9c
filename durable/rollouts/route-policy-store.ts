import type { RoutePolicyData, RoutePolicyInput } from "../../src/rollouts/route-policy";

/** Route policies (sticky split key, mirror) in the mesh Durable Object's SQLite (table in durable/mesh/mesh-sql.ts). */
export class RoutePolicyStore {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  /** Drops every policy. */
  clear(): void {
    this.#sql.exec("DELETE FROM ext_route_policies");
  }

  /**
   * The policy as the API shows it; with `routeUid`, only when it was written for that incarnation
   * of the route (a policy left from a deleted route of the same name does not count).
   */
  get(router: string, route: string, routeUid?: string): RoutePolicyData | undefined {
    const row = this.#sql
      .exec<{ data: string }>("SELECT data FROM ext_route_policies WHERE router = ? AND route = ?", router, route)
      .toArray()[0];
    if (row === undefined) return undefined;
    const stored = JSON.parse(row.data) as Stored;
    return routeUid !== undefined && stored.routeUid !== routeUid ? undefined : withoutUid(stored);
  }

  /** Every stored policy, with the uid of the route it was written for (`routeUid`). */
  list(): Stored[] {
    return this.#sql
      .exec<{ data: string }>("SELECT data FROM ext_route_policies ORDER BY router, route")
      .toArray()
      .map((r) => JSON.parse(r.data) as Stored);
  }

  /** Creates or replaces the policy of a route (bound to the route's uid); the version counts writes. */
  put(meshName: string, router: string, route: string, input: RoutePolicyInput, nowMs: number, routeUid: string): RoutePolicyData {
    const version = (this.get(router, route, routeUid)?.version ?? 0) + 1;
    const data: Stored = {
      meshName,
      virtualRouterName: router,
      routeName: route,
      version,
      lastUpdatedAt: Math.floor(nowMs / 1000),
      routeUid,
    };
    if (input.splitKey !== undefined) data.splitKey = input.splitKey;
    if (input.mirror !== undefined) data.mirror = input.mirror;
    this.#sql.exec(
      "INSERT INTO ext_route_policies (router, route, data) VALUES (?, ?, ?) ON CONFLICT (router, route) DO UPDATE SET data = excluded.data",
      router,
      route,
      JSON.stringify(data),
    );
    return withoutUid(data);
  }

  /** Deletes a policy; returns what was deleted. */
  delete(router: string, route: string): RoutePolicyData | undefined {
    const old = this.get(router, route);
    if (old !== undefined) this.#sql.exec("DELETE FROM ext_route_policies WHERE router = ? AND route = ?", router, route);
    return old;
  }
}

/** A stored policy: the API shape plus the uid of the route it was written for. */
type Stored = RoutePolicyData & { routeUid?: string };

function withoutUid(p: Stored): RoutePolicyData {
  const { routeUid: _uid, ...rest } = p;
  return rest;
}
