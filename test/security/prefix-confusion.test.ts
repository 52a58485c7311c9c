import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createMesh, createNode, createService, echo, edge, reload } from "../proxy/support/mesh";
import { signedRequest } from "./support/sign";

// Spellings of the protected prefixes that a router, a URL parser or a proxy might treat
// differently. Through the whole Worker, without credentials, none may reach a protected
// handler: each is either refused by the guard (App Mesh error shape) or handled by the data
// plane (its own x-meshedge-error answer), never answered 200 with protected content.
const SPELLINGS = [
  "/_meshedge/ui",
  "/_meshedge/ui/",
  "/_meshedge/ui?x=1",
  "/_me%73hedge/ui",
  "/%5Fmeshedge/ui",
  "/%5fmeshedge/ui",
  "//_meshedge/ui",
  "/_meshedge//ui",
  "/_meshedge/./ui",
  "/_meshedge/%2e/ui",
  "/x/../_meshedge/ui",
  "/x/%2e%2e/_meshedge/ui",
  "/_meshedge/health/../ui",
  "/_MESHEDGE/ui",
  "/_meshedge%2fui",
  "/_meshedge/v1/metrics",
  "/_meshedge/v1/rollouts",
  "/v20190125/meshes",
  "/v20190125/meshes/",
  "/V20190125/meshes",
  "/v20190125%2fmeshes",
  "/v20190125/./meshes",
  "/%76%32%30%31%39%30%31%32%35/meshes",
  "/v20190125/tags?resourceArn=arn:aws:appmesh:us-east-1:000000000000:mesh/x",
];

describe("protected prefixes under hostile spellings (whole Worker, no credentials)", () => {
  it.each(SPELLINGS)("%s is refused or left to the data plane", async (path) => {
    for (const method of ["GET", "PUT"]) {
      const res = await exports.default.fetch(new Request(`https://meshedge.test${path}`, { method, ...(method === "PUT" ? { body: "{}" } : {}) }));
      const guard = res.headers.get("x-amzn-errortype");
      const edge = res.headers.get("x-meshedge-error");
      expect(res.status, `${method} ${path}`).not.toBe(200);
      expect(guard !== null || edge !== null, `${method} ${path} -> ${res.status} without an error marker`).toBe(true);
      // Without credentials the guard refuses (401/403); a 404 here would be a handler reached.
      if (guard !== null) expect([guard, [401, 403].includes(res.status)], `${method} ${path} -> ${res.status}`).toEqual(["ForbiddenException", true]);
      await res.body?.cancel();
    }
  });

  it("keeps health public", async () => {
    const res = await exports.default.fetch("https://meshedge.test/_meshedge/health");
    expect(res.status).toBe(200);
  });
});

describe("an unknown /_meshedge path with valid credentials", () => {
  // A served virtual service named like the signed request's Host: were the app's catch-all to
  // proxy, the request (with the admin's Authorization header) would reach its upstream.
  const HOST = "catchall.prefix.test";

  beforeAll(async () => {
    await createMesh("sec-catchall");
    await createNode("sec-catchall", "n", "a");
    await createService("sec-catchall", HOST, { node: "n" });
    reload("sec-catchall");
  });

  it("is served by the upstream on a data-plane path (the setup routes)", async () => {
    expect((await echo(await edge(HOST, "/x"))).server).toBe("a");
  });

  it.each(["/_meshedge/nope", "/_meshedge/uii", "/_meshedge"])("%s is a NotFoundException, never proxied", async (path) => {
    for (const method of ["GET", "PUT"]) {
      const req = await signedRequest({ method, path, origin: `http://${HOST}`, ...(method === "PUT" ? { body: "{}" } : {}) });
      const res = await exports.default.fetch(req);
      expect([res.status, res.headers.get("x-amzn-errortype")], `${method} ${path}`).toEqual([404, "NotFoundException"]);
      expect(res.headers.get("x-upstream-name")).toBeNull();
      expect(res.headers.get("x-meshedge-error")).toBeNull();
      expect(((await res.json()) as { message: string }).message).toBe(`No such operation: ${method} ${path}`);
    }
  });
});
