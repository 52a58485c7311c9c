import { describe, expect, it } from "vitest";
import { compileGatewayRouteTable, gatewayRouteSpecProblem } from "./compile-gateway-route-table";
import { compileRouteTable, routeSpecProblem } from "./compile-route-table";
import { RouteCompileError } from "./errors";
import { loadRouteTable } from "./load-route-table";
import { httpRoute, request } from "./testing/builders";

describe("compileRouteTable", () => {
  it("produces plain JSON in evaluation order", () => {
    const s = compileRouteTable([httpRoute("b", { prefix: "/" }), httpRoute("a", { path: { regex: "/x.*" } }, 3)]);
    expect(JSON.parse(JSON.stringify(s))).toStrictEqual(s);
    expect(s.entries.map((e) => e.name)).toEqual(["a", "b"]);
    expect(s.entries[0]?.path).toEqual({ kind: "regex", value: "/x.*" });
  });

  it("refuses invalid and oversized regexes, naming the route and field", () => {
    const bad = httpRoute("bad", { prefix: "/", headers: [{ name: "x", match: { regex: "(unclosed" } }] });
    expect(() => compileRouteTable([bad])).toThrow(RouteCompileError);
    expect(routeSpecProblem("bad", bad.spec)).toMatch(/^bad: httpRoute\.match\.headers\[0\]\.match\.regex: invalid RE2 regex/);
    expect(routeSpecProblem("long", httpRoute("long", { path: { regex: "a".repeat(256) } }).spec)).toMatch(/longer than 255/);
    expect(routeSpecProblem("big", httpRoute("big", { path: { regex: "(a{1,100}){1,10}" } }).spec)).toMatch(/too complex/);
    // Backreferences and lookarounds are not RE2: refused, never run on a backtracking engine.
    expect(routeSpecProblem("bt", httpRoute("bt", { path: { regex: "(a)\\1" } }).spec)).toMatch(/invalid RE2/);
    expect(routeSpecProblem("ok", httpRoute("ok", { path: { regex: "/v[0-9]+/.*" } }).spec)).toBeUndefined();
    // A bad regex is refused even beside the exact path that would win over it.
    expect(routeSpecProblem("both", httpRoute("both", { path: { exact: "/a", regex: "(a" } }).spec)).toMatch(
      /^both: httpRoute\.match\.path\.regex: invalid RE2/,
    );
  });

  it("leaves refused routes out with skipRefused, in evaluation order", () => {
    const bad = httpRoute("bad", { path: { regex: "(unclosed" } });
    const s = compileRouteTable([httpRoute("b", { prefix: "/" }), bad, httpRoute("a", { prefix: "/a" })], { skipRefused: true });
    expect(s.entries.map((e) => e.name)).toEqual(["a", "b"]);
    expect(() => compileRouteTable([bad], { skipRefused: false })).toThrow(RouteCompileError);
  });

  it("refuses a spec without a route kind and a gRPC methodName without serviceName", () => {
    expect(routeSpecProblem("none", {})).toMatch(/no httpRoute/);
    const grpc = { grpcRoute: { match: { methodName: "Get" }, action: { weightedTargets: [{ virtualNode: "n", weight: 1 }] } } };
    expect(routeSpecProblem("g", grpc)).toMatch(/methodName requires serviceName/);
    expect(gatewayRouteSpecProblem("none", {})).toMatch(/no httpRoute/);
  });

  it("indexes thousands of prefixes and exact paths and still picks by rank", () => {
    const routes = [];
    for (let i = 0; i < 3000; i++) {
      routes.push(httpRoute(`p${i}`, { prefix: `/svc${i}/` }));
      routes.push(httpRoute(`e${i}`, { path: { exact: `/svc${i}/health` } }));
    }
    routes.push(httpRoute("top", { prefix: "/svc1234/", headers: [{ name: "x-top" }] }, 0));
    const table = loadRouteTable(compileRouteTable(routes));
    expect(table.match(request("/svc1234/health"))?.routeName).toBe("e1234");
    expect(table.match(request("/svc1234/other"))?.routeName).toBe("p1234");
    expect(table.match(request("/svc1234/health", { headers: [["x-top", ""]] }))?.routeName).toBe("top");
    expect(table.match(request("/svc99999/"))).toBeUndefined();
  });
});

describe("loadRouteTable", () => {
  it("checks only the candidates the index yields, not every route", () => {
    const routes = [];
    for (let i = 0; i < 5000; i++) routes.push(httpRoute(`r${i}`, { prefix: `/s${i}/`, headers: [{ name: `x-${i}` }] }));
    routes.push(httpRoute("re", { path: { regex: "/s42/.*" }, headers: [{ name: "x-re" }] }));
    const table = loadRouteTable(compileRouteTable(routes));
    const asked: string[] = [];
    const headers = { get: (name: string) => (asked.push(name), name === "x-42" ? "" : null) };
    const req = { ...request("/s42/items"), headers };
    expect(table.match(req)?.routeName).toBe("r42");
    // The regex (literal prefix "/s42/") and the "/s42/" prefix: two header reads, not 5,001.
    expect(asked).toEqual(["x-re", "x-42"]);
  });

  it("answers with the route's prebuilt result object (match allocates nothing)", () => {
    const table = loadRouteTable(compileRouteTable([httpRoute("a", { prefix: "/" })]));
    const first = table.match(request("/x"));
    expect(first).toBeDefined();
    expect(table.match(request("/y"))).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it("refuses a snapshot of an unknown format", () => {
    expect(() => loadRouteTable({ format: 2 as 1, entries: [] })).toThrow(/format 2/);
  });
});

describe("compileGatewayRouteTable", () => {
  it("resolves rewrite defaults into the snapshot", () => {
    const target = { virtualService: { virtualServiceName: "svc" } };
    const s = compileGatewayRouteTable([
      { gatewayRouteName: "p", spec: { httpRoute: { match: { prefix: "/p" }, action: { target } } } },
      {
        gatewayRouteName: "e",
        spec: {
          httpRoute: { match: { path: { exact: "/e" } }, action: { target, rewrite: { hostname: { defaultTargetHostname: "DISABLED" } } } },
        },
      },
    ]);
    expect(s.entries.map((e) => [e.name, e.rewrite])).toEqual([
      ["e", {}],
      ["p", { host: "svc", prefix: "/" }],
    ]);
  });

  it("leaves refused gateway routes out with skipRefused", () => {
    const target = { virtualService: { virtualServiceName: "svc" } };
    const s = compileGatewayRouteTable(
      [
        {
          gatewayRouteName: "bad",
          spec: { grpcRoute: { match: { metadata: [{ name: "x", match: { regex: "(" } }] }, action: { target } } },
        },
        { gatewayRouteName: "ok", spec: { grpcRoute: { match: { serviceName: "S" }, action: { target } } } },
      ],
      { skipRefused: true },
    );
    expect(s.entries.map((e) => e.name)).toEqual(["ok"]);
  });
});
