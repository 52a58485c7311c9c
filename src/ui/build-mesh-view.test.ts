import { describe, expect, it } from "vitest";
import { buildLiveView } from "./build-live-view";
import { buildMeshView } from "./build-mesh-view";
import type { UiResources } from "./resource-input";

const resources: UiResources = {
  mesh: { meshName: "shop" },
  virtualNodes: [
    {
      virtualNodeName: "web-v2",
      spec: { listeners: [{ portMapping: { port: 9002, protocol: "http" } }], serviceDiscovery: { dns: { hostname: "10.0.0.2" } } },
    },
    {
      virtualNodeName: "web-v1",
      spec: { listeners: [{ portMapping: { port: 9001, protocol: "http" } }], serviceDiscovery: { dns: { hostname: "10.0.0.1" } } },
    },
    { virtualNodeName: "legacy", spec: { serviceDiscovery: { awsCloudMap: { namespaceName: "n", serviceName: "s" } } } },
  ],
  virtualServices: [
    { virtualServiceName: "web.local", spec: { provider: { virtualRouter: { virtualRouterName: "web" } } } },
    { virtualServiceName: "legacy.local", spec: { provider: { virtualNode: { virtualNodeName: "legacy" } } } },
  ],
  virtualRouters: [{ virtualRouterName: "web", spec: { listeners: [{ portMapping: { port: 80, protocol: "http" } }] } }],
  routes: [
    {
      virtualRouterName: "web",
      routeName: "default",
      metadata: { version: 1 },
      spec: {
        httpRoute: {
          match: { prefix: "/" },
          action: {
            weightedTargets: [
              { virtualNode: "web-v1", weight: 3 },
              { virtualNode: "web-v2", weight: 1 },
            ],
          },
        },
      },
    },
    {
      virtualRouterName: "web",
      routeName: "canary-header",
      metadata: { version: 4 },
      spec: {
        priority: 5,
        httpRoute: {
          match: {
            prefix: "/api/",
            method: "GET",
            headers: [{ name: "x-canary", match: { exact: "1" } }],
            queryParameters: [{ name: "debug" }],
          },
          action: { weightedTargets: [{ virtualNode: "web-v2", weight: 100 }] },
        },
      },
    },
    {
      virtualRouterName: "web",
      routeName: "rpc",
      spec: {
        priority: 1,
        grpcRoute: {
          match: { serviceName: "shop.Cart", methodName: "Add" },
          action: { weightedTargets: [{ virtualNode: "web-v1", weight: 0 }] },
        },
      },
    },
  ],
  virtualGateways: [{ virtualGatewayName: "edge", spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] } }],
  gatewayRoutes: [
    {
      virtualGatewayName: "edge",
      gatewayRouteName: "to-web",
      spec: {
        httpRoute: {
          match: { prefix: "/shop/", hostname: { suffix: ".example.com" } },
          action: { target: { virtualService: { virtualServiceName: "web.local" } } },
        },
      },
    },
  ],
};

describe("buildMeshView", () => {
  const view = buildMeshView(resources);

  it("orders routes as they are evaluated: priority 0 first, routes without priority last", () => {
    expect(view.routers[0]?.routes.map((r) => r.routeName)).toEqual(["rpc", "canary-header", "default"]);
  });

  it("breaks priority ties as the evaluator does (path kind, length, conditions), not by name", () => {
    const action = { weightedTargets: [{ virtualNode: "web-v1", weight: 1 }] };
    const route = (routeName: string, match: object) => ({ virtualRouterName: "web", routeName, spec: { httpRoute: { match, action } } });
    const gw = (gatewayRouteName: string, match: object) => ({
      virtualGatewayName: "edge",
      gatewayRouteName,
      spec: { httpRoute: { match, action: { target: { virtualService: { virtualServiceName: "web.local" } } } } },
    });
    const v = buildMeshView({
      ...resources,
      routes: [
        route("a-root", { prefix: "/" }),
        route("b-api", { prefix: "/api/" }),
        route("c-api-get", { prefix: "/api/", method: "GET" }),
        route("d-health", { path: { exact: "/health" } }),
        route("e-bad", { path: { regex: "(unclosed" } }),
      ],
      gatewayRoutes: [gw("a-root", { prefix: "/" }), gw("b-shop", { prefix: "/shop/" })],
    });
    // e-bad is refused by the evaluator (never served): listed last.
    expect(v.routers[0]?.routes.map((r) => r.routeName)).toEqual(["d-health", "c-api-get", "b-api", "a-root", "e-bad"]);
    expect(v.gateways[0]?.routes.map((r) => r.gatewayRouteName)).toEqual(["b-shop", "a-root"]);
  });

  it("turns relative weights into percentages of the route's total", () => {
    const def = view.routers[0]?.routes.find((r) => r.routeName === "default");
    expect(def?.targets.map((t) => [t.virtualNode, t.weight, t.percent])).toEqual([
      ["web-v1", 3, 75],
      ["web-v2", 1, 25],
    ]);
    const rpc = view.routers[0]?.routes.find((r) => r.routeName === "rpc");
    expect(rpc?.targets[0]?.percent).toBe(0);
  });

  it("summarises matches in one line", () => {
    const [rpc, canary, def] = view.routers[0]?.routes ?? [];
    expect(canary?.match).toBe("GET /api/* · header x-canary=1 · query debug");
    expect(rpc?.match).toBe("shop.Cart/Add");
    expect(def?.match).toBe("/*");
    expect(view.gateways[0]?.routes[0]).toMatchObject({ match: "/shop/* · host *.example.com", target: "web.local" });
  });

  it("shows where each node's traffic goes, or why it cannot", () => {
    expect(view.nodes.map((n) => [n.virtualNodeName, n.upstream])).toEqual([
      ["legacy", "Cloud Map (not served at the edge)"],
      ["web-v1", "10.0.0.1:9001"],
      ["web-v2", "10.0.0.2:9002"],
    ]);
    expect(view.services.map((s) => s.provider)).toEqual(["node:legacy", "router:web"]);
  });
});

describe("buildLiveView", () => {
  it("attaches route rates by {router}/{route} and sums node rates over routes", () => {
    const live = buildLiveView(
      resources,
      {
        windowSeconds: 60,
        routes: [
          {
            route: "web/default",
            requests: 100,
            rate: 10,
            successRate: 90,
            nodes: [
              { virtualNode: "web-v1", requests: 75, rate: 7.5, successRate: 100 },
              { virtualNode: "web-v2", requests: 25, rate: 2.5, successRate: 60 },
            ],
          },
          {
            route: "web/canary-header",
            requests: 25,
            rate: 2.5,
            successRate: 100,
            nodes: [{ virtualNode: "web-v2", requests: 25, rate: 2.5, successRate: 100 }],
          },
        ],
      },
      [],
      [],
      60,
      new Date(0),
    );
    expect(live.routes["web/default"]?.rate).toEqual({ rps: 10, success: 0.9 });
    expect(live.routes["web/rpc"]?.rate).toBeUndefined();
    expect(live.nodes["web-v2"]).toEqual({ rps: 5, success: 0.8 });
    expect(live.routes["web/default"]?.targets.map((t) => t.percent)).toEqual([75, 25]);
  });
});
