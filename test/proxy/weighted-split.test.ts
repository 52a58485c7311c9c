import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { handleProxy } from "../../src/proxy";
import { createMesh, createNode, createRoute, createRouter, createService, httpRoute, reload, updateRoute } from "./support/mesh";

const M = "px-split";

beforeAll(async () => {
  await createMesh(M);
  await createNode(M, "blue", "a");
  await createNode(M, "green", "b");
  await createRouter(M, "r");
  await createRoute(M, "r", "split", httpRoute({ blue: 80, green: 20 }));
  await createService(M, "split.local", { router: "r" });
  reload(M);
});

const ctx = {
  waitUntil(p: Promise<unknown>) {
    void p;
  },
};

/**
 * Sends `total` requests, `concurrency` at a time, and counts which virtual node answered.
 * It calls the proxy handler directly (same code the Worker's catch-all runs, real Durable
 * Object and real upstreams) because 10,000 trips through the test runner's loopback would
 * dominate the suite's run time.
 */
async function tally(total: number, concurrency = 16): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let sent = 0;
  async function worker() {
    while (sent < total) {
      sent++;
      const res = await handleProxy(new Request("http://split.local/"), env, ctx);
      const node = res.headers.get("x-meshedge-virtual-node") ?? `status ${res.status}`;
      await res.arrayBuffer();
      counts[node] = (counts[node] ?? 0) + 1;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return counts;
}

describe("weighted targets", () => {
  it("splits 80/20 over 10,000 requests within 2 points", async () => {
    const c = await tally(10_000);
    expect((c["blue"] ?? 0) + (c["green"] ?? 0)).toBe(10_000);
    const blue = (c["blue"] ?? 0) / 100;
    expect(blue).toBeGreaterThanOrEqual(78);
    expect(blue).toBeLessThanOrEqual(82);
  }, 60_000);

  it("follows new weights once the mesh is reloaded, and a 0 weight gets nothing", async () => {
    await updateRoute(M, "r", "split", httpRoute({ blue: 0, green: 1 }));
    reload(M);
    expect(await tally(200)).toEqual({ green: 200 });
  });
});
