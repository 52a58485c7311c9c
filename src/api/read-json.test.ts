import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";
import { decodeNextToken, encodeNextToken } from "./pagination";
import { jsonTooDeep, parseJsonObject } from "./read-json";

describe("request JSON", () => {
  it("measures nesting without being fooled by brackets inside strings", () => {
    expect(jsonTooDeep(`${"[".repeat(32)}${"]".repeat(32)}`, 32)).toBe(false);
    expect(jsonTooDeep(`${"[".repeat(33)}${"]".repeat(33)}`, 32)).toBe(true);
    expect(jsonTooDeep(`{"a":"${"[".repeat(100)}\\"{{{"}`, 2)).toBe(false);
  });

  it("parses only JSON objects; empty is {}; a million brackets never reach the parser", () => {
    expect(parseJsonObject("")).toEqual({});
    expect(parseJsonObject('{"a":1}')).toEqual({ a: 1 });
    expect(() => parseJsonObject("[]")).toThrow(expect.objectContaining({ type: "BadRequestException" }));
    expect(() => parseJsonObject("{")).toThrow(expect.objectContaining({ type: "BadRequestException" }));
    expect(() => parseJsonObject("[".repeat(200_000))).toThrow(expect.objectContaining({ type: "BadRequestException" }));
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
});
