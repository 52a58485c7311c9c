import { describe, expect, it } from "vitest";
import { buildMesh, N, P, uniqueMesh } from "../support/mesh-fixture";
import { call, ok } from "../support/signed-fetch";

const tagsPath = (arn: string, q = "") => `${P}/tags?resourceArn=${encodeURIComponent(arn)}${q}`;

describe("tags on any resource ARN", () => {
  it("tags, lists and untags every kind of resource", async () => {
    const m = uniqueMesh("tags");
    await buildMesh(m);
    const arns = [
      (await ok("GET", `${P}/meshes/${m}`)).metadata.arn,
      (await ok("GET", `${P}/meshes/${m}/virtualNodes/${N.a}`)).metadata.arn,
      (await ok("GET", `${P}/meshes/${m}/virtualServices/${N.service}`)).metadata.arn,
      (await ok("GET", `${P}/meshes/${m}/virtualRouters/${N.router}`)).metadata.arn,
      (await ok("GET", `${P}/meshes/${m}/virtualRouter/${N.router}/routes/${N.route}`)).metadata.arn,
      (await ok("GET", `${P}/meshes/${m}/virtualGateways/${N.gateway}`)).metadata.arn,
      (await ok("GET", `${P}/meshes/${m}/virtualGateway/${N.gateway}/gatewayRoutes/${N.gatewayRoute}`)).metadata.arn,
    ];
    for (const arn of arns) {
      expect(
        await ok("PUT", `${P}/tag?resourceArn=${encodeURIComponent(arn)}`, {
          tags: [
            { key: "b", value: "2" },
            { key: "a", value: "1" },
          ],
        }),
      ).toEqual({});
      await ok("PUT", `${P}/tag?resourceArn=${encodeURIComponent(arn)}`, { tags: [{ key: "a", value: "one" }] });
      expect(await ok("GET", tagsPath(arn))).toEqual({
        tags: [
          { key: "a", value: "one" },
          { key: "b", value: "2" },
        ],
      });
      expect(await ok("PUT", `${P}/untag?resourceArn=${encodeURIComponent(arn)}`, { tagKeys: ["a", "missing"] })).toEqual({});
      expect(await ok("GET", tagsPath(arn))).toEqual({ tags: [{ key: "b", value: "2" }] });
    }
  });

  it("TooManyTagsException past 50 tags; a page of tags with nextToken", async () => {
    const m = uniqueMesh("tags");
    const mesh = await ok("PUT", `${P}/meshes`, {
      meshName: m,
      tags: Array.from({ length: 30 }, (_, i) => ({ key: `k${String(i).padStart(2, "0")}`, value: "v" })),
    });
    const arn = mesh.metadata.arn;
    const more = Array.from({ length: 21 }, (_, i) => ({ key: `z${i}`, value: "v" }));
    const tooMany = await call("PUT", `${P}/tag?resourceArn=${encodeURIComponent(arn)}`, { tags: more });
    expect([tooMany.status, tooMany.errorType]).toEqual([400, "TooManyTagsException"]);
    await ok("PUT", `${P}/tag?resourceArn=${encodeURIComponent(arn)}`, { tags: more.slice(0, 20) });
    const p1 = await ok("GET", tagsPath(arn, "&limit=40"));
    expect(p1.tags).toHaveLength(40);
    const p2 = await ok("GET", tagsPath(arn, `&limit=40&nextToken=${encodeURIComponent(p1.nextToken)}`));
    expect(p2.tags).toHaveLength(10);
    expect(p2.nextToken).toBeUndefined();
    const over = await call("PUT", `${P}/meshes`, {
      meshName: uniqueMesh("tags"),
      tags: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: "v" })),
    });
    expect(over.errorType).toBe("BadRequestException");
  });

  it("NotFoundException for an ARN of a missing resource or another account", async () => {
    const m = uniqueMesh("tags");
    await ok("PUT", `${P}/meshes`, { meshName: m });
    for (const arn of [
      `arn:aws:appmesh:us-east-1:000000000000:mesh/${m}/virtualNode/ghost`,
      `arn:aws:appmesh:us-east-1:000000000000:mesh/${m}-ghost`,
      `arn:aws:appmesh:eu-west-1:000000000000:mesh/${m}`,
      `arn:aws:appmesh:us-east-1:123456789012:mesh/${m}`,
    ]) {
      expect((await call("GET", tagsPath(arn))).errorType, arn).toBe("NotFoundException");
    }
    expect((await call("GET", tagsPath(`arn:aws:appmesh:us-east-1:000000000000:mesh/${m}/bogus/x`))).errorType).toBe("BadRequestException");
  });

  it("tagging does not change the resource version", async () => {
    const m = uniqueMesh("tags");
    const mesh = await ok("PUT", `${P}/meshes`, { meshName: m });
    await ok("PUT", `${P}/tag?resourceArn=${encodeURIComponent(mesh.metadata.arn)}`, { tags: [{ key: "a", value: "" }] });
    expect(await ok("GET", `${P}/meshes/${m}`)).toEqual(mesh);
  });
});
