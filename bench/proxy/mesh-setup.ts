import {
  AppMeshClient,
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  UpdateRouteCommand,
} from "@aws-sdk/client-app-mesh";
import { DEV_KEY, DEV_REGION } from "../../test/support/credentials";

export const MESH = "bench";
export const SERVICE = "bench.local";

/** The real AWS SDK pointed at the local Worker, signing with the development key. */
export function client(endpoint: string): AppMeshClient {
  return new AppMeshClient({ endpoint, region: DEV_REGION, credentials: DEV_KEY });
}

/** Weighted route spec for the two benchmark nodes. */
export function split(a: number, b: number) {
  return {
    httpRoute: {
      match: { prefix: "/" },
      action: {
        weightedTargets: [
          { virtualNode: "node-a", weight: a },
          { virtualNode: "node-b", weight: b },
        ],
      },
    },
  };
}

/** Mesh "bench": service bench.local -> router -> route 80/20 over two nodes on the nginx upstreams. */
export async function createBenchMesh(c: AppMeshClient, portA: number, portB: number): Promise<void> {
  await c.send(new CreateMeshCommand({ meshName: MESH }));
  for (const [name, port] of [
    ["node-a", portA],
    ["node-b", portB],
  ] as const) {
    await c.send(
      new CreateVirtualNodeCommand({
        meshName: MESH,
        virtualNodeName: name,
        spec: {
          serviceDiscovery: { dns: { hostname: "127.0.0.1" } },
          listeners: [{ portMapping: { port, protocol: "http" } }],
        },
      }),
    );
  }
  await c.send(
    new CreateVirtualRouterCommand({
      meshName: MESH,
      virtualRouterName: "router",
      spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] },
    }),
  );
  await c.send(new CreateRouteCommand({ meshName: MESH, virtualRouterName: "router", routeName: "split", spec: split(80, 20) }));
  await c.send(
    new CreateVirtualServiceCommand({
      meshName: MESH,
      virtualServiceName: SERVICE,
      spec: { provider: { virtualRouter: { virtualRouterName: "router" } } },
    }),
  );
}

export async function updateSplit(c: AppMeshClient, a: number, b: number): Promise<void> {
  await c.send(new UpdateRouteCommand({ meshName: MESH, virtualRouterName: "router", routeName: "split", spec: split(a, b) }));
}
