import { describe, expect, it } from "vitest";
import { compileRoutePolicies } from "../rollouts/route-policy";
import { cookieValue, splitKeyOf } from "./split-key";

describe("split key", () => {
  it("reads a cookie among others, with spaces and quotes", () => {
    expect(cookieValue("a=1; session=abc; b=2", "session")).toBe("abc");
    expect(cookieValue('session="q v"', "session")).toBe("q v");
    expect(cookieValue("xsession=1; session2=2", "session")).toBeNull();
    expect(cookieValue("session=", "session")).toBeNull();
    expect(cookieValue(null, "session")).toBeNull();
    expect(cookieValue("flag; session=z", "session")).toBe("z");
  });

  it("reads a header case-insensitively through the compiled policy", () => {
    const p = compileRoutePolicies([
      { meshName: "m", virtualRouterName: "r", routeName: "x", splitKey: { header: "X-User" }, version: 1, lastUpdatedAt: 0 },
    ])["r/x"];
    if (p === undefined) throw new Error("missing policy");
    expect(splitKeyOf(p, new Headers({ "x-user": "u1" }))).toBe("u1");
    expect(splitKeyOf(p, new Headers({}))).toBeNull();
  });

  it("reads the cookie named by the policy", () => {
    const p = compileRoutePolicies([
      { meshName: "m", virtualRouterName: "r", routeName: "x", splitKey: { cookie: "sid" }, version: 1, lastUpdatedAt: 0 },
    ])["r/x"];
    if (p === undefined) throw new Error("missing policy");
    expect(splitKeyOf(p, new Headers({ cookie: "a=b; sid=42" }))).toBe("42");
  });
});
