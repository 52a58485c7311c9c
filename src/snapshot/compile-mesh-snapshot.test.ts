import { describe, expect, it } from "vitest";
import type { MeshResources } from "../schema";
import { compileMeshSnapshot } from "./compile-mesh-snapshot";

const meta = { arn: "arn", uid: "u", version: 1, createdAt: 0, lastUpdatedAt: 0, meshOwner: "0", resourceOwner: "0" };
const status = { status: "ACTIVE" as const };

function resources(): MeshResources {
  return {
    mesh: { meshName: "m", metadata: meta, spec: {}, status },
    virtualNodes: [
      {
        meshName: "m",
        metadata: meta,
        status,
        virtualNodeName: "web",
        spec: {
          serviceDiscovery: { dns: { hostname: "web.internal" } },
          listeners: [
            {
              portMapping: { port: 443, protocol: "http" },
              timeout: { http: { perRequest: { unit: "s", value: 3 }, idle: { unit: "ms", value: 700 } } },
              outlierDetection: {
                maxServerErrors: 5,
                maxEjectionPercent: 50,
                baseEjectionDuration: { unit: "s", value: 10 },
                interval: { unit: "s", value: 1 },
              },
            },
          ],
        },
      },
      {
        meshName: "m",
        metadata: meta,
        status,
        virtualNodeName: "cm",
        spec: { serviceDiscovery: { awsCloudMap: { namespaceName: "ns", serviceName: "svc" } } },
      },
    ],
    virtualServices: [
      {
        meshName: "m",
        metadata: meta,
        status,
        virtualServiceName: "web.local",
        spec: { provider: { virtualRouter: { virtualRouterName: "r" } } },
      },
      { meshName: "m", metadata: meta, status, virtualServiceName: "none.local", spec: {} },
    ],
    virtualRouters: [
      {
        meshName: "m",
        metadata: meta,
        status,
        virtualRouterName: "r",
        spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] },
      },
    ],
    routes: [
      {
        meshName: "m",
        metadata: meta,
        status,
        virtualRouterName: "r",
        routeName: "with-policy",
        spec: {
          priority: 1,
          httpRoute: {
            match: { prefix: "/a" },
            action: { weightedTargets: [{ virtualNode: "web", weight: 1 }] },
            retryPolicy: {
              maxRetries: 3,
              perRetryTimeout: { unit: "ms", value: 250 },
              httpRetryEvents: ["gateway-error", "client-error"],
              tcpRetryEvents: ["connection-error"],
            },
            timeout: { perRequest: { unit: "s", value: 0 } },
          },
        },
      },
      {
        // Stored before the control plane refused what the evaluator cannot compile.
        meshName: "m",
        metadata: meta,
        status,
        virtualRouterName: "r",
        routeName: "refused",
        spec: { httpRoute: { match: { path: { regex: "(unclosed" } }, action: { weightedTargets: [{ virtualNode: "web", weight: 1 }] } } },
      },
      {
        meshName: "m",
        metadata: meta,
        status,
        virtualRouterName: "r",
        routeName: "plain",
        spec: { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode: "web", weight: 1 }] } } },
      },
    ],
    virtualGateways: [
      {
        meshName: "m",
        metadata: meta,
        status,
        virtualGatewayName: "gw",
        spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] },
      },
    ],
    gatewayRoutes: [
      {
        meshName: "m",
        metadata: meta,
        status,
        virtualGatewayName: "gw",
        gatewayRouteName: "refused",
        spec: {
          httpRoute: {
            match: { path: { regex: "(unclosed" } },
            action: { target: { virtualService: { virtualServiceName: "web.local" } } },
          },
        },
      },
      {
        meshName: "m",
        metadata: meta,
        status,
        virtualGatewayName: "gw",
        gatewayRouteName: "to-web",
        spec: { httpRoute: { match: { prefix: "/web/" }, action: { target: { virtualService: { virtualServiceName: "web.local" } } } } },
      },
    ],
  } as MeshResources;
}

describe("compileMeshSnapshot", () => {
  const snap = compileMeshSnapshot(resources(), 7);

  it("is plain JSON that survives a round trip", () => {
    expect(JSON.parse(JSON.stringify(snap))).toStrictEqual(snap);
    expect(snap.version).toBe(7);
  });

  it("maps services to their providers", () => {
    expect(snap.services["web.local"]?.provider).toEqual({ kind: "virtualRouter", name: "r" });
    expect(snap.services["none.local"]?.provider).toEqual({ kind: "none" });
  });

  it("reduces listeners to ms, TLS scheme and outlier settings", () => {
    expect(snap.nodes["web"]).toEqual({
      name: "web",
      discovery: { kind: "dns", hostname: "web.internal" },
      listeners: [
        {
          port: 443,
          protocol: "http",
          tls: true,
          perRequestMs: 3000,
          idleMs: 700,
          outlier: { maxServerErrors: 5, maxEjectionPercent: 50, baseEjectionMs: 10_000, intervalMs: 1000 },
        },
      ],
    });
  });

  it("marks Cloud Map discovery unusable with a reason", () => {
    const d = snap.nodes["cm"]?.discovery;
    expect(d?.kind).toBe("unusable");
    expect(d?.kind === "unusable" && d.reason).toContain("AWS Cloud Map");
  });

  it("turns retry events into statuses, connect and reset flags", () => {
    expect(snap.routers["r"]?.routes["with-policy"]).toEqual({
      name: "with-policy",
      protocol: "http",
      perRequestMs: 0,
      idleMs: null,
      retry: { maxRetries: 3, perTryMs: 250, statuses: [409, 502, 503, 504], connectError: true, reset: true, grpcStatuses: [] },
    });
  });

  it("gives a route without retryPolicy App Mesh's default policy", () => {
    expect(snap.routers["r"]?.routes["plain"]?.retry).toEqual({
      maxRetries: 2,
      perTryMs: 0,
      statuses: [503],
      connectError: true,
      reset: false,
      grpcStatuses: [14],
    });
  });

  it("holds the compiled route and gateway route tables", () => {
    expect(snap.routers["r"]?.table.entries.map((e) => e.name)).toEqual(["with-policy", "plain"]);
    expect(snap.gateways["gw"]?.table.entries.map((e) => e.name)).toEqual(["to-web"]);
  });

  it("leaves out a route the evaluator refuses, keeping the others' policies in input order", () => {
    expect(Object.keys(snap.routers["r"]?.routes ?? {})).toEqual(["with-policy", "plain"]);
  });
});
