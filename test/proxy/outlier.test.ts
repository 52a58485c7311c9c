import { beforeAll, describe, expect, it } from "vitest";
import { createMesh, createNode, createRoute, createRouter, createService, edge, httpRoute, reload } from "./support/mesh";

const M = "px-outlier";
const EJECT_MS = 2000;
const outlierDetection = {
  maxServerErrors: 3,
  maxEjectionPercent: 50,
  baseEjectionDuration: { unit: "ms", value: EJECT_MS },
  interval: { unit: "ms", value: 100 },
};

beforeAll(async () => {
  await createMesh(M);
  await createNode(M, "flaky", "a", { outlierDetection });
  await createNode(M, "steady", "b", { outlierDetection });
  await createNode(M, "flaky-2", "c", { outlierDetection });
  await createNode(M, "flaky-3", "d", { outlierDetection });
  await createRouter(M, "r");
  // 500 is not retried by App Mesh's default policy, so every failure reaches the client.
  await createRoute(M, "r", "split", httpRoute({ flaky: 1, steady: 1 }));
  await createService(M, "outlier.local", { router: "r" });
  await createRouter(M, "both-bad");
  await createRoute(M, "both-bad", "split", httpRoute({ "flaky-2": 1, "flaky-3": 1 }));
  await createService(M, "both-bad.local", { router: "both-bad" });
  reload(M);
});

async function nodes(host: string, path: string, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await edge(host, path);
    await res.arrayBuffer();
    out.push(`${res.headers.get("x-meshedge-virtual-node")}:${res.status}`);
  }
  return out;
}

describe("outlier detection", () => {
  it("ejects a node after maxServerErrors consecutive 5xx and lets it back after baseEjectionDuration", async () => {
    // Until flaky has failed 3 times in a row it still gets about half of the traffic.
    let failures = 0;
    let ejectedAt = 0;
    for (let i = 0; i < 100 && failures < 3; i++) {
      const [answer] = await nodes("outlier.local", "/failon/a", 1);
      if (answer === "flaky:500" && ++failures === 3) ejectedAt = Date.now();
    }
    expect(failures).toBe(3);
    // Ejected: while the ejection lasts everything goes to the steady node.
    const during: string[] = [];
    while (during.length < 20 && Date.now() < ejectedAt + EJECT_MS - 300) during.push(...(await nodes("outlier.local", "/failon/a", 1)));
    expect(during.length).toBeGreaterThan(0);
    expect(new Set(during)).toEqual(new Set(["steady:200"]));
    // Back in the pool after baseEjectionDuration (and healthy now): it takes traffic again.
    await new Promise((r) => setTimeout(r, Math.max(0, ejectedAt + EJECT_MS + 100 - Date.now())));
    expect(await nodes("outlier.local", "/echo", 30)).toContain("flaky:200");
  });

  it("never ejects more than maxEjectionPercent of a route's targets", async () => {
    // Every answer is a 500, so the first node to answer 3 times is ejected. With 50% of 2
    // targets only that one may be: for the ejection, the other keeps answering (with its 500s).
    const seen: string[] = [];
    const answers: Record<string, number> = {};
    let ejected = "";
    let ejectedAt = 0;
    for (let i = 0; i < 100 && ejected === ""; i++) {
      const [answer] = await nodes("both-bad.local", "/failon/c,d", 1);
      seen.push(answer ?? "");
      const node = (answer ?? "").split(":")[0] ?? "";
      if ((answers[node] = (answers[node] ?? 0) + 1) === 3) [ejected, ejectedAt] = [node, Date.now()];
    }
    expect(["flaky-2", "flaky-3"]).toContain(ejected);
    const other = ejected === "flaky-2" ? "flaky-3" : "flaky-2";
    const during: string[] = [];
    while (during.length < 20 && Date.now() < ejectedAt + EJECT_MS - 300) during.push(...(await nodes("both-bad.local", "/failon/c,d", 1)));
    expect(during.length).toBeGreaterThan(0);
    expect(new Set(during)).toEqual(new Set([`${other}:500`]));
    const all = [...seen, ...during];
    expect(all.every((x) => x.endsWith(":500"))).toBe(true);
    expect(all.filter((x) => x.startsWith("flaky-2")).length).toBeGreaterThan(0);
    expect(all.filter((x) => x.startsWith("flaky-3")).length).toBeGreaterThan(0);
  });
});
