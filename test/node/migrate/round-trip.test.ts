import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { AppMeshClient } from "@aws-sdk/client-app-mesh";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readMesh } from "../../../scripts/migrate/export-mesh";
import { runImport } from "../../../scripts/migrate/run-import";
import { DEV_KEY } from "../../support/credentials";
import { type RunningWorker, startWorker } from "../support/start-worker";

const root = resolve(import.meta.dirname, "../../..");
const fixtures = join(root, "test/fixtures/migrate");
const run = promisify(execFile);
/** The npm scripts' own command lines (`npm run export` / `npm run import` are `tsx scripts/...`). */
const tool = (script: string, args: string[]) =>
  run(join(root, "node_modules/.bin/tsx"), [join(root, "scripts", script), ...args], {
    cwd: root,
    env: { ...process.env, AWS_ACCESS_KEY_ID: DEV_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: DEV_KEY.secretAccessKey },
  });

let source: RunningWorker;
let target: RunningWorker;
beforeAll(async () => {
  [source, target] = await Promise.all([startWorker(), startWorker()]);
  await runImport({
    files: [join(fixtures, "colorapp.cfn.yaml"), join(fixtures, "color-headers.k8s.yaml")],
    endpoint: source.url,
    log: () => {},
    params: { ServicesDomain: "colors.local" },
    imports: { "colorapp-certificate-arn": "arn:aws:acm:us-east-1:000000000000:certificate/rt" },
  });
}, 180_000);
afterAll(async () => {
  await Promise.all([source?.stop(), target?.stop()]);
});

async function meshState(url: string, mesh: string) {
  const am = new AppMeshClient({ endpoint: url, region: "us-east-1", credentials: DEV_KEY });
  try {
    return (await readMesh(am, mesh)).map(({ kind, name, parent, spec, tags }) => ({ kind, name, parent, spec, tags }));
  } finally {
    am.destroy();
  }
}

for (const [mesh, format] of [
  ["colorapp", "cloudformation"],
  ["howto-k8s-http-headers", "json"],
] as const) {
  it(`export --format ${format}, import into an empty deployment, describe: the same specs (${mesh})`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "meshedge-export-"));
    const file = join(dir, `${mesh}.${format === "json" ? "json" : "yaml"}`);
    await tool("export.ts", ["--endpoint", source.url, "--mesh", mesh, "--format", format, "--out", file]);
    const text = readFileSync(file, "utf8");
    if (format === "cloudformation") {
      expect(text).toContain("Type: AWS::AppMesh::VirtualNode");
      expect(text).toMatch(/DNS:\n\s+Hostname: colorteller-black\.colors\.local/);
      expect(text).toMatch(/AWSCloudMap:/);
    } else {
      expect(JSON.parse(text)[0]).toEqual({ meshName: mesh, spec: {} });
    }
    const { stdout } = await tool("import.ts", ["--endpoint", target.url, file]);
    expect(stdout).toMatch(/Done: create \d+, update 0, unchanged 0\./);
    const before = await meshState(source.url, mesh);
    expect(before.length).toBeGreaterThan(8);
    expect(await meshState(target.url, mesh)).toEqual(before);
    const again = await tool("import.ts", ["--endpoint", target.url, file]);
    expect(again.stdout).toMatch(/Done: create 0, update 0, unchanged \d+\./);
  }, 120_000);
}

it("a value the import cannot resolve: exit 1, one line naming file, resource and property", async () => {
  const failed = await tool("import.ts", [
    "--endpoint",
    target.url,
    "--param",
    "ServicesDomain=x.local",
    join(fixtures, "colorapp.cfn.yaml"),
  ]).catch((e: { code: number; stderr: string }) => e);
  expect((failed as { code: number }).code).toBe(1);
  expect((failed as { stderr: string }).stderr).toMatch(
    /^error: .*colorapp\.cfn\.yaml: resource ColorTellerBlueVirtualNode, property Spec.*Fn::ImportValue colorapp-certificate-arn has no value: give it with --import colorapp-certificate-arn=VALUE\n$/,
  );
});
