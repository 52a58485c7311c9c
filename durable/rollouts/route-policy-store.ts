import type { RoutePolicyData, RoutePolicyInput } from "../../src/extensions/route-policy";

/** Route policies (sticky split key, mirror) in the mesh Durable Object's SQLite. */
export class RoutePolicyStore {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
    sql.exec(`CREATE TABLE IF NOT EXISTS ext_route_policies (
      router TEXT NOT NULL, route TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (router, route))`);
  }

  get(router: string, route: string): RoutePolicyData | undefined {
    const row = this.#sql.exec<{ data: string }>("SELECT data FROM ext_route_policies WHERE router = ? AND route = ?", router, route).toArray()[0];
    return row === undefined ? undefined : (JSON.parse(row.data) as RoutePolicyData);
  }

  list(): RoutePolicyData[] {
    return this.#sql.exec<{ data: string }>("SELECT data FROM ext_route_policies ORDER BY router, route").toArray().map((r) => JSON.parse(r.data) as RoutePolicyData);
  }

  /** Creates or replaces the policy of a route; the version counts writes. */
  put(meshName: string, router: string, route: string, input: RoutePolicyInput, nowMs: number): RoutePolicyData {
    const version = (this.get(router, route)?.version ?? 0) + 1;
    const data: RoutePolicyData = { meshName, virtualRouterName: router, routeName: route, version, lastUpdatedAt: Math.floor(nowMs / 1000) };
    if (input.splitKey !== undefined) data.splitKey = input.splitKey;
    if (input.mirror !== undefined) data.mirror = input.mirror;
    this.#sql.exec(
      "INSERT INTO ext_route_policies (router, route, data) VALUES (?, ?, ?) ON CONFLICT (router, route) DO UPDATE SET data = excluded.data",
      router, route, JSON.stringify(data),
    );
    return data;
  }

  /** Deletes a policy; returns what was deleted. */
  delete(router: string, route: string): RoutePolicyData | undefined {
    const old = this.get(router, route);
    if (old !== undefined) this.#sql.exec("DELETE FROM ext_route_policies WHERE router = ? AND route = ?", router, route);
    return old;
  }
}
