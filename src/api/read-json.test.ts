import { describe, expect, it } from "vitest";
import { canonicalJson } from "../shared/canonical-json";
import { decodeNextToken, encodeNextToken, pageOf } from "../shared/pagination";
import { API_LIMITS } from "../auth/limits";
import { parseJsonObject } from "./read-json";

describe("request JSON", () => {
  it("holds to the management guard's depth and size limits, in bytes", () => {
    const nested = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${"}".repeat(depth - 1)}`;
    expect(() => parseJsonObject(nested(API_LIMITS.maxJsonDepth))).not.toThrow();
    expect(() => parseJsonObject(nested(API_LIMITS.maxJsonDepth + 1))).toThrow(
      expect.objectContaining({ type: "BadRequestException", message: expect.stringMatching(/nests deeper/) }),
    );
    const fits = JSON.stringify({ a: "x".repeat(API_LIMITS.maxBodyBytes - 8) });
    expect(() => parseJsonObject(fits)).not.toThrow();
    // Within the limit in characters, over it in UTF-8 bytes.
    const wide = JSON.stringify({ a: "é".repeat(API_LIMITS.maxBodyBytes / 2) });
    expect(wide.length).toBeLessThan(API_LIMITS.maxBodyBytes);
    expect(() => parseJsonObject(wide)).toThrow(
      expect.objectContaining({ type: "BadRequestException", message: expect.stringMatching(/larger than/) }),
    );
  });

  it("parses only JSON objects; empty is {}; 200,000 brackets never reach the parser", () => {
    expect(parseJsonObject("")).toEqual({});
    expect(parseJsonObject('{"a":1}')).toEqual({ a: 1 });
    expect(() => parseJsonObject("[]")).toThrow(expect.objectContaining({ type: "BadRequestException" }));
    expect(() => parseJsonObject("{")).toThrow(expect.objectContaining({ type: "BadRequestException" }));
    expect(() => parseJsonObject("[".repeat(200_000))).toThrow(
      expect.objectContaining({ type: "BadRequestException", message: expect.stringMatching(/nests deeper/) }),
    );
  });
});

describe("canonical JSON (the identity of an idempotent request)", () => {
  it("ignores key order and undefined members, keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined } })).toBe(canonicalJson({ a: { d: [2, 1] }, b: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });
});

describe("nextToken", () => {
  it("round-trips any name, including non-ASCII, and refuses foreign tokens", () => {
    for (const name of ["", "a", "svc.cluster.local", "ünïcødé-名前"]) expect(decodeNextToken(encodeNextToken(name))).toBe(name);
    expect(decodeNextToken(undefined)).toBe("");
    for (const bad of ["x", btoa("{}"), btoa("[1]"), btoa('{"a":1}')]) {
      expect(() => decodeNextToken(bad), bad).toThrow(expect.objectContaining({ type: "BadRequestException" }));
    }
  });

  it("cuts limit + 1 rows to a page whose token resumes after its last item, and gives none when nothing follows", () => {
    expect(pageOf(["a", "b"], 2, (x) => x)).toEqual({ items: ["a", "b"] });
    const page = pageOf(["a", "b", "c"], 2, (x) => x.toUpperCase());
    expect(page.items).toEqual(["a", "b"]);
    expect(decodeNextToken(page.nextToken)).toBe("B");
  });
});
