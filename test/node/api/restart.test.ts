import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AppMeshClient,
  CreateMeshCommand,
  CreateVirtualNodeCommand,
  DescribeVirtualNodeCommand,
  LimitExceededException,
  ListMeshesCommand,
  UpdateVirtualNodeCommand,
} from "@aws-sdk/client-app-mesh";
import { afterAll, expect, it } from "vitest";
import { DEV_KEY, DEV_REGION } from "../../support/credentials";
import { startWorker } from "../support/start-worker";

const dir = mkdtempSync(join(tmpdir(), "meshedge-restart-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const client = (url: string) =>
  new AppMeshClient({
    endpoint: url,
    region: DEV_REGION,
    maxAttempts: 1,
    credentials: DEV_KEY,
  });
const spec = (host: string) => ({
  listeners: [{ portMapping: { port: 80, protocol: "http" as const } }],
  serviceDiscovery: { dns: { hostname: host } },
});

it("keeps meshes and resources across a restart of the runtime, and enforces the mesh quota from [vars]", async () => {
  const vars = { QUOTA_MESHES: "2" };
  const first = await startWorker({ persistDir: dir, vars });
  try {
    const sdk = client(first.url);
    await sdk.send(new CreateMeshCommand({ meshName: "kept-1" }));
    await sdk.send(new CreateMeshCommand({ meshName: "kept-2" }));
    await expect(sdk.send(new CreateMeshCommand({ meshName: "third" }))).rejects.toBeInstanceOf(LimitExceededException);
    await sdk.send(new CreateVirtualNodeCommand({ meshName: "kept-1", virtualNodeName: "n", spec: spec("a.local") }));
    await sdk.send(new UpdateVirtualNodeCommand({ meshName: "kept-1", virtualNodeName: "n", spec: spec("b.local") }));
  } finally {
    await first.stop();
  }
  const second = await startWorker({ persistDir: dir, vars });
  try {
    const sdk = client(second.url);
    const meshes = await sdk.send(new ListMeshesCommand({}));
    expect(meshes.meshes?.map((m) => m.meshName)).toEqual(["kept-1", "kept-2"]);
    const n = await sdk.send(new DescribeVirtualNodeCommand({ meshName: "kept-1", virtualNodeName: "n" }));
    expect(n.virtualNode?.spec?.serviceDiscovery?.dns?.hostname).toBe("b.local");
    expect(n.virtualNode?.metadata?.version).toBe(2);
    // The quota still counts the meshes that survived the restart.
    await expect(sdk.send(new CreateMeshCommand({ meshName: "third" }))).rejects.toBeInstanceOf(LimitExceededException);
  } finally {
    await second.stop();
  }
}, 120_000);
