import { describe, expect, it } from "vitest";
import { arnOf, parseArn } from "./arn";
import type { ResourceKey } from "./resource-kinds";

const id = { region: "eu-west-1", account: "123456789012" };

describe("ARNs", () => {
  const keys: ResourceKey[] = [
    { meshName: "m", kind: "mesh", parent: "", name: "m" },
    { meshName: "m", kind: "virtualNode", parent: "", name: "n" },
    { meshName: "m", kind: "virtualService", parent: "", name: "s.local" },
    { meshName: "m", kind: "virtualRouter", parent: "", name: "r" },
    { meshName: "m", kind: "route", parent: "r", name: "rt" },
    { meshName: "m", kind: "virtualGateway", parent: "", name: "g" },
    { meshName: "m", kind: "gatewayRoute", parent: "g", name: "gr" },
  ];

  it("builds App Mesh's ARN layout and parses it back for every kind", () => {
    expect(keys.map((k) => arnOf(id, k))).toEqual([
      "arn:aws:appmesh:eu-west-1:123456789012:mesh/m",
      "arn:aws:appmesh:eu-west-1:123456789012:mesh/m/virtualNode/n",
      "arn:aws:appmesh:eu-west-1:123456789012:mesh/m/virtualService/s.local",
      "arn:aws:appmesh:eu-west-1:123456789012:mesh/m/virtualRouter/r",
      "arn:aws:appmesh:eu-west-1:123456789012:mesh/m/virtualRouter/r/route/rt",
      "arn:aws:appmesh:eu-west-1:123456789012:mesh/m/virtualGateway/g",
      "arn:aws:appmesh:eu-west-1:123456789012:mesh/m/virtualGateway/g/gatewayRoute/gr",
    ]);
    for (const k of keys) expect(parseArn(id, arnOf(id, k))).toEqual(k);
  });

  it("treats another region or account as not found and malformed ARNs as bad requests", () => {
    expect(() => parseArn(id, "arn:aws:appmesh:us-east-1:123456789012:mesh/m")).toThrow(
      expect.objectContaining({ type: "NotFoundException" }),
    );
    expect(() => parseArn(id, "arn:aws:appmesh:eu-west-1:000000000000:mesh/m")).toThrow(
      expect.objectContaining({ type: "NotFoundException" }),
    );
    for (const bad of [
      "",
      "arn:aws:s3:::bucket",
      "arn:aws:appmesh:eu-west-1:123456789012:mesh/",
      "arn:aws:appmesh:eu-west-1:123456789012:mesh/m/route/x",
      "arn:aws:appmesh:eu-west-1:123456789012:mesh/m/virtualRouter/r/gatewayRoute/x",
      "arn:aws:appmesh:eu-west-1:123456789012:mesh/m//virtualNode",
    ]) {
      expect(() => parseArn(id, bad), bad).toThrow(expect.objectContaining({ type: "BadRequestException" }));
    }
  });
});
