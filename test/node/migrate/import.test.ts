import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  AppMeshClient,
  DescribeGatewayRouteCommand,
  DescribeMeshCommand,
  DescribeRouteCommand,
  DescribeVirtualNodeCommand,
  DescribeVirtualServiceCommand,
  ListMeshesCommand,
  ListTagsForResourceCommand,
} from "@aws-sdk/client-app-mesh";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImport } from "../../../scripts/migrate/run-import";
import { DEV_KEY } from "../../support/credentials";
import { type RunningWorker, startWorker } from "../support/start-worker";

const fixtures = resolve(import.meta.dirname, "../../fixtures/migrate");
const CFN = join(fixtures, "colorapp.cfn.yaml");
const K8S = join(fixtures, "color-headers.k8s.yaml");
const CERT = "arn:aws:acm:us-east-1:000000000000:certificate/colorapp";
const cfnOptions = { params: { ServicesDomain: "colors.local" }, imports: { "colorapp-certificate-arn": CERT } };

let w: RunningWorker;
let am: AppMeshClient;
beforeAll(async () => {
  w = await startWorker();
  am = new AppMeshClient({ endpoint: w.url, region: "us-east-1", credentials: DEV_KEY });
}, 120_000);
afterAll(async () => {
  am?.destroy();
  await w?.stop();
});

const quiet = { log: () => {} };
const actions = (r: Awaited<ReturnType<typeof runImport>>) => r.steps.map((s) => `${s.action} ${s.resource.kind} ${s.resource.name}`);

function tmpFile(name: string, text: string): string {
  const f = join(mkdtempSync(join(tmpdir(), "meshedge-migrate-")), name);
  writeFileSync(f, text);
  return f;
}

describe("import a CloudFormation template (colorapp)", () => {
  it("creates every AppMesh resource in dependency order, skipping other types and false conditions", async () => {
    const r = await runImport({ files: [CFN], endpoint: w.url, ...cfnOptions, ...quiet });
    expect(actions(r)).toEqual([
      "create mesh colorapp",
      "create virtualNode colorteller-black-vn",
      "create virtualNode colorteller-blue-vn",
      "create virtualNode tcpecho-vn",
      "create virtualNode colorgateway-vn",
      "create virtualRouter colorteller-vr",
      "create route colorteller-route",
      "create virtualService colorteller.colors.local",
      "create virtualGateway ingress-gw",
      "create gatewayRoute color-gwr",
    ]);
  });

  it("describes back the API shapes CloudFormation maps to (DNS, AWSCloudMap, TLS/ACM, numbers from strings)", async () => {
    const mesh = (await am.send(new DescribeMeshCommand({ meshName: "colorapp" }))).mesh!;
    expect(mesh.spec).toEqual({ egressFilter: { type: "DROP_ALL" } });
    expect((await am.send(new ListTagsForResourceCommand({ resourceArn: mesh.metadata!.arn! }))).tags).toEqual([
      { key: "team", value: "colors" },
    ]);
    const black = (await am.send(new DescribeVirtualNodeCommand({ meshName: "colorapp", virtualNodeName: "colorteller-black-vn" })))
      .virtualNode!;
    expect(black.spec).toEqual({
      backends: [],
      listeners: [
        {
          portMapping: { port: 9080, protocol: "http" },
          healthCheck: {
            protocol: "http",
            path: "/ping",
            healthyThreshold: 2,
            unhealthyThreshold: 2,
            timeoutMillis: 2000,
            intervalMillis: 5000,
            port: 9080,
          },
        },
      ],
      serviceDiscovery: { dns: { hostname: "colorteller-black.colors.local" } },
    });
    const blue = (await am.send(new DescribeVirtualNodeCommand({ meshName: "colorapp", virtualNodeName: "colorteller-blue-vn" })))
      .virtualNode!;
    expect(blue.spec?.listeners?.[0]?.tls).toEqual({ mode: "STRICT", certificate: { acm: { certificateArn: CERT } } });
    expect(blue.spec?.serviceDiscovery).toEqual({ awsCloudMap: { namespaceName: "colors.local", serviceName: "colorteller-blue" } });
    const gw = (await am.send(new DescribeVirtualNodeCommand({ meshName: "colorapp", virtualNodeName: "colorgateway-vn" }))).virtualNode!;
    expect(gw.spec?.serviceDiscovery).toEqual({ dns: { hostname: "colorgateway.colors.local" } }); // !If IsProd -> AWS::NoValue
    expect(gw.spec?.backends).toEqual([{ virtualService: { virtualServiceName: "colorteller.colors.local" } }]);
    const route = (
      await am.send(new DescribeRouteCommand({ meshName: "colorapp", virtualRouterName: "colorteller-vr", routeName: "colorteller-route" }))
    ).route!;
    expect(route.spec?.priority).toBe(10);
    expect(route.spec?.httpRoute?.action?.weightedTargets).toEqual([
      { virtualNode: "colorteller-black-vn", weight: 3 },
      { virtualNode: "colorteller-blue-vn", weight: 1 },
    ]);
    expect(route.spec?.httpRoute?.retryPolicy).toEqual({
      httpRetryEvents: ["server-error", "gateway-error"],
      maxRetries: 2,
      perRetryTimeout: { unit: "ms", value: 2000 },
    });
    const svc = (await am.send(new DescribeVirtualServiceCommand({ meshName: "colorapp", virtualServiceName: "colorteller.colors.local" })))
      .virtualService!;
    expect(svc.spec).toEqual({ provider: { virtualRouter: { virtualRouterName: "colorteller-vr" } } });
    const gwr = (
      await am.send(
        new DescribeGatewayRouteCommand({ meshName: "colorapp", virtualGatewayName: "ingress-gw", gatewayRouteName: "color-gwr" }),
      )
    ).gatewayRoute!;
    expect(gwr.spec?.httpRoute?.match).toEqual({ prefix: "/color/" });
    expect(gwr.spec?.httpRoute?.action?.rewrite).toEqual({ prefix: { value: "/" } });
  });

  it("re-running changes nothing: App Mesh's fill-ins (backends [], health check port, match prefix /) count as equal", async () => {
    const r = await runImport({ files: [CFN], endpoint: w.url, ...cfnOptions, ...quiet });
    expect(r.steps.every((s) => s.action === "unchanged")).toBe(true);
    const node = (await am.send(new DescribeVirtualNodeCommand({ meshName: "colorapp", virtualNodeName: "colorteller-black-vn" })))
      .virtualNode!;
    expect(node.metadata?.version).toBe(1);
  });

  it("reports per resource what the edge will not do", async () => {
    const r = await runImport({ files: [CFN], endpoint: w.url, ...cfnOptions, dryRun: true, ...quiet });
    const black = r.report.get("virtual node colorteller-black-vn in mesh colorapp") ?? [];
    expect(black.some((l) => l.startsWith("health checks are stored, not run"))).toBe(true);
    const blue = r.report.get("virtual node colorteller-blue-vn in mesh colorapp") ?? [];
    expect(blue.some((l) => l.startsWith("listener TLS"))).toBe(true);
    expect(blue.some((l) => l.startsWith("AWS Cloud Map discovery is not supported"))).toBe(true);
  });

  it("a changed parameter updates just what it changes; --dry-run prints the plan and changes nothing", async () => {
    const lines: string[] = [];
    const changed = { ...cfnOptions, params: { ...cfnOptions.params, EnvironmentName: "dev" } };
    const plan = await runImport({ files: [CFN], endpoint: w.url, ...changed, dryRun: true, log: (l) => lines.push(l) });
    // dev: egress ALLOW_ALL, the gateway node gets ResponseType, the TCP node's condition is false (never deleted).
    expect(actions(plan).filter((a) => !a.startsWith("unchanged"))).toEqual(["update mesh colorapp", "update virtualNode colorgateway-vn"]);
    expect(lines).toContain(`[1/${plan.steps.length}] update    mesh colorapp`);
    expect((await am.send(new DescribeMeshCommand({ meshName: "colorapp" }))).mesh?.spec).toEqual({ egressFilter: { type: "DROP_ALL" } });
    await runImport({ files: [CFN], endpoint: w.url, ...changed, ...quiet });
    const mesh = (await am.send(new DescribeMeshCommand({ meshName: "colorapp" }))).mesh!;
    expect(mesh.spec).toEqual({ egressFilter: { type: "ALLOW_ALL" } });
    expect(mesh.metadata?.version).toBe(2);
    const gw = (await am.send(new DescribeVirtualNodeCommand({ meshName: "colorapp", virtualNodeName: "colorgateway-vn" }))).virtualNode!;
    expect(gw.spec?.serviceDiscovery).toEqual({ dns: { hostname: "colorgateway.colors.local", responseType: "LOADBALANCER" } });
  });
});

describe("import App Mesh controller manifests (howto-k8s-http-headers)", () => {
  it("names and references resources as the controller does, and describes them back", async () => {
    const r = await runImport({ files: [K8S], endpoint: w.url, ...quiet });
    const meshName = "howto-k8s-http-headers";
    expect(actions(r)).toEqual([
      `create mesh ${meshName}`,
      "create virtualNode front_howto-k8s-http-headers",
      "create virtualNode blue_howto-k8s-http-headers",
      "create virtualNode white_howto-k8s-http-headers",
      "create virtualRouter color_howto-k8s-http-headers",
      "create route color-route-blue",
      "create route color-route-white",
      "create virtualService color.howto-k8s-http-headers.svc.cluster.local",
      "create virtualGateway ingress-gw_howto-k8s-http-headers",
      "create gatewayRoute gateway-route-color_howto-k8s-http-headers",
    ]);
    const front = (await am.send(new DescribeVirtualNodeCommand({ meshName, virtualNodeName: "front_howto-k8s-http-headers" })))
      .virtualNode!;
    expect(front.spec?.backends).toEqual([{ virtualService: { virtualServiceName: "color.howto-k8s-http-headers.svc.cluster.local" } }]);
    expect(front.spec?.serviceDiscovery).toEqual({ dns: { hostname: "front.howto-k8s-http-headers.svc.cluster.local" } });
    const blue = (
      await am.send(
        new DescribeRouteCommand({ meshName, virtualRouterName: "color_howto-k8s-http-headers", routeName: "color-route-blue" }),
      )
    ).route!;
    expect(blue.spec).toEqual({
      priority: 10,
      httpRoute: {
        match: { prefix: "/", headers: [{ name: "color_header", match: { exact: "blue" } }] },
        action: { weightedTargets: [{ virtualNode: "blue_howto-k8s-http-headers", weight: 1 }] },
      },
    });
    const svc = (
      await am.send(new DescribeVirtualServiceCommand({ meshName, virtualServiceName: "color.howto-k8s-http-headers.svc.cluster.local" }))
    ).virtualService!;
    expect(svc.spec).toEqual({ provider: { virtualRouter: { virtualRouterName: "color_howto-k8s-http-headers" } } });
    const gwr = (
      await am.send(
        new DescribeGatewayRouteCommand({
          meshName,
          virtualGatewayName: "ingress-gw_howto-k8s-http-headers",
          gatewayRouteName: "gateway-route-color_howto-k8s-http-headers",
        }),
      )
    ).gatewayRoute!;
    expect(gwr.spec?.httpRoute?.action?.target?.virtualService).toEqual({
      virtualServiceName: "color.howto-k8s-http-headers.svc.cluster.local",
    });
    expect(r.report.get("virtual node front_howto-k8s-http-headers in mesh howto-k8s-http-headers")).toContain(
      "podSelector left out: it selects objects inside the cluster",
    );
    const again = await runImport({ files: [K8S], endpoint: w.url, ...quiet });
    expect(again.steps.every((s) => s.action === "unchanged")).toBe(true);
  });
});

describe("malformed input gets a clear error and creates nothing", () => {
  const template = (resources: string, extra = "") =>
    `${extra}Resources:\n  Mesh:\n    Type: AWS::AppMesh::Mesh\n    Properties:\n      MeshName: bad-mesh\n${resources}`;
  const node = (props: string) =>
    `  Node:\n    Type: AWS::AppMesh::VirtualNode\n    Properties:\n      MeshName: !GetAtt Mesh.MeshName\n${props}`;
  const cases: [string, string, string, RegExp][] = [
    [
      "unknown intrinsic (short form)",
      "t1.yaml",
      template(node("      VirtualNodeName: !Lookup nodes\n")),
      /t1\.yaml:\d+: unknown intrinsic function tag !Lookup/,
    ],
    [
      "unknown intrinsic (long form)",
      "t2.json",
      JSON.stringify({ Resources: { Mesh: { Type: "AWS::AppMesh::Mesh", Properties: { MeshName: { "Fn::Lookup": ["x"] } } } } }),
      /t2\.json: resource Mesh, property MeshName: unknown intrinsic function Fn::Lookup/,
    ],
    [
      "missing parameter",
      "t3.yaml",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own !Sub syntax, not a JS template
      template(node('      VirtualNodeName: !Sub "${App}-node"\n'), "Parameters:\n  App:\n    Type: String\n"),
      /t3\.yaml: resource Node, property VirtualNodeName: parameter App has no value: give it with --param App=VALUE/,
    ],
    [
      "cycle",
      "t4.yaml",
      template(
        node("      VirtualNodeName: !GetAtt Other.VirtualNodeName\n") +
          node("      VirtualNodeName: !GetAtt Node.VirtualNodeName\n").replace("  Node:", "  Other:"),
      ),
      /t4\.yaml: resource \w+: circular dependency (Node -> Other -> Node|Other -> Node -> Other)/,
    ],
    [
      "a Ref to nothing",
      "t5.yaml",
      template(node("      VirtualNodeName: !Ref Nowhere\n")),
      /t5\.yaml: resource Node, property VirtualNodeName: Ref Nowhere refers to nothing/,
    ],
    [
      "a route to a node that is nowhere",
      "t6.yaml",
      template(
        "  Router:\n    Type: AWS::AppMesh::VirtualRouter\n    Properties:\n      MeshName: bad-mesh\n      VirtualRouterName: r\n      Spec: { Listeners: [{ PortMapping: { Port: 80, Protocol: http } }] }\n  Route:\n    Type: AWS::AppMesh::Route\n    Properties:\n      MeshName: bad-mesh\n      VirtualRouterName: r\n      RouteName: x\n      Spec: { HttpRoute: { Match: { Prefix: / }, Action: { WeightedTargets: [{ VirtualNode: ghost, Weight: 1 }] } } }\n",
      ),
      /t6\.yaml: Route: route x of virtual router r in mesh bad-mesh: httpRoute\.action\.weightedTargets refers to virtual node ghost in mesh bad-mesh, which is neither in the input nor deployed/,
    ],
    [
      "an unknown property",
      "t7.yaml",
      template(node("      VirtualNodeName: n\n      Spec: { Listeners: [{ PortMapping: { Port: 80, Protocol: http }, Colour: red }] }\n")),
      /t7\.yaml: resource Node, property Spec\.Listeners\[0\]\.Colour: no such property/,
    ],
    [
      "a controller reference with no mesh",
      "k1.yaml",
      "apiVersion: appmesh.k8s.aws/v1beta2\nkind: VirtualNode\nmetadata: { name: a, namespace: ns }\nspec: { listeners: [] }\n",
      /k1\.yaml: VirtualNode ns\/a: no mesh: the input has no Mesh; give it with --mesh NAME/,
    ],
  ];
  for (const [what, name, text, error] of cases) {
    it(what, async () => {
      await expect(runImport({ files: [tmpFile(name, text)], endpoint: w.url, ...quiet })).rejects.toThrow(error);
      const meshes = (await am.send(new ListMeshesCommand({}))).meshes ?? [];
      expect(meshes.map((m) => m.meshName)).not.toContain("bad-mesh");
    });
  }
});
