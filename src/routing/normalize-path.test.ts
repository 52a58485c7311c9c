import { describe, expect, it } from "vitest";
import { normalizePath } from "./normalize-path";

describe("normalizePath", () => {
  it.each([
    ["/", "/"],
    ["/a/b", "/a/b"],
    ["/a/../b", "/b"],
    ["/a/./b", "/a/b"],
    ["/a/%2e%2e/b", "/b"],
    ["/a/%2E%2E/b", "/b"],
    ["/a/.%2e/b", "/b"],
    ["/a/%2e/b", "/a/b"],
    ["//a///b", "/a/b"],
    ["/a//../b", "/a/b"], // dot segments before merging slashes, as Envoy orders them
    ["/a/b//..", "/a/b/"],
    ["/..", "/"],
    ["/../../a", "/a"],
    ["/a/..", "/"],
    ["/a/b/..", "/a/"],
    ["/a/.", "/a/"],
    ["/a/", "/a/"],
    ["/a//", "/a/"],
    ["/.hidden/..x", "/.hidden/..x"],
  ])("resolves dot segments and merges slashes: %s -> %s", (raw, want) => {
    expect(normalizePath(raw)).toBe(want);
  });

  it("decodes escaped unreserved characters and upper-cases the hex of the others", () => {
    expect(normalizePath("/%41%7e%2D%5f")).toBe("/A~-_");
    expect(normalizePath("/a%20b")).toBe("/a%20b");
    expect(normalizePath("/a%3fb")).toBe("/a%3Fb");
  });

  it("keeps %2F and %5C encoded, so they never split or climb segments", () => {
    expect(normalizePath("/a%2fb")).toBe("/a%2Fb");
    expect(normalizePath("/a/..%2F..%2Fetc")).toBe("/a/..%2F..%2Fetc");
    expect(normalizePath("/a%5c..")).toBe("/a%5C..");
  });

  it("refuses NUL (raw or %00), other control characters and malformed escapes", () => {
    for (const bad of ["/a%00b", "/a\u0000b", "/a\nb", "/a\u007fb", "/a%", "/a%4", "/a%zz", "/%g0"]) {
      expect(normalizePath(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it("refuses a path that does not start with /", () => {
    expect(normalizePath("")).toBeNull();
    expect(normalizePath("a/b")).toBeNull();
    expect(normalizePath("*")).toBeNull();
  });

  it("returns an already-normal path unchanged (same string)", () => {
    const p = "/api/v1/users/42";
    expect(normalizePath(p)).toBe(p);
  });
});
