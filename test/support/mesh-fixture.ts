import * as v from "valibot";
import { expect } from "vitest";
import { operations, type OperationName } from "../../src/schema";
import { ok } from "./signed-fetch";

let counter = 0;
/** A mesh name no other test uses (tests share one runtime's storage). */
export function uniqueMesh(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

export const P = "/v20190125";

/** Valid specs, referring to each other by the names used in {@link buildMesh}. */
export const SPECS = {
  node: (host: string) => ({
    listeners: [{ portMapping: { port: 8080, protocol: "http" } }],
    serviceDiscovery: { dns: { hostname: host } },
  }),
  router: () => ({ listeners: [{ portMapping: { port: 8080, protocol: "http" } }] }),
  weightedRoute: (a: string, b: string, wa = 90, wb = 10) => ({
    httpRoute: {
      match: { prefix: "/" },
      action: {
        weightedTargets: [
          { virtualNode: a, weight: wa },
          { virtualNode: b, weight: wb },
        ],
      },
    },
    priority: 10,
  }),
  serviceByRouter: (router: string) => ({ provider: { virtualRouter: { virtualRouterName: router } } }),
  gateway: () => ({ listeners: [{ portMapping: { port: 8080, protocol: "http" } }] }),
  gatewayRoute: (service: string) => ({
    httpRoute: { match: { prefix: "/" }, action: { target: { virtualService: { virtualServiceName: service } } } },
  }),
};

/** Names used by {@link buildMesh}. */
export const N = {
  a: "node-a",
  b: "node-b",
  router: "router-1",
  route: "route-1",
  service: "svc.local",
  gateway: "gw-1",
  gatewayRoute: "gr-1",
};

/** Creates a mesh with two nodes, a router with a weighted route, a service and a gateway with a gateway route. */
export async function buildMesh(mesh: string): Promise<void> {
  await ok("PUT", `${P}/meshes`, { meshName: mesh });
  await ok("PUT", `${P}/meshes/${mesh}/virtualNodes`, { virtualNodeName: N.a, spec: SPECS.node("a.local") });
  await ok("PUT", `${P}/meshes/${mesh}/virtualNodes`, { virtualNodeName: N.b, spec: SPECS.node("b.local") });
  await ok("PUT", `${P}/meshes/${mesh}/virtualRouters`, { virtualRouterName: N.router, spec: SPECS.router() });
  await ok("PUT", `${P}/meshes/${mesh}/virtualRouter/${N.router}/routes`, { routeName: N.route, spec: SPECS.weightedRoute(N.a, N.b) });
  await ok("PUT", `${P}/meshes/${mesh}/virtualServices`, { virtualServiceName: N.service, spec: SPECS.serviceByRouter(N.router) });
  await ok("PUT", `${P}/meshes/${mesh}/virtualGateways`, { virtualGatewayName: N.gateway, spec: SPECS.gateway() });
  await ok("PUT", `${P}/meshes/${mesh}/virtualGateway/${N.gateway}/gatewayRoutes`, {
    gatewayRouteName: N.gatewayRoute,
    spec: SPECS.gatewayRoute(N.service),
  });
}

/** Asserts a 200 body is exactly the model's output shape of `op` (strict: no extra fields). */
export function expectModelOutput(op: OperationName, body: unknown): void {
  const spec = operations[op];
  const whole = "outputPayload" in spec ? { [spec.outputPayload]: body } : body;
  const r = v.safeParse(spec.output, whole);
  expect(r.success ? [] : r.issues.map((i) => `${v.getDotPath(i)}: ${i.message}`), `${op} output`).toEqual([]);
}
