import { describe, expect, it } from "vitest";
import { hostWithoutPort } from "./loaded-conditions";

describe("hostWithoutPort", () => {
  it.each([
    ["Example.COM", "example.com"],
    ["example.com:8443", "example.com"],
    ["[::1]", "[::1]"],
    ["[::1]:8080", "[::1]"],
    ["10.0.0.1:80", "10.0.0.1"],
  ])("%s -> %s", (host, want) => {
    expect(hostWithoutPort(host)).toBe(want);
  });
});
