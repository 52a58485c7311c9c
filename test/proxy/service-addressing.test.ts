import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { handleProxy } from "../../src/proxy";
import { createMesh, createNode, createRoute, createRouter, createService, echo, edge, httpRoute, reload } from "./support/mesh";

const M = "px-addr";

beforeAll(async () => {
  await createMesh(M);
  await createNode(M, "node-a", "a");
  await createNode(M, "node-b", "b");
  await createService(M, "direct.addr.local", { node: "node-a" });
  await createRouter(M, "r");
  await createRoute(M, "r", "by-header", {
    priority: 1,
    ...httpRoute({ "node-b": 1 }, {}, { prefix: "/", headers: [{ name: "x-canary", match: { exact: "yes" } }] }),
  });
  await createRoute(M, "r", "by-method", { priority: 2, ...httpRoute({ "node-b": 1 }, {}, { prefix: "/", method: "DELETE" }) });
  await createRoute(M, "r", "by-query", {
    priority: 3,
    ...httpRoute({ "node-b": 1 }, {}, { prefix: "/", queryParameters: [{ name: "v", match: { exact: "2" } }] }),
  });
  await createRoute(M, "r", "api-only", { priority: 4, ...httpRoute({ "node-a": 1 }, {}, { prefix: "/api" }) });
  await createService(M, "routed.addr.local", { router: "r" });
  await ok_awscloudmap();
  reload(M);
});

async function ok_awscloudmap() {
  const { ok } = await import("../support/signed-fetch");
  await ok("PUT", `/v20190125/meshes/${M}/virtualNodes`, {
    virtualNodeName: "cloudmap",
    spec: {
      serviceDiscovery: { awsCloudMap: { namespaceName: "ns", serviceName: "svc" } },
      listeners: [{ portMapping: { port: 80, protocol: "http" } }],
    },
  });
  await createService(M, "cloudmap.addr.local", { node: "cloudmap" });
}

describe("Host-based service addressing", () => {
  it("sends a request whose Host is a virtual service to its node provider", async () => {
    const res = await edge("direct.addr.local", "/hello?x=1");
    expect(res.status).toBe(200);
    const e = await echo(res);
    expect(e.server).toBe("a");
    expect(e.url).toBe("/hello?x=1");
    expect(res.headers.get("x-meshedge-virtual-node")).toBe("node-a");
    expect(res.headers.get("x-meshedge-attempts")).toBe("1");
  });

  it("ignores the Host's port and case", async () => {
    const res = await edge("Direct.Addr.Local:8080", "/");
    expect((await echo(res)).server).toBe("a");
  });

  it("sets forwarding headers, keeps x-request-id and drops hop-by-hop headers", async () => {
    const res = await edge("direct.addr.local", "/h", {
      headers: {
        "x-request-id": "req-123",
        "keep-alive": "timeout=5",
        "x-custom": "kept",
        "proxy-authorization": "secret",
        te: "trailers",
        upgrade: "h2c",
        connection: "x-hop",
        "x-hop": "gone",
      },
    });
    const e = await echo(res);
    expect(e.headers["x-request-id"]).toBe("req-123");
    expect(res.headers.get("x-request-id")).toBe("req-123");
    expect(e.headers["x-forwarded-proto"]).toBe("http");
    expect(e.headers["x-forwarded-host"]).toBe("direct.addr.local");
    expect(e.headers["x-meshedge-authority"]).toBe("direct.addr.local");
    expect(e.headers["x-meshedge-hops"]).toBe("1");
    expect(e.headers["x-meshedge-attempt"]).toBe("1");
    expect(e.headers["x-custom"]).toBe("kept");
    expect(e.headers["keep-alive"]).toBeUndefined();
    expect(e.headers["proxy-authorization"]).toBeUndefined();
    for (const h of ["te", "upgrade", "connection", "x-hop"]) expect(e.headers[h]).toBeUndefined();
  });

  it("generates a request id when the client sent none", async () => {
    const res = await edge("direct.addr.local", "/");
    const e = await echo(res);
    expect(e.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get("x-request-id")).toBe(e.headers["x-request-id"]);
  });
});

describe("route matching behind a virtual router", () => {
  it("routes on a header", async () => {
    const res = await edge("routed.addr.local", "/api/x", { headers: { "x-canary": "yes" } });
    expect([res.headers.get("x-meshedge-route"), (await echo(res)).server]).toEqual(["by-header", "b"]);
  });

  it("routes on the method", async () => {
    const res = await edge("routed.addr.local", "/api/x", { method: "DELETE" });
    expect([res.headers.get("x-meshedge-route"), (await echo(res)).server]).toEqual(["by-method", "b"]);
  });

  it("routes on a query parameter", async () => {
    const res = await edge("routed.addr.local", "/api/x?v=2");
    expect([res.headers.get("x-meshedge-route"), (await echo(res)).server]).toEqual(["by-query", "b"]);
  });

  it("falls back to the prefix route otherwise", async () => {
    const res = await edge("routed.addr.local", "/api/x?v=1");
    expect([res.headers.get("x-meshedge-route"), (await echo(res)).server]).toEqual(["api-only", "a"]);
  });

  it("answers 404 in JSON when no route of the router matches, naming nothing internal to an anonymous client", async () => {
    const res = await edge("routed.addr.local", "/other");
    expect(res.status).toBe(404);
    expect(res.headers.get("x-meshedge-error")).toBe("no_route");
    // The router's name (r) and the mesh's go to the access log only (issue 11, item 7).
    expect(await res.json()).toEqual({ error: "no_route", message: "no route matched this request" });
  });
});

describe("edge failure answers", () => {
  it("answers 404 when neither a gateway route nor a virtual service matches", async () => {
    const res = await edge("nobody.example", "/x");
    expect(res.status).toBe(404);
    expect(res.headers.get("x-meshedge-error")).toBe("no_route");
    expect(await res.json()).toMatchObject({ error: "no_route" });
  });

  it("answers 503 discovery_unusable for a node with Cloud Map discovery, without naming the node or its Cloud Map service", async () => {
    const res = await edge("cloudmap.addr.local", "/");
    expect(res.status).toBe(503);
    expect(res.headers.get("x-meshedge-error")).toBe("discovery_unusable");
    // The node's name and its namespace go to the access log only (issue 11, item 7).
    expect(await res.json()).toEqual({ error: "discovery_unusable", message: "the target's service discovery cannot be used by the edge" });
  });

  it("answers 400 for a path that cannot be normalized", async () => {
    const res = await edge("direct.addr.local", "/a%zz");
    expect(res.status).toBe(400);
    expect(res.headers.get("x-meshedge-error")).toBe("bad_path");
  });

  it("names the matched route in a response header", async () => {
    const res = await edge("routed.addr.local", "/api");
    expect(res.headers.get("x-meshedge-route")).toBe("api-only");
  });

  it("passes upstream answers through untouched with ROUTE_HEADERS = off; its own errors keep their headers", async () => {
    const quiet = { ...env, ROUTE_HEADERS: "off" };
    const res = await handleProxy(new Request("http://routed.addr.local/api", { headers: { "x-request-id": "quiet-1" } }), quiet, {
      waitUntil() {},
    });
    expect(res.status).toBe(200);
    const added = ["x-meshedge-route", "x-meshedge-virtual-node", "x-meshedge-attempts", "x-request-id"].map((h) => res.headers.get(h));
    expect(added).toEqual([null, null, null, null]);
    expect(await res.text()).toContain("/api");
    const miss = await handleProxy(new Request("http://nothing.addr.local/", { headers: { "x-request-id": "quiet-2" } }), quiet, {
      waitUntil() {},
    });
    expect([miss.status, miss.headers.get("x-meshedge-error"), miss.headers.get("x-request-id")]).toEqual([404, "no_route", "quiet-2"]);
  });
});

describe("an upstream answer that carries its own x-meshedge-error header", () => {
  // The upstream's /spoof answer is a 404 echo with `x-meshedge-error: no_route` (test/setup/upstreams.ts).
  /** The access-log line of `requestId` (the edge logs one per request). */
  function accessLog(calls: readonly unknown[][], requestId: string): { status: number; error: string | null } | undefined {
    const lines = calls.map((c) => String(c[0])).filter((l) => l.startsWith('{"kind":"meshedge.access"'));
    return lines
      .map((l) => JSON.parse(l) as { requestId: string; status: number; error: string | null })
      .find((l) => l.requestId === requestId);
  }
  afterEach(() => vi.restoreAllMocks());

  it("is not taken for the edge's own failure: with ROUTE_HEADERS = off it passes through untouched", async () => {
    const log = vi.spyOn(console, "log");
    const quiet = { ...env, ROUTE_HEADERS: "off" };
    const res = await handleProxy(new Request("http://direct.addr.local/spoof", { headers: { "x-request-id": "spoof-1" } }), quiet, {
      waitUntil() {},
    });
    expect([res.status, res.headers.get("x-meshedge-error"), res.headers.get("x-request-id")]).toEqual([404, "no_route", null]);
    expect((await echo(res)).server).toBe("a");
    expect(accessLog(log.mock.calls, "spoof-1")).toMatchObject({ status: 404, error: null });
  });

  it("reaches the client as the upstream's answer, with the route headers, by default", async () => {
    const log = vi.spyOn(console, "log");
    const res = await handleProxy(new Request("http://direct.addr.local/spoof", { headers: { "x-request-id": "spoof-2" } }), env, {
      waitUntil() {},
    });
    const seen = ["x-meshedge-error", "x-request-id", "x-meshedge-virtual-node"].map((h) => res.headers.get(h));
    expect([res.status, ...seen]).toEqual([404, "no_route", "spoof-2", "node-a"]);
    expect((await echo(res)).server).toBe("a");
    expect(accessLog(log.mock.calls, "spoof-2")).toMatchObject({ status: 404, error: null });
  });
});

describe("a virtual service name used by two served meshes", () => {
  it('belongs to the first served mesh (SERVED_MESHES order; by name for "*")', async () => {
    for (const [mesh, upstream] of [
      ["px-clash-b", "b"],
      ["px-clash-a", "a"],
    ] as const) {
      await createMesh(mesh);
      await createNode(mesh, "n", upstream);
      await createService(mesh, "clash.local", { node: "n" });
      reload(mesh);
    }
    const res = await edge("clash.local", "/");
    expect((await echo(res)).server).toBe("a");
  });
});
