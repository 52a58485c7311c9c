import { describe, expect, it } from "vitest";
import { compileRouteTable, loadRouteTable, routeSpecProblem, type MatchRequest, type RouteSpec } from "../../../src/routing";

// `(a+)+$` takes exponential time on a backtracking engine when the subject almost matches
// ("aaaa...a!"). Through re2js it is linear, so these matches return at all; the assertions
// are about the answers (no timing thresholds in unit tests: bench covers speed).
const HUGE = 100 * 1024;
const spec = (headerRegex: string, pathRegex?: string): RouteSpec => ({
  httpRoute: {
    match: {
      ...(pathRegex !== undefined ? { path: { regex: pathRegex } } : { prefix: "/" }),
      headers: [{ name: "x-evil", match: { regex: headerRegex } }],
    },
    action: { weightedTargets: [{ virtualNode: "vn", weight: 1 }] },
  },
});
const request = (headers: Record<string, string>, path = "/"): MatchRequest => ({
  protocol: "http",
  method: "GET",
  scheme: "http",
  path,
  query: "",
  headers: new Headers(headers),
  port: 80,
});

describe("user regexes on hostile input", () => {
  const table = loadRouteTable(compileRouteTable([{ routeName: "evil", spec: spec("(a+)+$") }]));

  it("match (a+)+$ against a 100 kB header of a's and refuse it with a trailing '!'", () => {
    expect(table.match(request({ "x-evil": "a".repeat(HUGE) }))?.routeName).toBe("evil");
    expect(table.match(request({ "x-evil": "a".repeat(HUGE) + "!" }))).toBeUndefined();
    expect(table.match(request({ "x-evil": "!" + "a".repeat(HUGE) }))).toBeUndefined();
  });

  it("handle nested-quantifier path regexes against a very long path", () => {
    const t = loadRouteTable(compileRouteTable([{ routeName: "p", spec: spec(".*", "/(x+x+)+y") }]));
    expect(t.match(request({ "x-evil": "" }, "/" + "x".repeat(HUGE)))).toBeUndefined();
    expect(t.match(request({ "x-evil": "" }, "/" + "x".repeat(HUGE) + "y"))?.routeName).toBe("p");
  });

  it("refuse patterns over the size bounds and backreferences before they reach a snapshot", () => {
    expect(routeSpecProblem("r", spec("a".repeat(256)))).toMatch(/longer than 255/);
    expect(routeSpecProblem("r", spec("(a{1,100}){1,100}"))).toMatch(/too complex|invalid/);
    expect(routeSpecProblem("r", spec("(a)\\1"))).toMatch(/invalid RE2/);
    expect(routeSpecProblem("r", spec("(?=a)a"))).toMatch(/invalid RE2/);
  });
});
