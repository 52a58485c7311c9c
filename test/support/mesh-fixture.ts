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
const API = `${P}/meshes`;

// The one set of resource builders of the workers tests: each is one signed API call.
/** CreateMesh; `spec` is sent only when given (the API tests create meshes without one). */
export async function createMesh(mesh: string, spec?: Record<string, unknown>): Promise<void> {
  await ok("PUT", API, spec === undefined ? { meshName: mesh } : { meshName: mesh, spec });
}

/** A virtual node listening on `port` (http unless `listener` says otherwise), discovered by DNS at `hostname`. */
export async function createNodeAt(
  mesh: string,
  name: string,
  hostname: string,
  port: number,
  listener: Record<string, unknown> = {},
): Promise<void> {
  await ok("PUT", `${API}/${mesh}/virtualNodes`, {
    virtualNodeName: name,
    spec: {
      serviceDiscovery: { dns: { hostname } },
      listeners: [{ portMapping: { port, protocol: "http" }, ...listener }],
    },
  });
}

export async function createRouter(mesh: string, name: string, port = 8080, protocol = "http"): Promise<void> {
  await ok("PUT", `${API}/${mesh}/virtualRouters`, { virtualRouterName: name, spec: { listeners: [{ portMapping: { port, protocol } }] } });
}

export async function createRoute(mesh: string, router: string, name: string, spec: Record<string, unknown>): Promise<void> {
  await ok("PUT", `${API}/${mesh}/virtualRouter/${router}/routes`, { routeName: name, spec });
}

export async function updateRoute(mesh: string, router: string, name: string, spec: Record<string, unknown>): Promise<void> {
  await ok("PUT", `${API}/${mesh}/virtualRouter/${router}/routes/${name}`, { spec });
}

export async function createService(mesh: string, name: string, provider: { router?: string; node?: string }): Promise<void> {
  const p = provider.router
    ? { virtualRouter: { virtualRouterName: provider.router } }
    : { virtualNode: { virtualNodeName: provider.node } };
  await ok("PUT", `${API}/${mesh}/virtualServices`, { virtualServiceName: name, spec: { provider: p } });
}

export async function createGateway(mesh: string, name: string, port = 8080): Promise<void> {
  await ok("PUT", `${API}/${mesh}/virtualGateways`, {
    virtualGatewayName: name,
    spec: { listeners: [{ portMapping: { port, protocol: "http" } }] },
  });
}

export async function createGatewayRoute(mesh: string, gateway: string, name: string, spec: Record<string, unknown>): Promise<void> {
  await ok("PUT", `${API}/${mesh}/virtualGateway/${gateway}/gatewayRoutes`, { gatewayRouteName: name, spec });
}

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
  await createMesh(mesh);
  await createNodeAt(mesh, N.a, "a.local", 8080);
  await createNodeAt(mesh, N.b, "b.local", 8080);
  await createRouter(mesh, N.router);
  await createRoute(mesh, N.router, N.route, SPECS.weightedRoute(N.a, N.b));
  await createService(mesh, N.service, { router: N.router });
  await createGateway(mesh, N.gateway);
  await createGatewayRoute(mesh, N.gateway, N.gatewayRoute, SPECS.gatewayRoute(N.service));
}

/** Asserts a 200 body is exactly the model's output shape of `op` (strict: no extra fields). */
export function expectModelOutput(op: OperationName, body: unknown): void {
  const spec = operations[op];
  const whole = "outputPayload" in spec ? { [spec.outputPayload]: body } : body;
  const r = v.safeParse(spec.output, whole);
  expect(r.success ? [] : r.issues.map((i) => `${v.getDotPath(i)}: ${i.message}`), `${op} output`).toEqual([]);
}
