import { AppMeshClient, DescribeRouteCommand, DescribeVirtualNodeCommand, UpdateRouteCommand } from "@aws-sdk/client-app-mesh";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO, DEV_CREDENTIALS, seedDemoMesh } from "../../../scripts/demo-seed";
import { startWorker, type RunningWorker } from "../support/start-worker";

let w: RunningWorker;
let am: AppMeshClient;
beforeAll(async () => {
  w = await startWorker();
  am = new AppMeshClient({ endpoint: w.url, region: "us-east-1", credentials: DEV_CREDENTIALS, maxAttempts: 1 });
}, 60_000);
afterAll(async () => {
  am?.destroy();
  await w?.stop();
});

const weights = async () =>
  (
    await am.send(new DescribeRouteCommand({ meshName: DEMO.mesh, virtualRouterName: DEMO.router, routeName: DEMO.route }))
  ).route?.spec?.httpRoute?.action?.weightedTargets?.map((t) => [t.virtualNode, t.weight]);

// `npm run dev` seeds on every start: a second start must neither fail nor duplicate anything.
it("seeds the demo mesh, and re-seeding keeps it, follows moved ports and restores the 80/20 split", async () => {
  const first: string[] = [];
  await seedDemoMesh({ endpoint: w.url, ports: { v1: 9081, v2: 9082 }, log: (l) => first.push(l.trim()) });
  expect(first.filter((l) => l.startsWith("created"))).toHaveLength(8);
  expect(await weights()).toEqual([
    ["demo-v1", 80],
    ["demo-v2", 20],
  ]);

  // A canary run moved the route; the default v1 port was taken on this start.
  await am.send(
    new UpdateRouteCommand({
      meshName: DEMO.mesh,
      virtualRouterName: DEMO.router,
      routeName: DEMO.route,
      spec: {
        httpRoute: {
          match: { prefix: "/" },
          action: {
            weightedTargets: [
              { virtualNode: "demo-v1", weight: 0 },
              { virtualNode: "demo-v2", weight: 100 },
            ],
          },
        },
      },
    }),
  );
  const second: string[] = [];
  await seedDemoMesh({ endpoint: w.url, ports: { v1: 9181, v2: 9082 }, log: (l) => second.push(l.trim()) });
  expect(second.filter((l) => l.startsWith("created"))).toEqual([]);
  expect(second).toContain("updated node demo-v1 -> 127.0.0.1:9181");
  expect(second).toContain("reset   route demo-route to 80/20 (was demo-v1=0,demo-v2=100)");
  expect(await weights()).toEqual([
    ["demo-v1", 80],
    ["demo-v2", 20],
  ]);
  const node = await am.send(new DescribeVirtualNodeCommand({ meshName: DEMO.mesh, virtualNodeName: "demo-v1" }));
  expect(node.virtualNode?.spec?.listeners?.[0]?.portMapping?.port).toBe(9181);
}, 60_000);
