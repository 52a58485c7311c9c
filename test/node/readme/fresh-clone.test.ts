import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_ACCESS_KEYS } from "../../support/credentials";
import { edgeRequest } from "../support/edge-request";
import { freePort } from "../support/free-port";

/**
 * Follows the README on a fresh clone: install, `npm run dev`, the first curl, Ctrl-C; and checks
 * that the README's test command is what CI runs. Running the clone's whole suite again would
 * double CI time, so for the test command it checks that vitest in the clone finds the suites.
 * Costs about a minute (npm ci from the cache, wrangler dev start-up); skip with
 * MESHEDGE_SKIP_FRESH_CLONE=1.
 */
const root = resolve(import.meta.dirname, "../../..");
const run = promisify(execFile);
const skip = process.env.MESHEDGE_SKIP_FRESH_CLONE === "1";

/** Shell lines of the README's fenced code blocks. */
function readmeCommands(): string[] {
  const md = readFileSync(join(root, "README.md"), "utf8");
  const blocks = [...md.matchAll(/```(?:sh|bash|shell|console)?\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
  // "$ " prompts and trailing "# comments" are not part of the command.
  // "npm install && npm test" is two commands run in turn; each counts.
  return blocks
    .flatMap((b) => b.split("\n"))
    .map((l) =>
      l
        .replace(/^\$\s*/, "")
        .replace(/\s+#.*$/, "")
        .trim(),
    )
    .flatMap((l) => l.split("&&").map((c) => c.trim()))
    .filter(Boolean);
}

/** GET from the dev server; `host` defaults to what a client of 127.0.0.1:<port> sends. */
const get = (port: number, path: string, host = `127.0.0.1:${port}`, headers: Record<string, string> = {}) =>
  edgeRequest(`http://127.0.0.1:${port}`, host, path, headers);

describe("README commands", () => {
  it("names `npm run dev` to start and the test command that .ci/run runs", () => {
    expect(existsSync(join(root, "README.md")), "README.md is missing").toBe(true);
    const cmds = readmeCommands();
    expect(cmds).toContain("npm run dev");
    const ci = readFileSync(join(root, ".ci/run"), "utf8").trim().split("\n");
    const ciTest = ci[ci.length - 1]?.trim();
    expect(ciTest).toBe("npm test");
    expect(cmds).toContain(ciTest);
  });
});

describe.skipIf(skip)("a fresh clone (MESHEDGE_SKIP_FRESH_CLONE=1 skips)", () => {
  const dir = mkdtempSync(join(tmpdir(), "meshedge-clone-"));
  const clone = join(dir, "meshedge");
  let dev: ChildProcess | undefined;
  let out = "";
  const ports = { dev: 0, v1: 0, v2: 0 };

  beforeAll(async () => {
    await run("git", ["clone", "--quiet", "--no-hardlinks", root, clone]);
    await run("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: clone, timeout: 240_000 });
    ports.dev = await freePort();
    ports.v1 = await freePort();
    ports.v2 = await freePort();
  }, 300_000);

  afterAll(async () => {
    if (dev?.pid !== undefined) {
      try {
        process.kill(-dev.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it("`npm run dev` seeds the demo; the first curl shows the 80/20 split; Ctrl-C stops it", async () => {
    dev = spawn("npm", ["run", "dev"], {
      cwd: clone,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        CI: "true",
        MESHEDGE_DEV_PORT: String(ports.dev),
        DEMO_V1_PORT: String(ports.v1),
        DEMO_V2_PORT: String(ports.v2),
      },
    });
    dev.stdout?.on("data", (b: Buffer) => (out += b.toString()));
    dev.stderr?.on("data", (b: Buffer) => (out += b.toString()));
    const deadline = Date.now() + 150_000;
    while (!out.includes("curl -s -H 'Host: demo.local'")) {
      if (dev.exitCode !== null || Date.now() > deadline) throw new Error(`npm run dev did not get ready:\n${out}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    // Two origins: the dashboard on the admin one, the data plane on localhost.
    expect(out).toContain(`http://127.0.0.1:${ports.dev}/_meshedge/ui`);
    expect(out).toContain(`data plane   http://localhost:${ports.dev}`);

    const seen: Record<string, number> = {};
    for (let i = 0; i < 200; i++) {
      const r = await get(ports.dev, "/", "demo.local");
      expect(r.status, r.body).toBe(200);
      const v = (JSON.parse(r.body) as { version: string }).version;
      seen[v] = (seen[v] ?? 0) + 1;
    }
    // 80/20 over 200 requests: v1's share is 0.8 +- 0.028 (one sd); allow five sd.
    expect(Object.keys(seen).sort()).toEqual(["v1", "v2"]);
    expect((seen.v1 ?? 0) / 200).toBeGreaterThan(0.66);
    expect((seen.v1 ?? 0) / 200).toBeLessThan(0.94);

    const ui = await get(ports.dev, "/_meshedge/ui/meshes/demo", undefined, {
      authorization: `Basic ${Buffer.from(DEV_ACCESS_KEYS).toString("base64")}`,
    });
    expect(ui.status).toBe(200);
    expect(ui.body).toContain('data-route="demo-router/demo-route"');
    // The data-plane origin serves no dashboard; the gateway example of the README answers there.
    expect((await get(ports.dev, "/_meshedge/ui/meshes/demo", `localhost:${ports.dev}`)).status).toBe(404);
    expect((await get(ports.dev, "/demo/hello", `localhost:${ports.dev}`)).status).toBe(200);

    // Ctrl-C: the terminal sends SIGINT to the whole foreground process group.
    process.kill(-(dev.pid as number), "SIGINT");
    const [code, signal] = await new Promise<[number | null, string | null]>((r) => dev?.once("exit", (c, s) => r([c, s])));
    expect(code === 0 || signal === "SIGINT", `exit ${code} ${signal}`).toBe(true);
    // Everything it started lets go of its port: wrangler/workerd and both upstreams.
    for (const p of [ports.dev, ports.v1, ports.v2]) {
      const until = Date.now() + 15_000;
      let open = true;
      while (open && Date.now() < until) {
        open = await get(p, "/").then(
          () => true,
          (e: NodeJS.ErrnoException) => e.code !== "ECONNREFUSED",
        );
        if (open) await new Promise((r) => setTimeout(r, 250));
      }
      expect(open, `port ${p} still answers after Ctrl-C`).toBe(false);
    }
  }, 200_000);

  it("the README's test command finds the suites in the clone", async () => {
    const { stdout } = await run("npx", ["vitest", "list", "--filesOnly", "--project", "node"], { cwd: clone, timeout: 60_000 });
    expect(stdout).toContain("test/node/ui/dashboard.test.ts");
    expect(stdout).toContain("test/node/readme/fresh-clone.test.ts");
  }, 90_000);
});
