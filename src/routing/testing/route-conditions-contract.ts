/**
 * The header, metadata and query-parameter part of the route table contract, run against the
 * compiled table and the linear reference.
 */
import { describe, expect, it } from "vitest";
import type { HttpRouteHeader } from "../spec";
import { httpRoute, request, type NamedRoute } from "./builders";
import type { RouteTableFactory } from "./route-table-contract";

export function describeRouteConditionsContract(label: string, build: RouteTableFactory): void {
  const winner = (routes: NamedRoute[], req: ReturnType<typeof request>) => build(routes).match(req)?.routeName;

  describe(`${label}: headers`, () => {
    const one = (header: HttpRouteHeader) => [httpRoute("h", { prefix: "/", headers: [header] })];
    const withHeader = (value: string) => request("/", { headers: [["x-h", value]] });

    it("supports exact, prefix, suffix and regex (full match)", () => {
      expect(winner(one({ name: "x-h", match: { exact: "abc" } }), withHeader("abc"))).toBe("h");
      expect(winner(one({ name: "x-h", match: { exact: "abc" } }), withHeader("abcd"))).toBeUndefined();
      expect(winner(one({ name: "x-h", match: { prefix: "ab" } }), withHeader("abc"))).toBe("h");
      expect(winner(one({ name: "x-h", match: { prefix: "bc" } }), withHeader("abc"))).toBeUndefined();
      expect(winner(one({ name: "x-h", match: { suffix: "bc" } }), withHeader("abc"))).toBe("h");
      expect(winner(one({ name: "x-h", match: { suffix: "ab" } }), withHeader("abc"))).toBeUndefined();
      expect(winner(one({ name: "x-h", match: { regex: "a.c" } }), withHeader("abc"))).toBe("h");
      expect(winner(one({ name: "x-h", match: { regex: "b" } }), withHeader("abc"))).toBeUndefined();
    });

    it("matches range on integers with start included and end excluded", () => {
      const routes = one({ name: "x-h", match: { range: { start: 1, end: 100 } } });
      expect(winner(routes, withHeader("1"))).toBe("h");
      expect(winner(routes, withHeader("99"))).toBe("h");
      expect(winner(routes, withHeader("100"))).toBeUndefined();
      expect(winner(routes, withHeader("0"))).toBeUndefined();
      expect(winner(routes, withHeader("5.5"))).toBeUndefined();
      expect(winner(routes, withHeader("five"))).toBeUndefined();
      expect(winner(one({ name: "x-h", match: { range: { start: -10, end: 0 } } }), withHeader("-3"))).toBe("h");
    });

    it("treats a header without match as must-be-present", () => {
      const routes = one({ name: "x-h" });
      expect(winner(routes, withHeader(""))).toBe("h");
      expect(winner(routes, request("/"))).toBeUndefined();
    });

    it("inverts matches, and an inverted value match never matches a missing header", () => {
      const routes = one({ name: "x-h", invert: true, match: { exact: "abc" } });
      expect(winner(routes, withHeader("abc"))).toBeUndefined();
      expect(winner(routes, withHeader("xyz"))).toBe("h");
      expect(winner(routes, request("/"))).toBeUndefined();
    });

    it("inverts presence: an inverted header without match requires the header to be absent", () => {
      const routes = one({ name: "x-h", invert: true });
      expect(winner(routes, request("/"))).toBe("h");
      expect(winner(routes, withHeader("anything"))).toBeUndefined();
    });

    it("sees a repeated header as one comma-joined value and ignores name case", () => {
      const req = request("/", {
        headers: [
          ["X-H", "a"],
          ["x-h", "b"],
        ],
      });
      expect(winner(one({ name: "X-h", match: { exact: "a, b" } }), req)).toBe("h");
      expect(winner(one({ name: "x-h", match: { exact: "a" } }), req)).toBeUndefined();
    });

    it("requires every header condition", () => {
      const routes = [httpRoute("h", { prefix: "/", headers: [{ name: "a", match: { exact: "1" } }, { name: "b" }] })];
      expect(
        winner(
          routes,
          request("/", {
            headers: [
              ["a", "1"],
              ["b", "x"],
            ],
          }),
        ),
      ).toBe("h");
      expect(winner(routes, request("/", { headers: [["a", "1"]] }))).toBeUndefined();
    });
  });

  describe(`${label}: query parameters`, () => {
    it("matches exact values and presence on the raw query, first occurrence wins", () => {
      const exact = [httpRoute("q", { prefix: "/", queryParameters: [{ name: "v", match: { exact: "2" } }] })];
      expect(winner(exact, request("/", { query: "a=1&v=2" }))).toBe("q");
      expect(winner(exact, request("/", { query: "v=22" }))).toBeUndefined();
      expect(winner(exact, request("/", { query: "v=1&v=2" }))).toBeUndefined();
      expect(winner(exact, request("/", { query: "vv=2" }))).toBeUndefined();
      const present = [httpRoute("q", { prefix: "/", queryParameters: [{ name: "debug" }] })];
      expect(winner(present, request("/", { query: "debug" }))).toBe("q");
      expect(winner(present, request("/", { query: "x=1&debug=" }))).toBe("q");
      expect(winner(present, request("/", { query: "debugger=1" }))).toBeUndefined();
      const encoded = [httpRoute("q", { prefix: "/", queryParameters: [{ name: "n", match: { exact: "a b" } }] })];
      expect(winner(encoded, request("/", { query: "n=a%20b" }))).toBeUndefined();
    });
  });
}
