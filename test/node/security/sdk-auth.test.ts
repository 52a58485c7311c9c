import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { AppMeshClient, CreateMeshCommand, DescribeMeshCommand, ListMeshesCommand } from "@aws-sdk/client-app-mesh";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_KEY as DEV, READONLY_KEY as READONLY, TEST_ACCESS_KEYS } from "../../support/credentials";
import { startWorker, type RunningWorker } from "../support/start-worker";

const AWS_CLI = "/usr/bin/aws";
const run = promisify(execFile);

let w: RunningWorker;
beforeAll(async () => {
  w = await startWorker({ vars: { MESHEDGE_ACCESS_KEYS: TEST_ACCESS_KEYS } });
}, 120_000);
afterAll(() => w?.stop());

const client = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
  new AppMeshClient({ endpoint: w.url, region: "us-east-1", credentials, maxAttempts: 1 });

describe("the real AWS SDK against the bundled Worker", () => {
  it("creates and lists meshes with the configured key", async () => {
    const created = await client(DEV).send(new CreateMeshCommand({ meshName: "sdk-auth" }));
    expect(created.mesh?.meshName).toBe("sdk-auth");
    const listed = await client(DEV).send(new ListMeshesCommand({}));
    expect(listed.meshes?.map((m) => m.meshName)).toContain("sdk-auth");
  });

  it("fails with ForbiddenException for a wrong secret and for an unknown key", async () => {
    const wrongSecret = client({ ...DEV, secretAccessKey: "not-the-dev-secret-at-all-000" });
    await expect(wrongSecret.send(new ListMeshesCommand({}))).rejects.toMatchObject({
      name: "ForbiddenException",
      $metadata: { httpStatusCode: 403 },
    });
    const unknown = client({ accessKeyId: "AKIDSOMEONEELSE00001", secretAccessKey: DEV.secretAccessKey });
    await expect(unknown.send(new ListMeshesCommand({}))).rejects.toMatchObject({ name: "ForbiddenException" });
  });

  it("lets a read-only key describe but not create", async () => {
    const ro = client(READONLY);
    expect((await ro.send(new DescribeMeshCommand({ meshName: "sdk-auth" }))).mesh?.meshName).toBe("sdk-auth");
    await expect(ro.send(new CreateMeshCommand({ meshName: "nope" }))).rejects.toMatchObject({
      name: "ForbiddenException",
      message: expect.stringMatching(/read-only/),
    });
  });

  it("refuses an unsigned request in App Mesh's error shape", async () => {
    const res = await fetch(`${w.url}/v20190125/meshes`);
    expect(res.status).toBe(403);
    expect(res.headers.get("x-amzn-errortype")).toBe("ForbiddenException");
    expect(await res.json()).toEqual({ message: expect.stringMatching(/Missing Authentication Token/) });
  });

  it.skipIf(!existsSync(AWS_CLI))(
    "accepts the AWS CLI (botocore's signer) and refuses it with a wrong secret",
    async () => {
      const cli = (secret: string) =>
        run(
          AWS_CLI,
          ["appmesh", "describe-mesh", "--mesh-name", "sdk-auth", "--endpoint-url", w.url, "--region", "us-east-1", "--output", "json"],
          {
            env: {
              PATH: process.env["PATH"] ?? "",
              AWS_ACCESS_KEY_ID: DEV.accessKeyId,
              AWS_SECRET_ACCESS_KEY: secret,
              AWS_CONFIG_FILE: "/dev/null",
              AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
              AWS_MAX_ATTEMPTS: "1",
            },
          },
        );
      const ok = await cli(DEV.secretAccessKey);
      expect(JSON.parse(ok.stdout).mesh.meshName).toBe("sdk-auth");
      await expect(cli("wrong-secret-wrong-secret")).rejects.toMatchObject({ stderr: expect.stringMatching(/ForbiddenException/) });
    },
    60_000,
  );
});
