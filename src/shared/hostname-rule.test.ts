import { describe, expect, it } from "vitest";
import { hostnameProblem, urlHost } from "./hostname-rule";

describe("hostnameProblem (meshedge's rule for serviceDiscovery.dns.hostname)", () => {
  it("accepts the names real App Mesh configurations use, and IP literals", () => {
    for (const h of [
      // aws-app-mesh-examples: walkthroughs/howto-ipv6/dns/mesh/red-vn.json and its README
      "colorteller-red.default.svc.cluster.local.dns",
      "colorteller.default.svc.cluster.local",
      "app-m-Publi-55555555.elb.us-west-2.amazonaws.com",
      // Terraform's aws_appmesh_virtual_node example (*.local names)
      "serviceb.simpleapp.local",
      "_grpc._tcp.svc.local",
      "localhost",
      "example.com.",
      "a".repeat(63) + ".local",
      "127.0.0.1",
      "10.0.0.255",
      "::1",
      "fd00::1",
      "[::1]",
      "[2001:db8::8a2e:370:7334]",
      "::ffff:127.0.0.1",
    ])
      expect([h, hostnameProblem(h)]).toEqual([h, undefined]);
  });

  it("refuses anything that would change the URL it is put into", () => {
    for (const h of [
      "",
      "127.0.0.1:9081/admin?",
      "127.0.0.1:9081",
      "host/path",
      "a?b",
      "a#b",
      "user:pw@host",
      "user@host",
      "a b",
      "a\r\nb",
      "a\u0000b",
      "a..b",
      ".a",
      "a".repeat(64) + ".local",
      `${"a.".repeat(127)}ab`,
      "x".repeat(5000),
      "1.2.3.999",
      "10.1",
      "2130706433",
      "[::1",
      "[example.com]",
      "::g",
      "%2e",
      "ex%41mple.com",
      "*.local",
      "ex\\ample",
    ])
      expect(hostnameProblem(h), JSON.stringify(h)).toBeDefined();
  });

  it("brackets a bare IPv6 literal for a URL", () => {
    expect(urlHost("::1")).toBe("[::1]");
    expect(urlHost("[::1]")).toBe("[::1]");
    expect(urlHost("svc.local")).toBe("svc.local");
  });
});
