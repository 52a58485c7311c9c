import { describe, expect, it } from "vitest";
import { regexLiteralPrefix } from "./regex-literal-prefix";

describe("regexLiteralPrefix", () => {
  it.each([
    ["/api/v[0-9]+", "/api/v"],
    ["/pkg\\.Svc/.*", "/pkg.Svc/"],
    ["/ab?c", "/a"],
    ["/ab*", "/a"],
    ["/ab{2}", "/a"],
    ["/ab+", "/ab"],
    ["^/x/y", "/x/y"],
    ["(?i)/a", ""],
    ["/a|/b", ""],
    ["/(a|b)/c", "/"],
    ["[/]a", ""],
    [".*", ""],
    ["/a\\d", "/a"],
  ])("%s starts with %s", (pattern, prefix) => {
    expect(regexLiteralPrefix(pattern)).toBe(prefix);
  });
});
