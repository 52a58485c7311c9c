import {
  AppMeshClient,
  BadRequestException,
  ConflictException,
  CreateGatewayRouteCommand,
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualGatewayCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  DeleteVirtualNodeCommand,
  DescribeGatewayRouteCommand,
  DescribeRouteCommand,
  DescribeVirtualServiceCommand,
  ListRoutesCommand,
  ListTagsForResourceCommand,
  NotFoundException,
  ResourceInUseException,
  TagResourceCommand,
  UpdateRouteCommand,
  paginateListVirtualNodes,
  type CreateRouteCommandInput,
} from "@aws-sdk/client-app-mesh";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_KEY, DEV_REGION } from "../../support/credentials";
import { startWorker, type RunningWorker } from "../support/start-worker";

const ACCOUNT = "000000000000";
const AWS = "/usr/bin/aws";
const run = promisify(execFile);
const hasCli = existsSync(AWS);
let w: RunningWorker;
let sdk: AppMeshClient;
beforeAll(async () => {
  w = await startWorker();
  sdk = new AppMeshClient({
    endpoint: w.url,
    region: DEV_REGION,
    maxAttempts: 1,
    credentials: DEV_KEY,
  });
}, 120_000);
afterAll(() => w?.stop());

/** The seed document's create-route-grpc.json, verbatim. */
const GRPC_ROUTE: CreateRouteCommandInput = JSON.parse(
  `{"meshName":"meshName","routeName":"routeName","spec":{"grpcRoute":{"action":{"weightedTargets":[{"virtualNode":"nodeName","weight":100}]},"match":{"metadata":[{"invert":false,"match":{"prefix":"123"},"name":"myMetadata"}],"methodName":"nameOfmethod","serviceName":"serviceA.svc.cluster.local"},"retryPolicy":{"grpcRetryEvents":["deadline-exceeded"],"httpRetryEvents":["server-error","gateway-error"],"maxRetries":3,"perRetryTimeout":{"unit":"s","value":15},"tcpRetryEvents":["connection-error"]}},"priority":100},"virtualRouterName":"routerName"}`,
);

const node = (name: string, port = 8080, protocol: "http" | "grpc" = "http") =>
  new CreateVirtualNodeCommand({
    meshName: "meshName",
    virtualNodeName: name,
    spec: { listeners: [{ portMapping: { port, protocol } }], serviceDiscovery: { dns: { hostname: `${name}.local` } } },
  });

describe("the real @aws-sdk/client-app-mesh against the running Worker", () => {
  it("builds a whole mesh: two nodes, a router with a weighted route, a service, a gateway with a gateway route", async () => {
    const before = Date.now();
    const mesh = await sdk.send(new CreateMeshCommand({ meshName: "meshName", spec: { egressFilter: { type: "ALLOW_ALL" } } }));
    expect(mesh.mesh?.metadata?.createdAt).toBeInstanceOf(Date);
    expect(mesh.mesh!.metadata!.createdAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    await sdk.send(node("nodeName", 8080, "grpc"));
    await sdk.send(node("nodeB", 8080, "grpc"));
    await sdk.send(
      new CreateVirtualRouterCommand({
        meshName: "meshName",
        virtualRouterName: "routerName",
        spec: { listeners: [{ portMapping: { port: 8080, protocol: "grpc" } }] },
      }),
    );
    const weighted = await sdk.send(
      new CreateRouteCommand({
        meshName: "meshName",
        virtualRouterName: "routerName",
        routeName: "weighted",
        spec: {
          priority: 200,
          grpcRoute: {
            match: { serviceName: "serviceB" },
            action: {
              weightedTargets: [
                { virtualNode: "nodeName", weight: 80 },
                { virtualNode: "nodeB", weight: 20 },
              ],
            },
          },
        },
      }),
    );
    expect(weighted.route?.spec?.grpcRoute?.action?.weightedTargets).toEqual([
      { virtualNode: "nodeName", weight: 80 },
      { virtualNode: "nodeB", weight: 20 },
    ]);
    await sdk.send(
      new CreateVirtualServiceCommand({
        meshName: "meshName",
        virtualServiceName: "serviceA.svc.cluster.local",
        spec: { provider: { virtualRouter: { virtualRouterName: "routerName" } } },
      }),
    );
    await sdk.send(
      new CreateVirtualGatewayCommand({
        meshName: "meshName",
        virtualGatewayName: "gw",
        spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] },
      }),
    );
    const gr = await sdk.send(
      new CreateGatewayRouteCommand({
        meshName: "meshName",
        virtualGatewayName: "gw",
        gatewayRouteName: "to-a",
        spec: {
          httpRoute: {
            match: { prefix: "/a/" },
            action: {
              target: { virtualService: { virtualServiceName: "serviceA.svc.cluster.local" } },
              rewrite: { prefix: { defaultPrefix: "DISABLED" } },
            },
          },
        },
      }),
    );
    expect(gr.gatewayRoute?.status?.status).toBe("ACTIVE");
    const described = await sdk.send(
      new DescribeGatewayRouteCommand({ meshName: "meshName", virtualGatewayName: "gw", gatewayRouteName: "to-a" }),
    );
    expect(described.gatewayRoute?.spec).toEqual(gr.gatewayRoute?.spec);
    const svc = await sdk.send(
      new DescribeVirtualServiceCommand({ meshName: "meshName", virtualServiceName: "serviceA.svc.cluster.local" }),
    );
    expect(svc.virtualService?.spec?.provider?.virtualRouter?.virtualRouterName).toBe("routerName");
  });

  it("creates the gRPC route of create-route-grpc.json and describes it field by field", async () => {
    const created = await sdk.send(new CreateRouteCommand(GRPC_ROUTE));
    const { route } = await sdk.send(
      new DescribeRouteCommand({ meshName: "meshName", virtualRouterName: "routerName", routeName: "routeName" }),
    );
    expect(route).toEqual(created.route);
    expect(route?.meshName).toBe("meshName");
    expect(route?.virtualRouterName).toBe("routerName");
    expect(route?.routeName).toBe("routeName");
    expect(route?.status).toEqual({ status: "ACTIVE" });
    expect(route?.spec?.priority).toBe(100);
    const g = route!.spec!.grpcRoute!;
    expect(g.action).toEqual({ weightedTargets: [{ virtualNode: "nodeName", weight: 100 }] });
    expect(g.match?.serviceName).toBe("serviceA.svc.cluster.local");
    expect(g.match?.methodName).toBe("nameOfmethod");
    expect(g.match?.metadata).toEqual([{ invert: false, match: { prefix: "123" }, name: "myMetadata" }]);
    expect(g.retryPolicy).toEqual({
      grpcRetryEvents: ["deadline-exceeded"],
      httpRetryEvents: ["server-error", "gateway-error"],
      maxRetries: 3,
      perRetryTimeout: { unit: "s", value: 15 },
      tcpRetryEvents: ["connection-error"],
    });
    const md = route!.metadata!;
    expect(md.arn).toBe(`arn:aws:appmesh:us-east-1:${ACCOUNT}:mesh/meshName/virtualRouter/routerName/route/routeName`);
    expect([md.version, md.meshOwner, md.resourceOwner]).toEqual([1, ACCOUNT, ACCOUNT]);
    expect(md.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(md.createdAt).toBeInstanceOf(Date);
    expect(md.lastUpdatedAt?.getTime()).toBe(md.createdAt?.getTime());

    const updated = await sdk.send(new UpdateRouteCommand({ ...GRPC_ROUTE, spec: { ...GRPC_ROUTE.spec, priority: 5 } }));
    expect(updated.route?.metadata?.version).toBe(2);
    expect(updated.route?.spec?.priority).toBe(5);
    const list = await sdk.send(new ListRoutesCommand({ meshName: "meshName", virtualRouterName: "routerName" }));
    expect(list.routes?.map((r) => r.routeName)).toEqual(["routeName", "weighted"]);
  });

  it("surfaces App Mesh errors as the SDK's typed exceptions", async () => {
    await expect(sdk.send(new CreateMeshCommand({ meshName: "meshName" }))).rejects.toBeInstanceOf(ConflictException);
    await expect(
      sdk.send(new DescribeRouteCommand({ meshName: "meshName", virtualRouterName: "routerName", routeName: "ghost" })),
    ).rejects.toBeInstanceOf(NotFoundException);
    await expect(sdk.send(new DeleteVirtualNodeCommand({ meshName: "meshName", virtualNodeName: "nodeName" }))).rejects.toBeInstanceOf(
      ResourceInUseException,
    );
    const bad = sdk.send(
      new CreateRouteCommand({
        ...GRPC_ROUTE,
        routeName: "bad",
        spec: { grpcRoute: { ...GRPC_ROUTE.spec!.grpcRoute!, action: { weightedTargets: [{ virtualNode: "nodeName", weight: 101 }] } } },
      }),
    );
    await expect(bad).rejects.toBeInstanceOf(BadRequestException);
    await expect(bad).rejects.toMatchObject({
      message: "spec.grpcRoute.action.weightedTargets[0].weight: must be <= 100",
      $metadata: { httpStatusCode: 400 },
    });
  });

  it("paginates with the SDK's paginator and tags by ARN", async () => {
    for (let i = 0; i < 5; i++) await sdk.send(node(`extra-${i}`));
    const names: string[] = [];
    for await (const page of paginateListVirtualNodes({ client: sdk, pageSize: 2 }, { meshName: "meshName" })) {
      expect(page.virtualNodes!.length).toBeLessThanOrEqual(2);
      names.push(...page.virtualNodes!.map((n) => n.virtualNodeName!));
    }
    expect(names).toEqual(["extra-0", "extra-1", "extra-2", "extra-3", "extra-4", "nodeB", "nodeName"]);
    const arn = `arn:aws:appmesh:us-east-1:${ACCOUNT}:mesh/meshName/virtualNode/nodeB`;
    await sdk.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: "team", value: "edge" }] }));
    expect((await sdk.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([{ key: "team", value: "edge" }]);
  });
});

/** Runs `aws appmesh ...` against the Worker with the dev key; resolves to parsed JSON output. */
// biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON output, read field by field by the assertions
async function appmesh(...args: string[]): Promise<any> {
  const { stdout } = await run(AWS, ["appmesh", ...args, "--endpoint-url", w.url, "--output", "json"], {
    env: {
      PATH: process.env["PATH"] ?? "/usr/bin:/bin",
      AWS_ACCESS_KEY_ID: DEV_KEY.accessKeyId,
      AWS_SECRET_ACCESS_KEY: DEV_KEY.secretAccessKey,
      AWS_DEFAULT_REGION: DEV_REGION,
      AWS_REGION: DEV_REGION,
      AWS_CONFIG_FILE: "/dev/null",
      AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
      AWS_MAX_ATTEMPTS: "1",
      AWS_PAGER: "",
    },
    timeout: 30_000,
  });
  return stdout.trim() === "" ? {} : JSON.parse(stdout);
}

// Skipped (with this reason) on machines without Debian's awscli at /usr/bin/aws.
describe.skipIf(!hasCli)("the real AWS CLI (Debian awscli) against the running Worker", () => {
  it("creates, describes, updates and deletes like App Mesh", async () => {
    const mesh = await appmesh("create-mesh", "--mesh-name", "cli-mesh");
    expect(mesh.mesh.meshName).toBe("cli-mesh");
    expect(mesh.mesh.metadata.arn).toBe("arn:aws:appmesh:us-east-1:000000000000:mesh/cli-mesh");
    const nodeSpec = JSON.stringify({
      listeners: [{ portMapping: { port: 8080, protocol: "http" } }],
      serviceDiscovery: { dns: { hostname: "web.local" } },
    });
    await appmesh("create-virtual-node", "--mesh-name", "cli-mesh", "--virtual-node-name", "web", "--spec", nodeSpec);
    await appmesh(
      "create-virtual-router",
      "--mesh-name",
      "cli-mesh",
      "--virtual-router-name",
      "r",
      "--spec",
      JSON.stringify({ listeners: [{ portMapping: { port: 8080, protocol: "http" } }] }),
    );
    const routeSpec = { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode: "web", weight: 100 }] } } };
    const route = await appmesh(
      "create-route",
      "--mesh-name",
      "cli-mesh",
      "--virtual-router-name",
      "r",
      "--route-name",
      "all",
      "--spec",
      JSON.stringify(routeSpec),
    );
    expect(route.route.spec).toEqual(routeSpec);
    const described = await appmesh("describe-route", "--mesh-name", "cli-mesh", "--virtual-router-name", "r", "--route-name", "all");
    expect(described.route.status.status).toBe("ACTIVE");
    // The CLI prints timestamps it parsed from epoch seconds.
    expect(typeof described.route.metadata.createdAt).toBe("string");
    const updated = await appmesh(
      "update-route",
      "--mesh-name",
      "cli-mesh",
      "--virtual-router-name",
      "r",
      "--route-name",
      "all",
      "--spec",
      JSON.stringify({ ...routeSpec, priority: 7 }),
    );
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
