import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createMesh, createNode, createService, echo, edge, reload } from "../proxy/support/mesh";
import { DATA_ORIGIN } from "../support/origins";
import { ORIGIN, signedRequest } from "./support/sign";

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
  it.each(SPELLINGS)("%s on the admin hostname is refused or a bare 404", async (path) => {
    for (const method of ["GET", "PUT"]) {
      const res = await exports.default.fetch(new Request(`${ORIGIN}${path}`, { method, ...(method === "PUT" ? { body: "{}" } : {}) }));
      const guard = res.headers.get("x-amzn-errortype");
      expect(res.status, `${method} ${path}`).not.toBe(200);
      // The admin hostname proxies nothing: every answer is the API's own shape.
      expect(res.headers.get("x-meshedge-error"), `${method} ${path}`).toBeNull();
      const body = (await res.json()) as { message: string };
      // Without credentials the guard refuses (401/403); a path the guard does not cover is the
      // catch-all 404, which names the operation it did not find and nothing else.
      if (res.status === 404) expect([guard, body.message]).toEqual(["NotFoundException", expect.stringMatching(/^No such operation: /)]);
      else expect([guard, [401, 403].includes(res.status)], `${method} ${path} -> ${res.status}`).toEqual(["ForbiddenException", true]);
    }
  });

  it.each(SPELLINGS)("%s on a data-plane hostname never reaches the API or the dashboard", async (path) => {
    for (const method of ["GET", "PUT"]) {
      const res = await exports.default.fetch(
        new Request(`${DATA_ORIGIN}${path}`, { method, ...(method === "PUT" ? { body: "{}" } : {}) }),
      );
      expect(res.status, `${method} ${path}`).not.toBe(200);
      expect([res.headers.get("x-amzn-errortype"), res.headers.get("www-authenticate")], `${method} ${path}`).toEqual([null, null]);
      expect(res.headers.get("x-meshedge-error"), `${method} ${path}`).not.toBeNull();
      await res.body?.cancel();
    }
  });

  it("keeps health public on both planes", async () => {
    for (const origin of [ORIGIN, DATA_ORIGIN]) {
      const res = await exports.default.fetch(`${origin}/_meshedge/health`);
      expect([res.status, await res.json()]).toEqual([200, { status: "ok" }]);
    }
  });
});

describe("an unknown /_meshedge path with valid credentials", () => {
  // A served virtual service named like the signed request's Host: were the edge to proxy it,
  // the request (with the admin's Authorization header) would reach its upstream.
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

  it.each(["/_meshedge/nope", "/_meshedge/uii", "/_meshedge"])(
    "%s on a data-plane hostname is the edge's 404, never proxied",
    async (path) => {
      for (const method of ["GET", "PUT"]) {
        const req = await signedRequest({ method, path, origin: `http://${HOST}`, ...(method === "PUT" ? { body: "{}" } : {}) });
        const res = await exports.default.fetch(req);
        expect([res.status, res.headers.get("x-meshedge-error"), res.headers.get("x-amzn-errortype")], `${method} ${path}`).toEqual([
          404,
          "no_route",
          null,
        ]);
        expect(res.headers.get("x-upstream-name")).toBeNull();
        await res.body?.cancel();
      }
    },
  );

  it.each(["/_meshedge/nope", "/_meshedge/uii", "/_meshedge", "/x", "/"])(
    "%s on the admin hostname is a NotFoundException (or the dashboard's redirect), never proxied",
    async (path) => {
      for (const method of ["GET", "PUT"]) {
        const req = await signedRequest({ method, path, ...(method === "PUT" ? { body: "{}" } : {}) });
        const res = await exports.default.fetch(new Request(req, { redirect: "manual" }));
        expect(res.headers.get("x-upstream-name")).toBeNull();
        expect(res.headers.get("x-meshedge-error")).toBeNull();
        if (path === "/" && method === "GET") {
          expect([res.status, res.headers.get("location")]).toEqual([302, "/_meshedge/ui"]);
          continue;
        }
        expect([res.status, res.headers.get("x-amzn-errortype")], `${method} ${path}`).toEqual([404, "NotFoundException"]);
        expect(((await res.json()) as { message: string }).message).toBe(`No such operation: ${method} ${path}`);
      }
    },
  );
});
