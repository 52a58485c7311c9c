import { describe, expect, it } from "vitest";
import { errorOf, send } from "./support/guard-app";
import { DEV_KEY, ORIGIN, READONLY_KEY, TEST_KEYS, signedRequest } from "./support/sign";

const basic = (k: { accessKeyId: string; secretAccessKey: string }) => "Basic " + btoa(`${k.accessKeyId}:${k.secretAccessKey}`);
const admin = (path: string, init: RequestInit = {}) => new Request(`${ORIGIN}${path}`, init);

describe("the project's own endpoints", () => {
  it("challenge a browser with 401 + WWW-Authenticate: Basic when no credentials are sent", async () => {
    const res = await send(admin("/_meshedge/ui"));
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Basic realm="meshedge"/);
    expect((await errorOf(res)).type).toBe("ForbiddenException");
  });

  it("accept Basic credentials of a configured key and refuse a wrong secret with a new challenge", async () => {
    const ok = await send(admin("/_meshedge/ui", { headers: { authorization: basic(DEV_KEY) } }));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { principal: unknown }).principal).toEqual({
      accessKeyId: DEV_KEY.accessKeyId,
      readOnly: false,
      scheme: "basic",
    });
    const wrong = await send(
      admin("/_meshedge/ui", { headers: { authorization: basic({ ...DEV_KEY, secretAccessKey: "x".repeat(38) }) } }),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).not.toBeNull();
    const garbage = await send(admin("/_meshedge/ui", { headers: { authorization: "Basic %%%" } }));
    expect(garbage.status).toBe(401);
  });

  it("accept SigV4 too", async () => {
    expect((await send(await signedRequest({ path: "/_meshedge/metrics" }))).status).toBe(200);
  });

  it("refuse Basic-authenticated writes from another site (CSRF) but take same-origin ones", async () => {
    const post = (headers: Record<string, string>) =>
      send(admin("/_meshedge/rollouts", { method: "POST", body: "{}", headers: { authorization: basic(DEV_KEY), ...headers } }));
    expect((await post({ origin: "https://evil.example" })).status).toBe(403);
    expect((await post({ "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await post({ "sec-fetch-site": "same-site" })).status).toBe(403);
    expect((await post({ origin: ORIGIN, "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await post({})).status).toBe(200);
  });

  it("refuse writes with a read-only key over Basic", async () => {
    const res = await send(admin("/_meshedge/rollouts", { method: "POST", body: "{}", headers: { authorization: basic(READONLY_KEY) } }));
    expect(await errorOf(res)).toMatchObject({ status: 403, message: expect.stringMatching(/read-only/) });
  });

  it("guard a percent-encoded spelling of the prefix, which the router decodes", async () => {
    expect((await send(admin("/_me%73hedge/ui"))).status).toBe(401);
    expect((await send(admin("/v2019012%35/meshes"))).status).toBe(403);
  });

  it("leave health and the data plane public", async () => {
    expect((await send(admin("/_meshedge/health"))).status).toBe(200);
    expect((await send(admin("/anything/else"))).status).toBe(200);
    expect((await send(admin("/_meshedgex"))).status).toBe(200);
  });
});

describe("access key configuration", () => {
  it("refuses everything with a clear message when no keys are configured (secure by default)", async () => {
    for (const keys of [null, "", "  "]) {
      const e = await errorOf(await send(await signedRequest({ path: "/v20190125/meshes" }), keys));
      expect(e).toMatchObject({ status: 403, type: "ForbiddenException", message: expect.stringMatching(/No access keys are configured/) });
    }
  });

  it.each([
    ["a missing secret", "AKIDMESHEDGEDEV00001"],
    ["a short secret", "AKIDMESHEDGEDEV00001:short"],
    ["an unknown mode", `${TEST_KEYS}:admin`],
    ["a duplicate id", `${TEST_KEYS},${DEV_KEY.accessKeyId}:${DEV_KEY.secretAccessKey}`],
    ["a bad id", "akid-with-dash000:meshedge-dev-secret-do-not-use-in-prod"],
  ])("fails closed on a malformed key list: %s", async (_name, keys) => {
    const e = await errorOf(await send(await signedRequest({ path: "/v20190125/meshes" }), keys));
    expect(e).toMatchObject({ status: 403, message: expect.stringMatching(/MESHEDGE_ACCESS_KEYS is malformed/) });
    expect(e.message).not.toContain("meshedge-dev-secret");
  });

  it("accepts newline separated entries with spaces around them", async () => {
    const keys = `\n  ${DEV_KEY.accessKeyId}:${DEV_KEY.secretAccessKey}  \n`;
    expect((await send(await signedRequest({ path: "/v20190125/meshes" }), keys)).status).toBe(200);
  });
});

describe("the dashboard through the whole Worker", () => {
  it("asks a browser for credentials and serves the page with Basic credentials of a key", async () => {
    const { exports } = await import("cloudflare:workers");
    const bare = await exports.default.fetch("https://meshedge.test/_meshedge/ui");
    expect([bare.status, bare.headers.get("www-authenticate")?.startsWith("Basic ")]).toEqual([401, true]);
    await bare.body?.cancel();
    const page = await exports.default.fetch("https://meshedge.test/_meshedge/ui", { headers: { authorization: basic(DEV_KEY) } });
    expect(page.status).toBe(200);
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    await page.body?.cancel();
  });
});

describe("answers to authenticated requests", () => {
  it("carry anti-framing, no-sniff, no-store and no-referrer headers unless the handler set its own", async () => {
    const res = await send(admin("/_meshedge/ui", { headers: { authorization: basic(DEV_KEY) } }));
    expect(
      Object.fromEntries(
        ["x-frame-options", "content-security-policy", "x-content-type-options", "cache-control", "referrer-policy"].map((h) => [
          h,
          res.headers.get(h),
        ]),
      ),
    ).toEqual({
      "x-frame-options": "DENY",
      "content-security-policy": "frame-ancestors 'none'",
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    });
    const api = await send(await signedRequest({ path: "/v20190125/meshes" }));
    expect(api.headers.get("cache-control")).toBe("no-store");
  });
});
