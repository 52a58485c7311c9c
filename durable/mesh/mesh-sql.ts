/**
 * SQLite layout of a mesh Durable Object. One generic `resources` table (kind, parent, name)
 * holds every resource as its API JSON; `refs` records which resource names which, so delete
 * checks are one indexed lookup; `client_tokens` remembers idempotent answers.
 * Other modules (metrics, rollouts) create their own tables under their own prefixes.
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
];
