import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/signed-fetch";
import {
  createGateway,
  createGatewayRoute,
  createMesh,
  createNode,
  createService,
  echo,
  edge,
  reload,
  updateElsewhere,
} from "./support/mesh";

const M = "px-rewrite-escape";
const HOST = "rewrite-escape.example";
const GR = `/v20190125/meshes/${M}/virtualGateway/ingress/gatewayRoutes`;

/** A gateway route on HOST sending `prefix` to the service, with an optional prefix rewrite. */
function gwRoute(prefix: string, rewrite?: Record<string, unknown>) {
  return {
    httpRoute: {
      match: { prefix, hostname: { exact: HOST } },
      action: {
        target: { virtualService: { virtualServiceName: "rw.escape.local" } },
        ...(rewrite ? { rewrite: { prefix: rewrite } } : {}),
      },
    },
  };
}

beforeAll(async () => {
  await createMesh(M);
  await createNode(M, "node-a", "a");
  await createService(M, "rw.escape.local", { node: "node-a" });
  await createGateway(M, "ingress");
  // Written as the API allows (prefix ending in "/"), then changed behind the API's back to what
  // it refuses now: a gateway route stored before the rule (the data plane must still hold).
  await createGatewayRoute(M, "ingress", "api", gwRoute("/api/", { value: "/v2/public/" }));
  await updateElsewhere(M, "gatewayRoute", "ingress", "api", gwRoute("/api", { value: "/v2/public/" }));
  await createGatewayRoute(M, "ingress", "def", gwRoute("/def/"));
  await updateElsewhere(M, "gatewayRoute", "ingress", "def", gwRoute("/def"));
  reload(M);
});

describe("a gateway prefix rewrite never leaves its target", () => {
  it("forwards rewritten paths that stay inside the rewrite target", async () => {
    for (const [path, upstream] of [
      ["/api/x", "/v2/public/x"],
      ["/api.x/y", "/v2/public/.x/y"],
      ["/api", "/v2/public/"],
      ["/def/x", "/x"],
    ]) {
      const res = await edge(HOST, path!);
      expect([path, res.status]).toEqual([path, 200]);
      expect((await echo(res)).url).toBe(upstream);
    }
  });

  it("refuses a request the rewrite would turn into a dot segment, encoded or not (400 bad_path, nothing forwarded)", async () => {
    for (const path of [
      "/api../admin",
      "/api%2e%2e/admin",
      "/api%2E%2E/admin",
      "/api./admin",
      "/api..",
      "/api.",
      "/def../admin",
      "/def%2e%2e",
    ]) {
      const res = await edge(HOST, path);
      expect([path, res.status, res.headers.get("x-meshedge-error")]).toEqual([path, 400, "bad_path"]);
      expect(res.headers.get("x-upstream-name")).toBeNull();
      // The gateway route's name goes to the access log only (issue 11, item 7).
      expect(await res.json()).toEqual({ error: "bad_path", message: "the gateway's rewrite would turn this path into a dot segment" });
    }
  });
});

describe("the API refuses prefix rewrites the CDK refuses", () => {
  it("a match prefix not ending in '/' together with a rewrite value", async () => {
    const a = await call("PUT", GR, { gatewayRouteName: "bad-prefix", spec: gwRoute("/api", { value: "/v2/public/" }) });
    expect([a.status, a.errorType]).toEqual([400, "BadRequestException"]);
    expect(a.body["message"]).toMatch(/^spec\.httpRoute\.match\.prefix: must end with '\/' when rewrite\.prefix\.value is set/);
  });

  it("a rewrite value that does not start and end with '/', or holds a dot segment", async () => {
    for (const value of ["v2/", "/v2", "/v2/../admin/", "/./"]) {
      const a = await call("PUT", GR, { gatewayRouteName: "bad-value", spec: gwRoute("/api/", { value }) });
      expect([value, a.status, a.errorType]).toEqual([value, 400, "BadRequestException"]);
      expect(a.body["message"]).toMatch(/^spec\.httpRoute\.action\.rewrite\.prefix\.value: /);
    }
  });

  it("accepts the pairings App Mesh documents", async () => {
    for (const [i, [prefix, rewrite]] of (
      [
        ["/api/", { value: "/v2/public/" }],
        ["/", { value: "/v2/" }],
        ["/api", { defaultPrefix: "DISABLED" }],
        ["/api", undefined],
      ] as const
    ).entries()) {
      const a = await call("PUT", GR, { gatewayRouteName: `ok-${i}`, spec: gwRoute(prefix, rewrite) });
      expect([prefix, a.status], JSON.stringify(a.body)).toEqual([prefix, 200]);
    }
  });
});
