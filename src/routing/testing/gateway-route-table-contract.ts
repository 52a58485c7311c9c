/**
 * The gateway route table contract, run against the compiled table and the linear reference.
 * Rewrite cases follow the App Mesh user guide (prefix `/chapter`, request `/chapter/1` -> `/1`)
 * and the CDK documentation's exact-path example (`/test` -> `/rewrittenPath`).
 */
import { describe, expect, it } from "vitest";
import type { GatewayRouteSpec, HttpGatewayRouteMatch, HttpGatewayRouteRewrite } from "../spec";
import type { GatewayRouteTable } from "../types";
import { gatewayRequest, type NamedGatewayRoute } from "./builders";

export type GatewayRouteTableFactory = (routes: NamedGatewayRoute[]) => GatewayRouteTable;

function gw(
  name: string,
  match: HttpGatewayRouteMatch,
  rewrite?: HttpGatewayRouteRewrite,
  extra: { priority?: number; port?: number } = {},
): NamedGatewayRoute {
  const target = { virtualService: { virtualServiceName: `${name}.svc.local` }, ...(extra.port === undefined ? {} : { port: extra.port }) };
  const spec: GatewayRouteSpec = { httpRoute: { match, action: rewrite === undefined ? { target } : { target, rewrite } } };
  return { gatewayRouteName: name, spec: extra.priority === undefined ? spec : { ...spec, priority: extra.priority } };
}

export function describeGatewayRouteTableContract(label: string, build: GatewayRouteTableFactory): void {
  const run = (routes: NamedGatewayRoute[], path: string, host = "gw.example.com") => build(routes).match(gatewayRequest(path, host));

  describe(`${label}: default rewrites`, () => {
    it("rewrites the matched prefix to / and the Host to the target service (user guide example)", () => {
      const routes = [gw("chapter", { prefix: "/chapter" })];
      expect(run(routes, "/chapter/1")).toMatchObject({ path: "/1", host: "chapter.svc.local", virtualServiceName: "chapter.svc.local" });
      expect(run(routes, "/chapter")).toMatchObject({ path: "/" });
      expect(run(routes, "/chapters")).toMatchObject({ path: "/s" });
    });

    it("handles a prefix with a trailing slash and the catch-all prefix", () => {
      expect(run([gw("c", { prefix: "/chapter/" })], "/chapter/1/2")).toMatchObject({ path: "/1/2" });
      expect(run([gw("c", { prefix: "/chapter/" })], "/chapter")).toBeUndefined();
      expect(run([gw("all", { prefix: "/" })], "/a/b")).toMatchObject({ path: "/a/b" });
    });

    it("keeps the path of exact and regex path matches", () => {
      expect(run([gw("e", { path: { exact: "/test" } })], "/test")).toMatchObject({ path: "/test" });
      expect(run([gw("r", { path: { regex: "/t.*" } })], "/tea")).toMatchObject({ path: "/tea" });
    });
  });

  describe(`${label}: configured rewrites`, () => {
    it("keeps the path when defaultPrefix is DISABLED", () => {
      expect(run([gw("c", { prefix: "/chapter" }, { prefix: { defaultPrefix: "DISABLED" } })], "/chapter/1")).toMatchObject({
        path: "/chapter/1",
      });
    });

    it("replaces the matched prefix with rewrite.prefix.value", () => {
      expect(run([gw("c", { prefix: "/chapter/" }, { prefix: { value: "/book/" } })], "/chapter/1")).toMatchObject({ path: "/book/1" });
      expect(run([gw("c", { prefix: "/chapter" }, { prefix: { value: "/book" } })], "/chapter/1")).toMatchObject({ path: "/book/1" });
      expect(run([gw("c", { prefix: "/chapter" }, { prefix: { value: "/book/" } })], "/chapter")).toMatchObject({ path: "/book/" });
    });

    it("replaces the whole path with rewrite.path.exact (CDK example /test -> /rewrittenPath)", () => {
      expect(run([gw("e", { path: { exact: "/test" } }, { path: { exact: "/rewrittenPath" } })], "/test")).toMatchObject({
        path: "/rewrittenPath",
      });
    });

    it("keeps the request Host when defaultTargetHostname is DISABLED", () => {
      expect(
        run([gw("c", { prefix: "/" }, { hostname: { defaultTargetHostname: "DISABLED" } })], "/", "Shop.Example.com:8080"),
      ).toMatchObject({ host: "Shop.Example.com:8080" });
    });
  });

  describe(`${label}: hostname, target port, priority, gRPC`, () => {
    it("matches hostname exact and suffix case-insensitively, ignoring the port", () => {
      const routes = [
        gw("exact", { prefix: "/", hostname: { exact: "api.example.com" } }),
        gw("suffix", { prefix: "/", hostname: { suffix: ".example.com" } }),
      ];
      expect(run(routes, "/", "API.example.com:8443")?.gatewayRouteName).toBe("exact");
      expect(run(routes, "/", "www.Example.com")?.gatewayRouteName).toBe("suffix");
      expect(run(routes, "/", "example.org")).toBeUndefined();
    });

    it("passes the target port and respects priority", () => {
      const routes = [
        gw("low", { prefix: "/" }, undefined, { priority: 9 }),
        gw("high", { prefix: "/" }, undefined, { priority: 1, port: 8080 }),
      ];
      expect(run(routes, "/x")).toMatchObject({ gatewayRouteName: "high", port: 8080, index: 0 });
    });

    it("routes gRPC by service name without rewriting the path, metadata like headers", () => {
      const spec: GatewayRouteSpec = {
        grpcRoute: {
          match: { serviceName: "pkg.Svc", metadata: [{ name: "x-t", match: { prefix: "a" } }] },
          action: { target: { virtualService: { virtualServiceName: "svc.local" } } },
        },
      };
      const table = build([{ gatewayRouteName: "g", spec }]);
      const req = (path: string, t: string) => gatewayRequest(path, "gw", { protocol: "grpc", method: "POST", headers: [["x-t", t]] });
      expect(table.match(req("/pkg.Svc/Get", "ab"))).toMatchObject({ gatewayRouteName: "g", path: "/pkg.Svc/Get", host: "svc.local" });
      expect(table.match(req("/pkg.Svc/Get", "b"))).toBeUndefined();
      expect(table.match(req("/other/Get", "a"))).toBeUndefined();
      expect(table.match(gatewayRequest("/pkg.Svc/Get", "gw", { headers: [["x-t", "a"]] }))).toBeUndefined();
    });
  });
}
