import { describe, expect, it } from "vitest";
import { AppMeshError, ERROR_STATUS, renderAppMeshError, type AppMeshErrorType } from "../../src/shared/errors";
import { registryStub } from "../../src/do-client/stubs";
import { P, SPECS, uniqueMesh } from "../support/mesh-fixture";
import { call, ok, signedFetch } from "../support/signed-fetch";

describe("the error renderer", () => {
  it.each(Object.entries(ERROR_STATUS))(
    "renders %s with status %i, the x-amzn-errortype header and a JSON message",
    async (type, status) => {
      const res = renderAppMeshError(new AppMeshError(type as AppMeshErrorType, `boom ${type}`));
      expect(res.status).toBe(status);
      expect(res.headers.get("x-amzn-errortype")).toBe(type);
      expect(res.headers.get("content-type")).toBe("application/json");
      expect(await res.json()).toEqual({ message: `boom ${type}` });
    },
  );

  it("hides unexpected errors behind InternalServerErrorException", async () => {
    const res = renderAppMeshError(new TypeError("secret internals"));
    expect([res.status, res.headers.get("x-amzn-errortype")]).toEqual([500, "InternalServerErrorException"]);
    expect(await res.text()).not.toContain("secret");
  });
});

describe("errors through the API", () => {
  it("NotFoundException: a missing mesh, parent, resource or operation", async () => {
    const m = uniqueMesh("err-nf");
    expect(await call("GET", `${P}/meshes/${m}/virtualNodes`)).toMatchObject({
      status: 404,
      errorType: "NotFoundException",
      body: { message: `Mesh ${m} not found` },
    });
    await ok("PUT", `${P}/meshes`, { meshName: m });
    const noRouter = await call("PUT", `${P}/meshes/${m}/virtualRouter/ghost/routes`, {
      routeName: "r",
      spec: SPECS.weightedRoute("a", "b"),
    });
    expect(noRouter).toMatchObject({
      status: 404,
      errorType: "NotFoundException",
      body: { message: `Virtual router ghost in mesh ${m} not found` },
    });
    expect((await call("GET", `${P}/meshes/${m}/virtualGateways/ghost`)).errorType).toBe("NotFoundException");
    const unknown = await call("GET", `${P}/nothing-here`);
    expect(unknown).toMatchObject({
      status: 404,
      errorType: "NotFoundException",
      body: { message: `No App Mesh operation matches GET ${P}/nothing-here` },
    });
    const wrongMethod = await call("POST", `${P}/meshes`, { meshName: "x" });
    expect(wrongMethod.errorType).toBe("NotFoundException");
  });

  it("DeleteMesh of a mesh that is gone also drops it from ListMeshes (the index converges)", async () => {
    const { env } = await import("cloudflare:workers");
    const m = uniqueMesh("err-stale");
    // A mesh the index lists but whose object has no mesh (a delete interrupted in between).
    await registryStub(env).put({ meshName: m, version: 1 });
    expect((await ok("GET", `${P}/meshes`)).meshes.map((r: { meshName: string }) => r.meshName)).toContain(m);
    expect((await call("DELETE", `${P}/meshes/${m}`)).errorType).toBe("NotFoundException");
    expect((await ok("GET", `${P}/meshes`)).meshes.map((r: { meshName: string }) => r.meshName)).not.toContain(m);
  });

  it("CreateMesh of a mesh the index missed answers Conflict and indexes it (the index converges)", async () => {
    const { env } = await import("cloudflare:workers");
    const m = uniqueMesh("err-unindexed");
    await ok("PUT", `${P}/meshes`, { meshName: m });
    const registry = registryStub(env);
    await registry.remove(m);
    expect(await registry.listMeshNames()).not.toContain(m);
    expect((await call("PUT", `${P}/meshes`, { meshName: m })).errorType).toBe("ConflictException");
    expect(await registry.listMeshNames()).toContain(m);
  });

  it("NotFoundException for a mesh of another owner (meshOwner)", async () => {
    const m = uniqueMesh("err-owner");
    await ok("PUT", `${P}/meshes`, { meshName: m });
    expect((await call("GET", `${P}/meshes/${m}/virtualNodes?meshOwner=000000000000`)).status).toBe(200);
    expect((await call("GET", `${P}/meshes/${m}?meshOwner=111111111111`)).errorType).toBe("NotFoundException");
    expect((await call("GET", `${P}/meshes/${m}?meshOwner=000000000000`)).status).toBe(200);
    const other = await call("GET", `${P}/meshes/${m}/virtualNodes?meshOwner=111111111111`);
    expect([other.status, other.errorType]).toEqual([404, "NotFoundException"]);
    const badOwner = await call("GET", `${P}/meshes/${m}/virtualNodes?meshOwner=12`);
    expect([badOwner.errorType, (badOwner.body as { message: string }).message]).toEqual([
      "BadRequestException",
      "meshOwner: length must be >= 12",
    ]);
  });

  it("ConflictException when the name exists", async () => {
    const m = uniqueMesh("err-conflict");
    await ok("PUT", `${P}/meshes`, { meshName: m });
    expect(await call("PUT", `${P}/meshes`, { meshName: m })).toMatchObject({
      status: 409,
      errorType: "ConflictException",
      body: { message: `Mesh ${m} already exists` },
    });
    await ok("PUT", `${P}/meshes/${m}/virtualRouters`, { virtualRouterName: "r", spec: SPECS.router() });
    const again = await call("PUT", `${P}/meshes/${m}/virtualRouters`, { virtualRouterName: "r", spec: SPECS.router() });
    expect([again.status, again.errorType]).toEqual([409, "ConflictException"]);
  });

  it("ForbiddenException for an unsigned request (the SDK's error shape)", async () => {
    const res = await (await import("cloudflare:workers")).exports.default.fetch(
      `${(await import("../support/origins")).ADMIN_ORIGIN}${P}/meshes`,
    );
    expect([res.status, res.headers.get("x-amzn-errortype")]).toEqual([403, "ForbiddenException"]);
    expect(Object.keys(await res.json())).toEqual(["message"]);
  });

  it("health stays public and answers JSON", async () => {
    const res = await signedFetch("GET", "/_meshedge/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});
