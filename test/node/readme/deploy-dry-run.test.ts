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
  // The bundle exports the Durable Object class the migration names.
  expect(readFileSync(join(outdir, "index.js"), "utf8")).toMatch(/export\s*\{[^}]*\bMeshObject\b/);
}, 120_000);
