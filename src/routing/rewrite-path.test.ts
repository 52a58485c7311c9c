import { describe, expect, it } from "vitest";
import { hasDotSegment, rewritePrefix } from "./rewrite-path";

describe("hasDotSegment", () => {
  it("finds '.' and '..' segments anywhere, and only whole segments", () => {
    for (const p of ["/.", "/..", "/a/./b", "/a/../b", "/a/..", "/v2/public/../admin"]) expect(hasDotSegment(p), p).toBe(true);
    for (const p of ["/", "/a", "/.a", "/a.", "/...", "/a..b/", "/v2/public/.x/y"]) expect(hasDotSegment(p), p).toBe(false);
  });

  it("is what a prefix rewrite of a normalized path gains when the prefix does not end in '/'", () => {
    expect(hasDotSegment(rewritePrefix("/api../admin", "/api".length, "/v2/public/"))).toBe(true);
    expect(hasDotSegment(rewritePrefix("/api/../admin".replace("/../", "/"), "/api/".length, "/v2/public/"))).toBe(false);
  });
});
