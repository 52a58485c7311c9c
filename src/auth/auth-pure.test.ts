import { describe, expect, it } from "vitest";
import { parseAccessKeys } from "./access-keys";
import { parseQueryForSigning } from "./canonical-query";
import { constantTimeEqual } from "./constant-time";
import { jsonDepthExceeds } from "./limits";
import { parseSigV4Authorization } from "./parse-authorization";
import { isSameOriginRequest } from "./same-origin";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("constantTimeEqual", () => {
  it("is plain equality on strings of any length", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
    expect(constantTimeEqual("", "a")).toBe(false);
  });
});

describe("jsonDepthExceeds", () => {
  it("counts object and array nesting, not brackets inside strings or after escapes", () => {
    expect(jsonDepthExceeds(bytes('{"a":[{"b":[1]}]}'), 4)).toBe(false);
    expect(jsonDepthExceeds(bytes('{"a":[{"b":[1]}]}'), 3)).toBe(true);
    expect(jsonDepthExceeds(bytes(JSON.stringify({ s: '[[[[{{{{\\"[[[[' })), 1)).toBe(false);
    expect(jsonDepthExceeds(bytes("[]".repeat(1000)), 1)).toBe(false); // siblings, not nesting
    expect(jsonDepthExceeds(bytes(`${"[".repeat(32)}${"]".repeat(32)}`), 32)).toBe(false);
    expect(jsonDepthExceeds(bytes(`${"[".repeat(33)}${"]".repeat(33)}`), 32)).toBe(true);
    expect(jsonDepthExceeds(bytes(`{"a":"${"[".repeat(100)}\\"{{{"}`), 2)).toBe(false);
  });
});

describe("parseAccessKeys", () => {
  it("reads ids, secrets and the read-only mode, and memoises per raw value", () => {
    const raw = "AKIDAAAAAAAAAAAAAAA1:secret-secret-secret-1, AKIDBBBBBBBBBBBBBBB2:secret/with+base64=:readonly";
    const t = parseAccessKeys(raw);
    expect(t.error).toBeUndefined();
    expect([...t.keys.values()]).toEqual([
      { accessKeyId: "AKIDAAAAAAAAAAAAAAA1", secretAccessKey: "secret-secret-secret-1", readOnly: false },
      { accessKeyId: "AKIDBBBBBBBBBBBBBBB2", secretAccessKey: "secret/with+base64=", readOnly: true },
    ]);
    expect(parseAccessKeys(raw)).toBe(t);
  });

  it("rejects the whole value on one bad entry and never echoes a secret", () => {
    const t = parseAccessKeys("AKIDAAAAAAAAAAAAAAA1:secret-secret-secret-1,AKIDBBBBBBBBBBBBBBB2:short");
    expect(t.keys.size).toBe(0);
    expect(t.error).toMatch(/entry 2/);
    expect(t.error).not.toContain("secret-secret");
  });
});

describe("parseSigV4Authorization", () => {
  it("accepts the AWS SDK's header layout, with or without spaces after commas", () => {
    const sig = "a".repeat(64);
    for (const sep of [", ", ","]) {
      const r = parseSigV4Authorization(
        `AWS4-HMAC-SHA256 Credential=AKIDMESHEDGEDEV00001/20261122/us-east-1/appmesh/aws4_request${sep}SignedHeaders=host;x-amz-date${sep}Signature=${sig}`,
      );
      expect(r).toEqual({
        ok: true,
        value: {
          accessKeyId: "AKIDMESHEDGEDEV00001",
          scopeDate: "20261122",
          region: "us-east-1",
          service: "appmesh",
          signedHeaders: ["host", "x-amz-date"],
          signature: sig,
        },
      });
    }
  });

  it("refuses an extra field", () => {
    const r = parseSigV4Authorization(
      `AWS4-HMAC-SHA256 Credential=AKIDMESHEDGEDEV00001/20261122/us-east-1/appmesh/aws4_request, SignedHeaders=host, Signature=${"a".repeat(64)}, Extra=1`,
    );
    expect(r.ok).toBe(false);
  });
});

describe("parseQueryForSigning", () => {
  it("decodes percent-escapes, reads a raw '+' as a space (as the router does), groups repeats and refuses a bad escape", () => {
    expect({ ...parseQueryForSigning("a=1&b=x%2By+z&a=2&flag") }).toEqual({ a: ["1", "2"], b: "x+y z", flag: "" });
    expect(parseQueryForSigning("a=%zz")).toBeUndefined();
  });
});

describe("isSameOriginRequest", () => {
  const post = (headers: Record<string, string>) => new Request("https://edge.test/_meshedge/v1/rollouts", { method: "POST", headers });
  it("lets safe methods and header-less clients through and stops cross-site writes", () => {
    expect(isSameOriginRequest(new Request("https://edge.test/x", { headers: { "sec-fetch-site": "cross-site" } }))).toBe(true);
    expect(isSameOriginRequest(post({}))).toBe(true);
    expect(isSameOriginRequest(post({ origin: "https://edge.test", "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOriginRequest(post({ origin: "https://evil.test" }))).toBe(false);
    expect(isSameOriginRequest(post({ "sec-fetch-site": "same-site" }))).toBe(false);
  });
});
