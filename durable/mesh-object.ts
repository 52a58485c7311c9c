import { DurableObject } from "cloudflare:workers";

export class MeshObject extends DurableObject<Env> {
  async ping(): Promise<number> {
    const sql = this.ctx.storage.sql;
    sql.exec("CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY, v INTEGER)");
    sql.exec("INSERT INTO t VALUES ('a', 1) ON CONFLICT(k) DO UPDATE SET v = v + 1");
    return sql.exec<{ v: number }>("SELECT v FROM t WHERE k = 'a'").one().v;
  }
}
