/**
 * The route table contract, run against every implementation (hono's common.case.test style):
 * the compiled table and the linear reference must both pass every case.
 */
import { describe, expect, it } from "vitest";
import type { RouteTable } from "../types";
import { httpRoute, request, targetsOf, type NamedRoute } from "./builders";

export type RouteTableFactory = (routes: NamedRoute[]) => RouteTable;

export function describeRouteTableContract(label: string, build: RouteTableFactory): void {
  const winner = (routes: NamedRoute[], req: ReturnType<typeof request>) => build(routes).match(req)?.routeName;

  describe(`${label}: path matching`, () => {
    it("treats prefix as a plain, case-sensitive string prefix", () => {
      const routes = [httpRoute("api", { prefix: "/api" })];
      expect(winner(routes, request("/api"))).toBe("api");
      expect(winner(routes, request("/api/users"))).toBe("api");
      expect(winner(routes, request("/apix"))).toBe("api");
      expect(winner(routes, request("/API"))).toBeUndefined();
      expect(winner(routes, request("/ap"))).toBeUndefined();
    });

    it("matches path.exact only on the whole path", () => {
      const routes = [httpRoute("exact", { path: { exact: "/a/b" } })];
      expect(winner(routes, request("/a/b"))).toBe("exact");
      expect(winner(routes, request("/a/b/"))).toBeUndefined();
      expect(winner(routes, request("/a"))).toBeUndefined();
      expect(winner(routes, request("/a/b", { query: "x=1" }))).toBe("exact");
    });

    it("matches path.regex as a full RE2 match", () => {
      const routes = [httpRoute("re", { path: { regex: "/v[0-9]+" } })];
      expect(winner(routes, request("/v12"))).toBe("re");
      expect(winner(routes, request("/v12/x"))).toBeUndefined();
      expect(winner(routes, request("/xv1"))).toBeUndefined();
    });

    it("returns undefined for an empty table or when nothing matches", () => {
      expect(build([]).match(request("/"))).toBeUndefined();
      expect(winner([httpRoute("a", { prefix: "/a" })], request("/b"))).toBeUndefined();
    });
  });

  describe(`${label}: method, scheme, port`, () => {
    it("requires the method, scheme and port when given", () => {
      const routes = [httpRoute("m", { prefix: "/", method: "POST", scheme: "https", port: 8443 })];
      expect(winner(routes, request("/", { method: "POST", scheme: "https", port: 8443 }))).toBe("m");
      expect(winner(routes, request("/", { method: "GET", scheme: "https", port: 8443 }))).toBeUndefined();
      expect(winner(routes, request("/", { method: "POST", scheme: "http", port: 8443 }))).toBeUndefined();
      expect(winner(routes, request("/", { method: "POST", scheme: "https", port: 80 }))).toBeUndefined();
    });
  });

  describe(`${label}: order`, () => {
    it("puts priority 0 first and routes without priority after every prioritized one", () => {
      const routes = [
        httpRoute("none-exact", { path: { exact: "/x" } }),
        httpRoute("p5", { prefix: "/" }, 5),
        httpRoute("p0", { prefix: "/" }, 0),
      ];
      expect(winner(routes, request("/x"))).toBe("p0");
      expect(winner(routes.slice(0, 2), request("/x"))).toBe("p5");
    });

    it("breaks ties by path kind: exact, regex, prefix, then no path", () => {
      const routes = [
        httpRoute("prefix", { prefix: "/a" }),
        httpRoute("any", {}),
        httpRoute("regex", { path: { regex: "/a.*" } }),
        httpRoute("exact", { path: { exact: "/a" } }),
      ];
      expect(winner(routes, request("/a"))).toBe("exact");
      expect(winner(routes, request("/ab"))).toBe("regex");
      expect(winner(routes.slice(0, 2), request("/ab"))).toBe("prefix");
      expect(winner(routes, request("/b"))).toBe("any");
    });

    it("prefers the longer prefix, then more conditions, then the smaller name", () => {
      const routes = [httpRoute("short", { prefix: "/a" }), httpRoute("long", { prefix: "/a/b" })];
      expect(winner(routes, request("/a/b/c"))).toBe("long");
      const conds = [httpRoute("plain", { prefix: "/a" }), httpRoute("get", { prefix: "/a", method: "GET" })];
      expect(winner(conds, request("/a"))).toBe("get");
      const names = [httpRoute("zeta", { prefix: "/a" }), httpRoute("alpha", { prefix: "/a" })];
      expect(winner(names, request("/a"))).toBe("alpha");
    });

    it("falls through to the next candidate when a better one fails its conditions", () => {
      const routes = [
        httpRoute("canary", { prefix: "/api", headers: [{ name: "x-canary", match: { exact: "1" } }] }, 0),
        httpRoute("api", { prefix: "/api" }, 1),
        httpRoute("root", { prefix: "/" }, 2),
      ];
      expect(winner(routes, request("/api/x", { headers: [["x-canary", "1"]] }))).toBe("canary");
      expect(winner(routes, request("/api/x"))).toBe("api");
      expect(winner(routes, request("/other"))).toBe("root");
    });

    it("reports the position in evaluation order as index", () => {
      const table = build([httpRoute("b", { prefix: "/" }, 1), httpRoute("a", { prefix: "/" }, 0)]);
      expect(table.size).toBe(2);
      expect(table.match(request("/"))).toMatchObject({ routeName: "a", index: 0 });
    });
  });

  describe(`${label}: protocols`, () => {
    it("only considers routes of the request's protocol", () => {
      const routes = [httpRoute("h1", { prefix: "/" }), httpRoute("h2", { prefix: "/" }, undefined, "http2Route")];
      expect(winner(routes, request("/"))).toBe("h1");
      expect(winner(routes, request("/", { protocol: "http2" }))).toBe("h2");
      expect(winner(routes, request("/", { protocol: "grpc" }))).toBeUndefined();
    });

    it("maps gRPC service and method onto the /{service}/{method} path and matches metadata", () => {
      const grpc = (routeName: string, match: object) => ({
        routeName,
        spec: { grpcRoute: { match, action: { weightedTargets: targetsOf(routeName) } } },
      });
      const routes = [
        grpc("method", { serviceName: "pkg.Svc", methodName: "Get" }),
        grpc("service", { serviceName: "pkg.Svc" }),
        grpc("any", { metadata: [{ name: "x-tenant", match: { exact: "t1" } }] }),
      ];
      const g = (path: string, headers: [string, string][] = []) => request(path, { protocol: "grpc", method: "POST", headers });
      expect(winner(routes, g("/pkg.Svc/Get"))).toBe("method");
      expect(winner(routes, g("/pkg.Svc/List"))).toBe("service");
      expect(winner(routes, g("/pkg.Svc/GetMore"))).toBe("service");
      expect(winner(routes, g("/other.Svc/Get"))).toBeUndefined();
      expect(winner(routes, g("/other.Svc/Get", [["x-tenant", "t1"]]))).toBe("any");
      expect(winner(routes, request("/pkg.Svc/Get"))).toBeUndefined();
    });

    it("matches TCP routes on port and priority only", () => {
      const tcp = (routeName: string, port?: number, priority?: number) => ({
        routeName,
        spec: {
          ...(priority === undefined ? {} : { priority }),
          tcpRoute: { ...(port === undefined ? {} : { match: { port } }), action: { weightedTargets: targetsOf(routeName) } },
        },
      });
      const routes = [tcp("any"), tcp("p9000", 9000), tcp("first", undefined, 0)];
      expect(winner(routes.slice(0, 2), request("/whatever", { protocol: "tcp", port: 9000 }))).toBe("p9000");
      expect(winner(routes.slice(0, 2), request("/", { protocol: "tcp", port: 1 }))).toBe("any");
      expect(winner(routes, request("/", { protocol: "tcp", port: 9000 }))).toBe("first");
    });
  });

  describe(`${label}: result`, () => {
    it("carries the targets, retry policy and timeout of the route", () => {
      const retryPolicy = { maxRetries: 2, perRetryTimeout: { unit: "ms", value: 500 }, httpRetryEvents: ["server-error"] };
      const timeout = { perRequest: { unit: "s", value: 3 } };
      const weightedTargets = [
        { virtualNode: "blue", weight: 9 },
        { virtualNode: "green", weight: 1, port: 8080 },
      ];
      const table = build([
        { routeName: "r", spec: { httpRoute: { match: { prefix: "/" }, action: { weightedTargets }, retryPolicy, timeout } } },
      ]);
      expect(table.match(request("/"))).toEqual({
        routeName: "r",
        protocol: "http",
        targets: weightedTargets,
        index: 0,
        retryPolicy,
        timeout,
      });
    });
  });
}
