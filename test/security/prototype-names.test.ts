import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { flushEdgeMetrics } from "../../src/proxy/edge-metrics";
import { edge, edgeEnv } from "../delivery/support/edge";
import {
  createGateway,
  createGatewayRoute,
  createMesh,
  createNode,
  createRouter,
  createService,
  httpRoute,
  reload,
} from "../proxy/support/mesh";
import { DEV_KEY, ORIGIN } from "./support/sign";
import { ok } from "../support/signed-fetch";

/**
 * Names that are also properties of every plain object. The API model accepts any 1-255
 * characters, so each is a legal App Mesh name; a name-keyed `{}` would turn `__proto__` into a
 * prototype (the snapshot then fails to cross the Durable Object RPC) and find `constructor`
 * where no such resource exists.
 */
const NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"] as const;
const M = "proto-names";
const BASIC = "Basic " + btoa(`${DEV_KEY.accessKeyId}:${DEV_KEY.secretAccessKey}`);

beforeAll(async () => {
  await createMesh(M);
  for (const [i, n] of NAMES.entries()) await createNode(M, n, i % 2 === 0 ? "a" : "b");
  // A router per name, each with routes named after all of them: only `__proto__` is the catch-all.
  for (const r of NAMES) {
    await createRouter(M, r);
    for (const [i, route] of NAMES.entries()) {
      const spec = httpRoute({ [NAMES[(i + 1) % NAMES.length]!]: 1 }, {}, { prefix: route === "__proto__" ? "/" : `/${route}` });
      await ok("PUT", `/v20190125/meshes/${M}/virtualRouter/${r}/routes`, { routeName: route, spec });
    }
    await createService(M, r, { router: r });
  }
  await createService(M, "direct.proto-names.local", { node: "constructor" });
  await createGateway(M, "__proto__");
  await createGatewayRoute(M, "__proto__", "constructor", {
    httpRoute: { match: { prefix: "/proto-gw/" }, action: { target: { virtualService: { virtualServiceName: "__proto__" } } } },
  });
  // Meshes are keyed by name too (registry, snapshot cache, metrics).
  for (const mesh of ["__proto__", "constructor"]) {
    await createMesh(mesh);
    await createNode(mesh, "toString", "b");
    await createService(mesh, `${mesh}.mesh.proto-names.local`, { node: "toString" });
    reload(mesh);
  }
  reload(M);
});

describe("resources named like Object.prototype members", () => {
  it("serve traffic through every router, route, node and the gateway", async () => {
    for (const r of NAMES) {
      for (const [j, route] of NAMES.entries()) {
        const res = await edge(`http://${r}${route === "__proto__" ? "/" : `/${route}/x`}`);
        expect([r, route, res.status], res.body).toEqual([r, route, 200]);
        expect(res.node).toBe(NAMES[(j + 1) % NAMES.length]);
      }
    }
    const direct = await edge("http://direct.proto-names.local/");
    expect([direct.status, direct.node]).toEqual([200, "constructor"]);
    const gw = await edge("http://anything.example/proto-gw/y");
    expect([gw.status, gw.node]).toEqual([200, "constructor"]);
    for (const mesh of ["__proto__", "constructor"]) {
      const res = await edge(`http://${mesh}.mesh.proto-names.local/`);
      expect([mesh, res.status, res.node]).toEqual([mesh, 200, "toString"]);
    }
  });

  it("show up in the dashboard's page and live.json, with their metrics", async () => {
    await flushEdgeMetrics(edgeEnv);
    const get = (p: string) =>
      exports.default.fetch(new Request(`${ORIGIN}/_meshedge/ui/meshes/${M}${p}`, { headers: { authorization: BASIC } }));
    const page = await get("");
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const n of NAMES) expect(html).toContain(`data-rate="node:${n}"`);
    const res = await get("/live.json");
    expect(res.status).toBe(200);
    const live = (await res.json()) as { routes: Record<string, { targets: unknown[] }>; nodes: Record<string, { rps: number }> };
    for (const n of NAMES) {
      expect(Object.hasOwn(live.nodes, n), n).toBe(true);
      expect(live.nodes[n]!.rps).toBeGreaterThan(0);
      expect(Object.hasOwn(live.routes, `${n}/__proto__`), n).toBe(true);
    }
  });
});
