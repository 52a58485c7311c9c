import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

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
      if (guard !== null) expect([401, 403, 404]).toContain(res.status);
      await res.body?.cancel();
    }
  });

  it("keeps health public", async () => {
    const res = await exports.default.fetch("https://meshedge.test/_meshedge/health");
    expect(res.status).toBe(200);
  });
});
