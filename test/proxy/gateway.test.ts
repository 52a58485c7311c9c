import { beforeAll, describe, expect, it } from "vitest";
import { createGateway, createGatewayRoute, createMesh, createNode, createService, echo, edge, reload } from "./support/mesh";

const M = "px-gw";

function gwRoute(priority: number, match: Record<string, unknown>, service: string, rewrite?: Record<string, unknown>) {
  return {
    priority,
    httpRoute: { match, action: { target: { virtualService: { virtualServiceName: service } }, ...(rewrite ? { rewrite } : {}) } },
  };
}

beforeAll(async () => {
  await createMesh(M);
  await createNode(M, "node-a", "a");
  await createNode(M, "node-b", "b");
  await createService(M, "web.gw.local", { node: "node-a" });
  await createService(M, "shop.gw.local", { node: "node-b" });
  await createGateway(M, "ingress");
  await createGatewayRoute(M, "ingress", "by-host", gwRoute(1, { prefix: "/", hostname: { exact: "shop.example.com" } }, "shop.gw.local"));
  await createGatewayRoute(
    M,
    "ingress",
    "by-header",
    gwRoute(2, { prefix: "/h/", headers: [{ name: "x-env", match: { exact: "staging" } }] }, "shop.gw.local"),
  );
  await createGatewayRoute(M, "ingress", "by-query", gwRoute(3, { prefix: "/h/", queryParameters: [{ name: "shop" }] }, "shop.gw.local"));
  await createGatewayRoute(M, "ingress", "by-method", gwRoute(4, { prefix: "/h/", method: "PATCH" }, "shop.gw.local"));
  await createGatewayRoute(M, "ingress", "web", gwRoute(10, { prefix: "/web/" }, "web.gw.local"));
  await createGatewayRoute(
    M,
    "ingress",
    "keep",
    gwRoute(11, { prefix: "/keep/" }, "web.gw.local", {
      prefix: { defaultPrefix: "DISABLED" },
      hostname: { defaultTargetHostname: "DISABLED" },
    }),
  );
  await createGatewayRoute(M, "ingress", "value", gwRoute(12, { prefix: "/v1/" }, "web.gw.local", { prefix: { value: "/api/v2/" } }));
  await createGatewayRoute(M, "ingress", "exact", gwRoute(13, { path: { exact: "/old" } }, "web.gw.local", { path: { exact: "/new" } }));
  await createGatewayRoute(M, "ingress", "h-default", gwRoute(20, { prefix: "/h/" }, "web.gw.local"));
  reload(M);
});

async function via(host: string, path: string, init: RequestInit = {}) {
  const res = await edge(host, path, init);
  expect(res.status).toBe(200);
  return echo(res);
}

describe("virtual gateway entry", () => {
  it("rewrites the matched prefix to / and the Host to the target service by default", async () => {
    const e = await via("edge.example.com", "/web/items/7?x=1");
    expect([e.server, e.url, e.headers["x-meshedge-authority"], e.headers["x-forwarded-host"]]).toEqual([
      "a",
      "/items/7?x=1",
      "web.gw.local",
      "edge.example.com",
    ]);
  });

  it("keeps path and Host when both default rewrites are DISABLED", async () => {
    const e = await via("edge.example.com", "/keep/this");
    expect([e.url, e.headers["x-meshedge-authority"]]).toEqual(["/keep/this", "edge.example.com"]);
  });

  it("rewrites the prefix to a configured value", async () => {
    expect((await via("edge.example.com", "/v1/users")).url).toBe("/api/v2/users");
  });

  it("rewrites an exact path", async () => {
    expect((await via("edge.example.com", "/old")).url).toBe("/new");
  });

  it("matches on the Host name", async () => {
    const e = await via("shop.example.com", "/anything");
    expect([e.server, e.headers["x-meshedge-authority"]]).toEqual(["b", "shop.gw.local"]);
  });

  it("matches on a header, a query parameter and the method", async () => {
    expect((await via("edge.example.com", "/h/x", { headers: { "x-env": "staging" } })).server).toBe("b");
    expect((await via("edge.example.com", "/h/x?shop=1")).server).toBe("b");
    expect((await via("edge.example.com", "/h/x", { method: "PATCH" })).server).toBe("b");
    expect((await via("edge.example.com", "/h/x")).server).toBe("a");
  });

  it("matches on the normalized path", async () => {
    expect((await via("edge.example.com", "/keep/../web/%69tems")).url).toBe("/items");
  });

  it("answers 404 with the cause when no gateway route matches", async () => {
    const res = await edge("edge.example.com", "/nothing-here");
    expect([res.status, res.headers.get("x-meshedge-error")]).toEqual([404, "no_route"]);
  });
});
