/**
 * SQLite layout of a mesh Durable Object. One generic `resources` table (kind, parent, name)
 * holds every resource as its API JSON; `refs` records which resource names which, so delete
 * checks are one indexed lookup; `client_tokens` remembers idempotent answers. Progressive
 * delivery's tables (durable/rollouts, durable/metrics) start with `ext_` so they never meet the
 * control plane's; every table of the object is created here, and each store clears its own.
 */
export const MESH_SCHEMA_VERSION = 1;

export const MESH_DDL = [
  `CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS resources (
     kind TEXT NOT NULL, parent TEXT NOT NULL, name TEXT NOT NULL,
     data TEXT NOT NULL, tags TEXT NOT NULL DEFAULT '[]',
     PRIMARY KEY (kind, parent, name))`,
  `CREATE TABLE IF NOT EXISTS refs (
     src_kind TEXT NOT NULL, src_parent TEXT NOT NULL, src_name TEXT NOT NULL,
     dst_kind TEXT NOT NULL, dst_name TEXT NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS refs_by_dst ON refs (dst_kind, dst_name)`,
  `CREATE INDEX IF NOT EXISTS refs_by_src ON refs (src_kind, src_parent, src_name)`,
  // Earlier versions recorded a virtual node's backends as references; they are not (resource-refs.ts).
  `DELETE FROM refs WHERE src_kind = 'virtualNode'`,
  `CREATE TABLE IF NOT EXISTS client_tokens (
     token TEXT PRIMARY KEY, input TEXT NOT NULL, response TEXT NOT NULL, created_at REAL NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS client_tokens_by_age ON client_tokens (created_at)`,
  // Metric buckets (durable/metrics/sql-bucket-storage.ts): one row per (bucket start, route, node).
  `CREATE TABLE IF NOT EXISTS ext_metric_buckets (
     start INTEGER NOT NULL, route TEXT NOT NULL, node TEXT NOT NULL, data TEXT NOT NULL,
     PRIMARY KEY (start, route, node))`,
  // Rollouts, their history and a small key-value table (durable/rollouts/rollout-store.ts).
  `CREATE TABLE IF NOT EXISTS ext_rollouts (
     name TEXT PRIMARY KEY, spec TEXT NOT NULL, state TEXT NOT NULL, win TEXT NOT NULL, created_at INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ext_rollout_history (
     name TEXT NOT NULL, seq INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (name, seq))`,
  `CREATE TABLE IF NOT EXISTS ext_kv (k TEXT PRIMARY KEY, v TEXT NOT NULL)`,
  // Route policies (durable/rollouts/route-policy-store.ts).
  `CREATE TABLE IF NOT EXISTS ext_route_policies (
     router TEXT NOT NULL, route TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (router, route))`,
];
