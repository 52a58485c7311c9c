import { describe, expect, it } from "vitest";
import { P, SPECS, uniqueMesh } from "../support/mesh-fixture";
import { call, ok } from "../support/signed-fetch";

describe("pagination (limit 1-100, opaque nextToken, name order)", () => {
  it("pages through virtual nodes without repeats or gaps, even while resources are added", async () => {
    const m = uniqueMesh("page");
    await ok("PUT", `${P}/meshes`, { meshName: m });
    const names = ["n05", "n01", "n03", "n02", "n04", "n07", "n06"];
    for (const n of names) await ok("PUT", `${P}/meshes/${m}/virtualNodes`, { virtualNodeName: n, spec: SPECS.node(`${n}.local`) });
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const q = `limit=3${token ? `&nextToken=${encodeURIComponent(token)}` : ""}`;
      const page = await ok("GET", `${P}/meshes/${m}/virtualNodes?${q}`);
      expect(page.virtualNodes.length).toBeLessThanOrEqual(3);
      seen.push(...page.virtualNodes.map((r: { virtualNodeName: string }) => r.virtualNodeName));
      token = page.nextToken;
      // A node added behind the cursor is not returned; one ahead of it is.
      if (pages === 0) {
        await ok("PUT", `${P}/meshes/${m}/virtualNodes`, { virtualNodeName: "n00", spec: SPECS.node("x") });
        await ok("PUT", `${P}/meshes/${m}/virtualNodes`, { virtualNodeName: "n99", spec: SPECS.node("y") });
      }
      pages++;
    } while (token !== undefined);
    expect(seen).toEqual(["n01", "n02", "n03", "n04", "n05", "n06", "n07", "n99"]);
    expect(pages).toBe(3);
  });

  it("omits nextToken on a last page that is exactly full or empty", async () => {
    const m = uniqueMesh("page");
    await ok("PUT", `${P}/meshes`, { meshName: m });
    await ok("PUT", `${P}/meshes/${m}/virtualRouters`, { virtualRouterName: "r", spec: SPECS.router() });
    const exact = await ok("GET", `${P}/meshes/${m}/virtualRouters?limit=1`);
    expect(exact).toEqual({ virtualRouters: [expect.objectContaining({ virtualRouterName: "r" })] });
    expect(await ok("GET", `${P}/meshes/${m}/virtualGateways`)).toEqual({ virtualGateways: [] });
  });

  it("uses pages of 100 when no limit is given", async () => {
    const m = uniqueMesh("page");
    await ok("PUT", `${P}/meshes`, { meshName: m });
    const names = Array.from({ length: 101 }, (_, i) => `n${String(i).padStart(3, "0")}`);
    await Promise.all(names.map((n) => ok("PUT", `${P}/meshes/${m}/virtualNodes`, { virtualNodeName: n, spec: SPECS.node(`${n}.local`) })));
    const nameOf = (r: { virtualNodeName: string }) => r.virtualNodeName;
    const first = await ok("GET", `${P}/meshes/${m}/virtualNodes`);
    expect([first.virtualNodes.map(nameOf), typeof first.nextToken]).toEqual([names.slice(0, 100), "string"]);
    const rest = await ok("GET", `${P}/meshes/${m}/virtualNodes?nextToken=${encodeURIComponent(first.nextToken)}`);
    expect(rest).toEqual({ virtualNodes: [expect.objectContaining({ virtualNodeName: "n100" })] });
  });

  it("pages ListMeshes through the registry", async () => {
    const prefix = uniqueMesh("pm");
    for (const i of [1, 2, 3]) await ok("PUT", `${P}/meshes`, { meshName: `${prefix}-${i}` });
    const all: string[] = [];
    let token: string | undefined;
    do {
      const page = await ok("GET", `${P}/meshes?limit=2${token ? `&nextToken=${encodeURIComponent(token)}` : ""}`);
      expect(page.meshes.length).toBeLessThanOrEqual(2);
      all.push(...page.meshes.map((r: { meshName: string }) => r.meshName));
      token = page.nextToken;
    } while (token);
    const mine = all.filter((n) => n.startsWith(`${prefix}-`));
    expect(mine).toEqual([`${prefix}-1`, `${prefix}-2`, `${prefix}-3`]);
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual(all);
  });

  it("a token this API did not issue is a BadRequestException", async () => {
    const m = uniqueMesh("page");
    await ok("PUT", `${P}/meshes`, { meshName: m });
    for (const t of [btoa('{"x":1}'), btoa("not json"), "!!"]) {
      const a = await call("GET", `${P}/meshes/${m}/virtualNodes?nextToken=${encodeURIComponent(t)}`);
      expect([a.status, a.errorType]).toEqual([400, "BadRequestException"]);
    }
  });
});
