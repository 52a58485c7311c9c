import {
  AppMeshClient,
  CreateGatewayRouteCommand,
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualGatewayCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  DescribeGatewayRouteCommand,
  DescribeMeshCommand,
  DescribeRouteCommand,
  DescribeVirtualGatewayCommand,
  DescribeVirtualNodeCommand,
  DescribeVirtualRouterCommand,
  DescribeVirtualServiceCommand,
  UpdateRouteCommand,
  UpdateVirtualNodeCommand,
} from "@aws-sdk/client-app-mesh";
import { DEV_KEY } from "../test/support/credentials";

/** The development key pair (documented in SECURITY.md), the one the tests use; never use it in production. */
export const DEV_CREDENTIALS = DEV_KEY;

export const DEMO = {
  mesh: "demo",
  service: "demo.local",
  router: "demo-router",
  route: "demo-route",
  gateway: "demo-gateway",
  gatewayRoute: "demo-gateway-route",
  gatewayPrefix: "/demo/",
  weights: { v1: 80, v2: 20 },
} as const;

export interface SeedOptions {
  endpoint: string;
  /** The key to sign with (default: the development key); `npm run dev` passes the one from .dev.vars. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  ports: { v1: number; v2: number };
  log?: (line: string) => void;
}

const isNotFound = (e: unknown) => (e as { name?: string }).name === "NotFoundException";

/**
 * Creates `thing` unless `describe` finds it: re-running the demo keeps what is there
 * (including weights a rollout or a user changed) instead of failing with ConflictException.
 */
async function ensure(what: string, describe: () => Promise<unknown>, create: () => Promise<unknown>, log: (l: string) => void) {
  try {
    await describe();
    log(`  kept    ${what}`);
  } catch (e) {
    if (!isNotFound(e)) throw e;
    await create();
    log(`  created ${what}`);
  }
}

/**
 * Seeds the demo mesh through the real App Mesh SDK, signed with the development key: two
 * virtual nodes on 127.0.0.1 (v1, v2), a router whose route splits 80/20, the virtual service
 * `demo.local` provided by the router, and a virtual gateway whose route sends `/demo/` to it.
 * Idempotent; a node whose upstream port moved (the default port was taken) is updated.
 */
export async function seedDemoMesh(opts: SeedOptions): Promise<void> {
  const log = opts.log ?? (() => {});
  const am = new AppMeshClient({
    endpoint: opts.endpoint,
    region: "us-east-1",
    credentials: opts.credentials ?? DEV_CREDENTIALS,
    maxAttempts: 2,
  });
  const meshName = DEMO.mesh;
  try {
    await ensure(
      `mesh ${meshName}`,
      () => am.send(new DescribeMeshCommand({ meshName })),
      () => am.send(new CreateMeshCommand({ meshName, spec: {} })),
      log,
    );
    for (const v of ["v1", "v2"] as const) {
      const virtualNodeName = `demo-${v}`;
      const spec = {
        listeners: [{ portMapping: { port: opts.ports[v], protocol: "http" as const } }],
        serviceDiscovery: { dns: { hostname: "127.0.0.1" } },
      };
      try {
        const got = await am.send(new DescribeVirtualNodeCommand({ meshName, virtualNodeName }));
        if (got.virtualNode?.spec?.listeners?.[0]?.portMapping?.port !== opts.ports[v]) {
          await am.send(new UpdateVirtualNodeCommand({ meshName, virtualNodeName, spec }));
          log(`  updated node ${virtualNodeName} -> 127.0.0.1:${opts.ports[v]}`);
        } else log(`  kept    node ${virtualNodeName}`);
      } catch (e) {
        if (!isNotFound(e)) throw e;
        await am.send(new CreateVirtualNodeCommand({ meshName, virtualNodeName, spec }));
        log(`  created node ${virtualNodeName} -> 127.0.0.1:${opts.ports[v]}`);
      }
    }
    const virtualRouterName = DEMO.router;
    await ensure(
      `router ${virtualRouterName}`,
      () => am.send(new DescribeVirtualRouterCommand({ meshName, virtualRouterName })),
      () =>
        am.send(
          new CreateVirtualRouterCommand({
            meshName,
            virtualRouterName,
            spec: { listeners: [{ portMapping: { port: 80, protocol: "http" } }] },
          }),
        ),
      log,
    );
    const routeSpec = {
      httpRoute: {
        match: { prefix: "/" },
        action: {
          weightedTargets: [
            { virtualNode: "demo-v1", weight: DEMO.weights.v1 },
            { virtualNode: "demo-v2", weight: DEMO.weights.v2 },
          ],
        },
      },
    };
    const split = `${DEMO.weights.v1}/${DEMO.weights.v2}`;
    try {
      const got = await am.send(new DescribeRouteCommand({ meshName, virtualRouterName, routeName: DEMO.route }));
      const now = (got.route?.spec?.httpRoute?.action?.weightedTargets ?? []).map((t) => `${t.virtualNode}=${t.weight}`).join(",");
      // The demo promises an 80/20 first curl: put the split back if a canary run moved it.
      if (now !== `demo-v1=${DEMO.weights.v1},demo-v2=${DEMO.weights.v2}`) {
        await am.send(new UpdateRouteCommand({ meshName, virtualRouterName, routeName: DEMO.route, spec: routeSpec }));
        log(`  reset   route ${DEMO.route} to ${split} (was ${now})`);
      } else log(`  kept    route ${DEMO.route} (${split})`);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      await am.send(new CreateRouteCommand({ meshName, virtualRouterName, routeName: DEMO.route, spec: routeSpec }));
      log(`  created route ${DEMO.route} (${split})`);
    }
    await ensure(
      `service ${DEMO.service}`,
      () => am.send(new DescribeVirtualServiceCommand({ meshName, virtualServiceName: DEMO.service })),
      () =>
        am.send(
          new CreateVirtualServiceCommand({
            meshName,
            virtualServiceName: DEMO.service,
            spec: { provider: { virtualRouter: { virtualRouterName } } },
          }),
        ),
      log,
    );
    const virtualGatewayName = DEMO.gateway;
    await ensure(
      `gateway ${virtualGatewayName}`,
      () => am.send(new DescribeVirtualGatewayCommand({ meshName, virtualGatewayName })),
      () =>
        am.send(
          new CreateVirtualGatewayCommand({
            meshName,
            virtualGatewayName,
            spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] },
          }),
        ),
      log,
    );
    await ensure(
      `gateway route ${DEMO.gatewayRoute} (${DEMO.gatewayPrefix} -> ${DEMO.service})`,
      () => am.send(new DescribeGatewayRouteCommand({ meshName, virtualGatewayName, gatewayRouteName: DEMO.gatewayRoute })),
      () =>
        am.send(
          new CreateGatewayRouteCommand({
            meshName,
            virtualGatewayName,
            gatewayRouteName: DEMO.gatewayRoute,
            spec: {
              httpRoute: {
                match: { prefix: DEMO.gatewayPrefix },
                action: { target: { virtualService: { virtualServiceName: DEMO.service } } },
              },
            },
          }),
        ),
      log,
    );
  } finally {
    am.destroy();
  }
}
