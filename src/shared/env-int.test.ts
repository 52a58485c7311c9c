import { describe, expect, it } from "vitest";
import { envInt } from "./env-int";

describe("envInt: the one reader of integer vars", () => {
  it("reads decimal whole numbers (blanks around allowed) and integer numbers", () => {
    expect(envInt("250", { fallback: 1 })).toBe(250);
    expect(envInt(" 7 ", { fallback: 1 })).toBe(7);
    expect(envInt(40, { fallback: 1 })).toBe(40);
  });

  it("gives the fallback for anything else, the same way for every var", () => {
    for (const odd of [undefined, "", " ", "5000ms", "1.5", "1e3", "0x10", "-", 2.5, Number.NaN, "99999999999999999999", {}, null]) {
      expect(envInt(odd, { fallback: 9, min: 0 }), String(odd)).toBe(9);
    }
  });

  it("ignores an out-of-range value by default and clamps it when asked", () => {
    expect(envInt("-1", { fallback: 9, min: 0 })).toBe(9);
    expect(envInt("0", { fallback: 5000, min: 1 })).toBe(5000);
    expect(envInt("20", { fallback: 5000, min: 100, outOfRange: "clamp" })).toBe(100);
    expect(envInt("99999", { fallback: 10, min: 1, max: 3600, outOfRange: "clamp" })).toBe(3600);
    expect(envInt("60", { fallback: 10, min: 1, max: 3600, outOfRange: "clamp" })).toBe(60);
  });
});
