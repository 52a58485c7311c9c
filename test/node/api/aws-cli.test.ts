import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type RunningWorker } from "../support/start-worker";

const AWS = "/usr/bin/aws";
const run = promisify(execFile);
const hasCli = existsSync(AWS);

let w: RunningWorker | undefined;
beforeAll(async () => { if (hasCli) w = await startWorker(); }, 120_000);
afterAll(() => w?.stop());

/** Runs `aws appmesh ...` against the Worker with the dev key; resolves to parsed JSON output. */
async function appmesh(...args: string[]): Promise<any> {
  const { stdout } = await run(AWS, ["appmesh", ...args, "--endpoint-url", w!.url, "--output", "json"], {
    env: {
      PATH: process.env["PATH"] ?? "/usr/bin:/bin",
      AWS_ACCESS_KEY_ID: "AKIDMESHEDGEDEV00001",
      AWS_SECRET_ACCESS_KEY: "meshedge-dev-secret-do-not-use-in-prod",
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_REGION: "us-east-1",
      AWS_CONFIG_FILE: "/dev/null",
      AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
      AWS_MAX_ATTEMPTS: "1",
      AWS_PAGER: "",
    },
    timeout: 30_000,
  });
  return stdout.trim() === "" ? {} : JSON.parse(stdout);
}

describe.skipIf(!hasCli)("the real AWS CLI (Debian awscli) against the running Worker", () => {
  it("creates, lists, describes, updates and deletes like App Mesh", async () => {
    const mesh = await appmesh("create-mesh", "--mesh-name", "cli-mesh");
    expect(mesh.mesh.meshName).toBe("cli-mesh");
    expect(mesh.mesh.metadata.arn).toBe("arn:aws:appmesh:us-east-1:000000000000:mesh/cli-mesh");
    const nodeSpec = JSON.stringify({ listeners: [{ portMapping: { port: 8080, protocol: "http" } }], serviceDiscovery: { dns: { hostname: "web.local" } } });
    await appmesh("create-virtual-node", "--mesh-name", "cli-mesh", "--virtual-node-name", "web", "--spec", nodeSpec);
    await appmesh("create-virtual-router", "--mesh-name", "cli-mesh", "--virtual-router-name", "r", "--spec", JSON.stringify({ listeners: [{ portMapping: { port: 8080, protocol: "http" } }] }));
    const routeSpec = { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode: "web", weight: 100 }] } } };
    const route = await appmesh("create-route", "--mesh-name", "cli-mesh", "--virtual-router-name", "r", "--route-name", "all", "--spec", JSON.stringify(routeSpec));
    expect(route.route.spec).toEqual(routeSpec);
    const listed = await appmesh("list-virtual-nodes", "--mesh-name", "cli-mesh");
    expect(listed.virtualNodes.map((n: { virtualNodeName: string }) => n.virtualNodeName)).toEqual(["web"]);
    const described = await appmesh("describe-route", "--mesh-name", "cli-mesh", "--virtual-router-name", "r", "--route-name", "all");
    expect(described.route.status.status).toBe("ACTIVE");
    // The CLI prints timestamps it parsed from epoch seconds.
    expect(typeof described.route.metadata.createdAt).toBe("string");
    const updated = await appmesh("update-route", "--mesh-name", "cli-mesh", "--virtual-router-name", "r", "--route-name", "all",
      "--spec", JSON.stringify({ ...routeSpec, priority: 7 }));
    expect(updated.route.metadata.version).toBe(2);
    const deleted = await appmesh("delete-route", "--mesh-name", "cli-mesh", "--virtual-router-name", "r", "--route-name", "all");
    expect(deleted.route.status.status).toBe("DELETED");
  }, 60_000);

  it("reports App Mesh errors by type and exits non-zero", async () => {
    const err = await appmesh("describe-mesh", "--mesh-name", "no-such-mesh").catch((e: { code: number; stderr: string }) => e);
    expect(err.code).not.toBe(0);
    expect(err.stderr).toMatch(/NotFoundException/);
    expect(err.stderr).toMatch(/Mesh no-such-mesh not found/);
  }, 30_000);
});
