import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../..");
const outdir = mkdtempSync(join(tmpdir(), "meshedge-dry-run-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

// What `wrangler deploy` would upload, built offline without an account: the README's deploy
// steps rely on this bundle building and on the Durable Object binding being declared.
it("wrangler deploy --dry-run bundles the Worker with its Durable Object binding and vars", async () => {
  const { stdout, stderr } = await promisify(execFile)(
    join(root, "node_modules/.bin/wrangler"),
    ["deploy", "--dry-run", "--outdir", outdir],
    { cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" }, timeout: 90_000 },
  );
  const out = stdout + stderr;
  expect(out).toContain("--dry-run: exiting now.");
  expect(out).toMatch(/env\.MESH\s+\(?MeshObject\)?/);
  expect(statSync(join(outdir, "index.js")).size).toBeGreaterThan(10_000);
  // Every Durable Object class wrangler.toml binds is exported by the bundle and created by a
  // migration: `wrangler deploy` refuses a class without one.
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  const classes = [...toml.matchAll(/^class_name\s*=\s*"([^"]+)"/gm)].map((m) => m[1] as string);
  const migrated = [...toml.matchAll(/^new_sqlite_classes\s*=\s*\[([^\]]*)\]/gm)].flatMap((m) =>
    [...(m[1] ?? "").matchAll(/"([^"]+)"/g)].map((x) => x[1]),
  );
  const bundle = readFileSync(join(outdir, "index.js"), "utf8");
  expect(classes).toContain("MeshObject");
  for (const c of classes) {
    expect(migrated, `${c} needs a [[migrations]] entry`).toContain(c);
    expect(bundle).toMatch(new RegExp(`export\\s*\\{[^}]*\\b${c}\\b`));
  }
}, 120_000);

// `Env` comes from `wrangler types`: the committed worker-configuration.d.ts must match
// wrangler.toml (a new var or binding without regenerating fails). `npm test` checks it in its
// typecheck step; this keeps the check when vitest runs on its own (`npx vitest run`).
it("worker-configuration.d.ts is what `wrangler types` generates from wrangler.toml", async () => {
  const { stdout } = await promisify(execFile)(join(root, "node_modules/.bin/wrangler"), ["types", "--check"], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
    timeout: 60_000,
  });
  expect(stdout).toContain("up to date");
}, 90_000);
