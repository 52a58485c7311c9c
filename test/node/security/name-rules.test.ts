import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import {
  AppMeshClient,
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  DeleteMeshCommand,
  DeleteVirtualNodeCommand,
  DescribeMeshCommand,
  DescribeVirtualNodeCommand,
} from "@aws-sdk/client-app-mesh";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_KEY } from "../../support/credentials";
import { startWorker, type RunningWorker } from "../support/start-worker";
import { httpApi, type HttpApi } from "./support/http-api";

const AWS_CLI = "/usr/bin/aws";
const run = promisify(execFile);
const MESH = "name-rules";
/** A node spec on 127.0.0.1:`port`, typed for the SDK. */
const localNodeSpec = (port: number) => ({
  serviceDiscovery: { dns: { hostname: "127.0.0.1" } },
  listeners: [{ portMapping: { port, protocol: "http" as const } }],
});

let w: RunningWorker;
let am: AppMeshClient;
let http: HttpApi;
beforeAll(async () => {
  w = await startWorker();
  am = new AppMeshClient({ endpoint: w.url, region: "us-east-1", credentials: DEV_KEY, maxAttempts: 1 });
  http = httpApi(w.url);
  await am.send(new CreateMeshCommand({ meshName: MESH }));
  await am.send(new CreateVirtualNodeCommand({ meshName: MESH, virtualNodeName: "ok-node", spec: localNodeSpec(9) }));
  await am.send(
    new CreateVirtualRouterCommand({
      meshName: MESH,
      virtualRouterName: "r",
      spec: { listeners: [{ portMapping: { port: 80, protocol: "http" } }] },
    }),
  );
}, 120_000);
afterAll(async () => {
  am?.destroy();
  await w?.stop();
});

const badRequest = (field: string, rule: RegExp) =>
  expect.objectContaining({
    name: "BadRequestException",
    $metadata: expect.objectContaining({ httpStatusCode: 400 }),
    message: expect.stringMatching(new RegExp(`^${field.replace(/[.[\]]/g, "\\$&")}: ${rule.source}`)),
  });

describe("names that are not well-formed Unicode or hold control characters", () => {
  // The SDK sends a body name as JSON, where a lone surrogate travels escaped ("bad\ud800"); it
  // could never send it back in a path (its URI encoder throws URIError), so such a resource
  // could never be described or deleted.
  it("are refused in the body with BadRequestException naming the field (the real SDK)", async () => {
    await expect(am.send(new CreateMeshCommand({ meshName: "bad\ud800" }))).rejects.toEqual(
      badRequest("meshName", /must be well-formed Unicode/),
    );
    await expect(am.send(new DescribeMeshCommand({ meshName: "bad\ud800" }))).rejects.toThrow(URIError);
    for (const name of ["bad\udc00x", "nul\u0000", "cr\rlf\n", "tab\t", "del\u007f", "c1\u0085"]) {
      const rule = /[\ud800-\udfff]/.test(name) ? /must be well-formed Unicode/ : /must not contain control characters/;
      await expect(
        am.send(new CreateVirtualNodeCommand({ meshName: MESH, virtualNodeName: name, spec: localNodeSpec(9) })),
        JSON.stringify(name),
      ).rejects.toEqual(badRequest("virtualNodeName", rule));
    }
  });

  it("are refused where a spec names another resource", async () => {
    const route = (virtualNode: string) => ({
      httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode, weight: 1 }] } },
    });
    await expect(
      am.send(new CreateRouteCommand({ meshName: MESH, virtualRouterName: "r", routeName: "x", spec: route("n\ud800") })),
    ).rejects.toEqual(badRequest("spec.httpRoute.action.weightedTargets[0].virtualNode", /must be well-formed Unicode/));
    await expect(
      am.send(
        new CreateVirtualNodeCommand({
          meshName: MESH,
          virtualNodeName: "with-backend",
          spec: {
            ...localNodeSpec(9),
            backends: [{ virtualService: { virtualServiceName: "svc\u0000.local" } }],
          },
        }),
      ),
    ).rejects.toEqual(badRequest("spec.backends[0].virtualService.virtualServiceName", /must not contain control characters/));
  });

  it("are refused as path parameters, over raw signed HTTP", async () => {
    for (const [path, field] of [
      [`/v20190125/meshes/a%0Ab`, "meshName"],
      [`/v20190125/meshes/${MESH}/virtualNodes/n%00`, "virtualNodeName"],
      [`/v20190125/meshes/${MESH}/virtualRouter/r%7F/routes`, "virtualRouterName"],
      [`/_meshedge/v1/meshes/${MESH}/virtualRouter/r%0D/routes/x/policy`, "virtualRouterName"],
    ] as const) {
      const a = await http.api("GET", path);
      expect([path, a.status, a.errorType], a.text).toEqual([path, 400, "BadRequestException"]);
      expect((a.json as { message: string }).message).toMatch(new RegExp(`^${field}: must not contain control characters`));
    }
    // An encoded lone surrogate is not valid UTF-8: it never decodes to a name, and is never a 500.
    const s = await http.api("GET", "/v20190125/meshes/bad%ED%A0%80");
    expect(s.status === 400 || s.status === 404, s.text).toBe(true);
  });

  it("the AWS CLI's JSON escape of a lone surrogate is refused the same way", async () => {
    if (!existsSync(AWS_CLI)) return;
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: DEV_KEY.accessKeyId,
      AWS_SECRET_ACCESS_KEY: DEV_KEY.secretAccessKey,
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_PAGER: "",
    };
    const out = await run(AWS_CLI, ["appmesh", "create-mesh", "--endpoint-url", w.url, "--cli-input-json", '{"meshName":"cli\\ud800"}'], {
      env,
    }).catch((e: { stderr: string }) => e);
    expect("stderr" in out ? out.stderr : "").toMatch(/BadRequestException.*meshName: must be well-formed Unicode/);
  }, 60_000);

  it("leave well-formed non-ASCII names alone: created, described and deleted by the SDK", async () => {
    for (const name of ["café-🚀", "名前", "a b", "x\u200by"]) {
      await am.send(new CreateVirtualNodeCommand({ meshName: MESH, virtualNodeName: name, spec: localNodeSpec(9) }));
      expect((await am.send(new DescribeVirtualNodeCommand({ meshName: MESH, virtualNodeName: name }))).virtualNode?.virtualNodeName).toBe(
        name,
      );
      await am.send(new DeleteVirtualNodeCommand({ meshName: MESH, virtualNodeName: name }));
    }
    await am.send(new CreateMeshCommand({ meshName: "🚀-mesh" }));
    expect((await am.send(new DeleteMeshCommand({ meshName: "🚀-mesh" }))).mesh?.status?.status).toBe("DELETED");
  });
});
