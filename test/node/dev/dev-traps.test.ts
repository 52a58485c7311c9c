import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { AppMeshClient, DescribeMeshCommand, DescribeRouteCommand } from "@aws-sdk/client-app-mesh";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, seedDemoMesh } from "../../../scripts/demo-seed";
import { devCredentials } from "../../../scripts/dev-keys";
import { devPort, writeDevPort } from "../../../scripts/dev-port";
import { DEV_KEY } from "../../support/credentials";
import { freePort } from "../support/free-port";
import { startWorker, type RunningWorker } from "../support/start-worker";

// Traps of a first hour with `npm run dev` (issue 20).
const root = resolve(import.meta.dirname, "../../..");
const run = promisify(execFile);

/** Runs a script of scripts/ as `npm run` would (tsx), returning its exit code and output. */
async function script(name: string, env: Record<string, string>, cwd = root): Promise<{ code: number; out: string }> {
  try {
    const r = await run(join(root, "node_modules/.bin/tsx"), [join(root, "scripts", name)], {
      cwd,
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === "number" ? x.code : -1, out: (x.stdout ?? "") + (x.stderr ?? "") };
  }
}

describe("a second npm run dev", () => {
  let w: RunningWorker;
  let other: Server;
  beforeAll(async () => {
    w = await startWorker();
    other = createServer((_q, s) => s.writeHead(404).end("not here"));
    await new Promise<void>((r) => other.listen(0, "127.0.0.1", r));
  }, 120_000);
  afterAll(async () => {
    await w?.stop();
    await new Promise((r) => other?.close(r));
  });

  it("on the port of a running meshedge: says so, starts nothing and changes nothing there", async () => {
    const port = Number(new URL(w.url).port);
    const [v1, v2] = [await freePort(), await freePort()];
    const r = await script("dev.ts", { MESHEDGE_DEV_PORT: String(port), DEMO_V1_PORT: String(v1), DEMO_V2_PORT: String(v2) });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`port ${port} is taken: meshedge is already running there`);
    expect(r.out).toContain(`MESHEDGE_DEV_PORT=${port + 1} npm run dev`);
    // Nothing seeded: the running Worker has no demo mesh, and no upstream was left listening.
    const am = new AppMeshClient({ endpoint: w.url, region: "us-east-1", credentials: DEV_KEY, maxAttempts: 1 });
    await expect(am.send(new DescribeMeshCommand({ meshName: DEMO.mesh }))).rejects.toMatchObject({ name: "NotFoundException" });
    am.destroy();
    for (const p of [v1, v2]) await expect(fetch(`http://127.0.0.1:${p}/`)).rejects.toThrow();
  }, 90_000);

  it("on a port another program holds: names the port and what answered", async () => {
    const port = (other.address() as { port: number }).port;
    const r = await script("dev.ts", { MESHEDGE_DEV_PORT: String(port) });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`port ${port} is taken by another program (it answered GET /_meshedge/health with HTTP 404)`);
  }, 90_000);
});

describe("your own keys in .dev.vars", () => {
  const OWN = { accessKeyId: "AKIDMYOWNKEY00000001", secretAccessKey: "my-own-secret-0123456789abcdef" };
  let w: RunningWorker;
  let dir: string;
  beforeAll(async () => {
    // The Worker as `wrangler dev` runs it with that .dev.vars: only the user's keys.
    w = await startWorker({
      vars: { MESHEDGE_ACCESS_KEYS: `AKIDMYREADER00000001:reader-secret-0123456789:readonly,${OWN.accessKeyId}:${OWN.secretAccessKey}` },
    });
    dir = mkdtempSync(join(tmpdir(), "meshedge-devvars-"));
    writeFileSync(
      join(dir, ".dev.vars"),
      `# mine\nMESHEDGE_ACCESS_KEYS="AKIDMYREADER00000001:reader-secret-0123456789:readonly,${OWN.accessKeyId}:${OWN.secretAccessKey}"\n`,
    );
  }, 120_000);
  afterAll(async () => {
    await w?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("are what the demo seeding signs with (the built-in key would be refused)", async () => {
    const key = devCredentials(dir);
    expect(key).toEqual({ ...OWN, source: ".dev.vars" });
    await seedDemoMesh({ endpoint: w.url, ports: { v1: 9081, v2: 9082 }, credentials: key });
    const am = new AppMeshClient({ endpoint: w.url, region: "us-east-1", credentials: OWN, maxAttempts: 1 });
    const route = await am.send(new DescribeRouteCommand({ meshName: DEMO.mesh, virtualRouterName: DEMO.router, routeName: DEMO.route }));
    expect(route.route?.spec?.httpRoute?.action?.weightedTargets?.map((t) => t.weight)).toEqual([80, 20]);
    am.destroy();
    await expect(seedDemoMesh({ endpoint: w.url, ports: { v1: 9081, v2: 9082 } })).rejects.toMatchObject({ name: "ForbiddenException" });
  }, 60_000);

  it("without a read-write key: a message that names .dev.vars", () => {
    writeFileSync(join(dir, ".dev.vars"), "MESHEDGE_ACCESS_KEYS=AKIDMYREADER00000001:reader-secret-0123456789:readonly\n");
    expect(() => devCredentials(dir)).toThrow(/\.dev\.vars: .*no read-write key/);
  });
});

describe("npm run demo:canary in a second terminal", () => {
  it("finds the port npm run dev noted, and names it when nothing answers there", async () => {
    const dir = mkdtempSync(join(tmpdir(), "meshedge-devport-"));
    const port = await freePort(); // nothing listens
    writeDevPort(dir, port);
    expect(devPort(dir, {})).toBe(port);
    expect(devPort(dir, { MESHEDGE_DEV_PORT: "9999" })).toBe(9999);
    rmSync(dir, { recursive: true, force: true });
    expect(devPort(dir, {})).toBe(8787);
    const r = await script("demo-canary.ts", { MESHEDGE_DEV_PORT: String(port) });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`against http://127.0.0.1:${port}`);
    expect(r.out).toContain(`Is npm run dev running on port ${port}?`);
  }, 60_000);
});
