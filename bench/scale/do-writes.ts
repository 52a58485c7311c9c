import {
  AppMeshClient,
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  DescribeRouteCommand,
  UpdateRouteCommand,
} from "@aws-sdk/client-app-mesh";
import { DEV_CREDENTIALS } from "../../scripts/demo-seed";
import type { MeshResources } from "../../src/schema";
import { startWorker } from "../../test/node/support/start-worker";

/** Creates `mesh`'s nodes, routers and routes through the API, a few requests at a time. */
async function load(am: AppMeshClient, mesh: MeshResources): Promise<void> {
  const meshName = mesh.mesh.meshName;
  await am.send(new CreateMeshCommand({ meshName }));
  const inBatches = async <T>(items: T[], fn: (t: T) => Promise<unknown>) => {
    for (let i = 0; i < items.length; i += 8) await Promise.all(items.slice(i, i + 8).map(fn));
  };
  await inBatches(mesh.virtualNodes, (n) =>
    am.send(new CreateVirtualNodeCommand({ meshName, virtualNodeName: n.virtualNodeName, spec: n.spec as never })),
  );
  await inBatches(mesh.virtualRouters, (r) =>
    am.send(new CreateVirtualRouterCommand({ meshName, virtualRouterName: r.virtualRouterName, spec: r.spec as never })),
  );
  await inBatches(mesh.routes, (r) =>
    am.send(new CreateRouteCommand({ meshName, virtualRouterName: r.virtualRouterName, routeName: r.routeName, spec: r.spec as never })),
  );
}

/** UpdateRoute calls per second over `seconds`, from `clients` concurrent callers. */
async function writeRate(am: AppMeshClient, meshName: string, clients: number, seconds: number): Promise<number> {
  const target = { meshName, virtualRouterName: "router0", routeName: "route0" };
  const spec = (await am.send(new DescribeRouteCommand(target))).route?.spec;
  const end = Date.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; Date.now() < end; i++) {
        const w = spec!.httpRoute!.action!.weightedTargets!;
        await am.send(
          new UpdateRouteCommand({
            ...target,
            spec: {
              ...spec,
              httpRoute: {
                ...spec!.httpRoute!,
                action: {
                  weightedTargets: [
                    { ...w[0]!, weight: (i + c) % 100 },
                    { ...w[1]!, weight: 100 - ((i + c) % 100) },
                  ],
                },
              },
            },
          }),
        );
        n++;
      }
    }),
  );
  return n / seconds;
}

/**
 * Writes per second one mesh's Durable Object takes through the real API (SigV4, validation,
 * SQLite transaction, snapshot recompile), in workerd on this machine, for a small and a large
 * mesh: the recompile after each routing write is what grows with the mesh.
 */
export async function measureWrites(meshes: { label: string; mesh: MeshResources }[]): Promise<string[]> {
  const w = await startWorker();
  const am = new AppMeshClient({ endpoint: w.url, region: "us-east-1", credentials: DEV_CREDENTIALS, maxAttempts: 1 });
  const rows: string[] = [];
  try {
    for (const { label, mesh } of meshes) {
      const t = Date.now();
      await load(am, mesh);
      const loadS = (Date.now() - t) / 1000;
      const serial = await writeRate(am, mesh.mesh.meshName, 1, 3);
      const parallel = await writeRate(am, mesh.mesh.meshName, 8, 3);
      rows.push(
        `| ${label} | ${mesh.routes.length} | ${(mesh.routes.length / loadS).toFixed(0)} | ${serial.toFixed(0)} | ${parallel.toFixed(0)} |`,
      );
    }
  } finally {
    am.destroy();
    await w.stop();
  }
  return rows;
}
