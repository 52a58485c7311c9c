import { describe, expect, it } from "vitest";
import { errorOf, send } from "./support/guard-app";
import { DEV_KEY, ORIGIN, READONLY_KEY, signedRequest, withHeaders } from "./support/sign";

const MIN = 60_000;
const forbidden = async (res: Response, pattern: RegExp) => {
  const e = await errorOf(res);
  expect(e.status).toBe(403);
  expect(e.type).toBe("ForbiddenException");
  expect(e.message).toMatch(pattern);
};

describe("SigV4 on the management API", () => {
  it("accepts a request signed like the JS SDK and passes the exact body on", async () => {
    const body = JSON.stringify({ meshName: "m1", spec: {} });
    const res = await send(await signedRequest({ method: "PUT", path: "/v20190125/meshes", body }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      path: "/v20190125/meshes",
      principal: { accessKeyId: DEV_KEY.accessKeyId, readOnly: false, scheme: "sigv4" },
      body,
    });
  });

  it("accepts a request signed like botocore (no content hash header) with an awkward query", async () => {
    const path = "/v20190125/meshes?limit=5&nextToken=a%2Fb%2Bc%3D%3D&x=1&x=2";
    const res = await send(await signedRequest({ path, contentSha: false }));
    expect(res.status).toBe(200);
  });

  it("accepts an encoded path segment and any region in the scope", async () => {
    const res = await send(await signedRequest({ path: "/v20190125/meshes/my-mesh%3Ax", region: "eu-west-1" }));
    expect(res.status).toBe(200);
  });

  it("refuses a request without Authorization", async () => {
    await forbidden(await send(new Request(`${ORIGIN}/v20190125/meshes`)), /Missing Authentication Token/);
  });

  it.each([
    ["another algorithm", "AWS4-HMAC-SHA512 Credential=x", /algorithm/],
    ["Basic on the API", "Basic " + btoa(`${DEV_KEY.accessKeyId}:${DEV_KEY.secretAccessKey}`), /algorithm/],
    ["an empty field", "AWS4-HMAC-SHA256 Credential=a,,", /malformed/],
    [
      "a missing Signature",
      "AWS4-HMAC-SHA256 Credential=AKIDMESHEDGEDEV00001/20260101/us-east-1/appmesh/aws4_request, SignedHeaders=host",
      /exactly/,
    ],
    ["a repeated field", "AWS4-HMAC-SHA256 Credential=a, Credential=b", /repeats/],
    [
      "a short credential",
      `AWS4-HMAC-SHA256 Credential=AKID/2026/us-east-1/appmesh/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}`,
      /Credential must be/,
    ],
    [
      "an upper-case header list",
      `AWS4-HMAC-SHA256 Credential=AKIDMESHEDGEDEV00001/20260101/us-east-1/appmesh/aws4_request, SignedHeaders=Host, Signature=${"0".repeat(64)}`,
      /SignedHeaders/,
    ],
    [
      "a non-hex signature",
      `AWS4-HMAC-SHA256 Credential=AKIDMESHEDGEDEV00001/20260101/us-east-1/appmesh/aws4_request, SignedHeaders=host, Signature=${"z".repeat(64)}`,
      /Signature must be/,
    ],
    ["a huge header", `AWS4-HMAC-SHA256 ${"a".repeat(5000)}`, /too long/],
  ])("refuses a malformed Authorization header: %s", async (_name, header, pattern) => {
    const req = withHeaders(await signedRequest({ path: "/v20190125/meshes" }), { authorization: header });
    await forbidden(await send(req), pattern);
  });

  it("refuses an unknown access key id", async () => {
    const key = { accessKeyId: "AKIDNOBODY0000000001", secretAccessKey: DEV_KEY.secretAccessKey };
    await forbidden(await send(await signedRequest({ path: "/v20190125/meshes", key })), /not recognised/);
  });

  it("refuses a signature made with the wrong secret", async () => {
    const key = { accessKeyId: DEV_KEY.accessKeyId, secretAccessKey: "meshedge-dev-secret-do-not-use-in-pro" };
    await forbidden(await send(await signedRequest({ path: "/v20190125/meshes", key })), /signature does not match/);
  });

  it("refuses a signature more than 15 minutes old or ahead, accepts 14 minutes", async () => {
    const at = (ms: number) => signedRequest({ path: "/v20190125/meshes", date: new Date(Date.now() + ms) });
    await forbidden(await send(await at(-16 * MIN)), /expired/);
    await forbidden(await send(await at(16 * MIN)), /expired/);
    expect((await send(await at(-14 * MIN))).status).toBe(200);
  });

  it("refuses a body changed after signing, with or without a signed content hash", async () => {
    const body = JSON.stringify({ meshName: "m1" });
    const sdk = await signedRequest({ method: "PUT", path: "/v20190125/meshes", body });
    await forbidden(await send(withHeaders(sdk, {}, body.replace("m1", "m2"))), /x-amz-content-sha256/);
    const cli = await signedRequest({ method: "PUT", path: "/v20190125/meshes", body, contentSha: false });
    await forbidden(await send(withHeaders(cli, {}, body.replace("m1", "m2"))), /signature does not match/);
  });

  it("refuses an unsigned payload marker", async () => {
    const req = await signedRequest({
      method: "PUT",
      path: "/v20190125/meshes",
      body: "{}",
      headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
    });
    await forbidden(await send(req), /unsigned payloads/);
  });

  it("refuses a replay to another path, query or method", async () => {
    const req = await signedRequest({ path: "/v20190125/meshes?limit=1" });
    const replay = (url: string, method = "GET") => new Request(url, { method, headers: req.headers });
    await forbidden(await send(replay(`${ORIGIN}/v20190125/meshes/other?limit=1`)), /signature does not match/);
    await forbidden(await send(replay(`${ORIGIN}/v20190125/meshes?limit=2`)), /signature does not match/);
    await forbidden(await send(replay(`${ORIGIN}/v20190125/meshes?limit=1`, "DELETE")), /signature does not match/);
    await forbidden(await send(replay(`https://other.test/v20190125/meshes?limit=1`)), /signature does not match/);
  });

  it("refuses a replay that spells a signed %2B as a literal + (which the API reads as a space: another resource)", async () => {
    const req = await signedRequest({ path: "/v20190125/tags?resourceArn=arn%3Aaws%3Aappmesh%3Aus-east-1%3A000000000000%3Amesh%2Fp%2Bq" });
    expect((await send(req.clone())).status).toBe(200);
    const replay = new Request(req.url.replace("%2B", "+"), { headers: req.headers });
    expect(replay.url).toContain("mesh%2Fp+q");
    await forbidden(await send(replay), /signature does not match/);
  });

  it("refuses a changed signed header and a missing signed header", async () => {
    const req = await signedRequest({ path: "/v20190125/meshes", headers: { "x-custom": "a" } });
    await forbidden(await send(withHeaders(req, { "x-custom": "b" })), /signature does not match/);
    await forbidden(await send(withHeaders(req, { "x-custom": null })), /x-custom is missing/);
  });

  it("refuses a scope for another service, a scope date that is not the request date and a bad x-amz-date", async () => {
    await forbidden(await send(await signedRequest({ path: "/v20190125/meshes", service: "s3" })), /service must be 'appmesh'/);
    const req = await signedRequest({ path: "/v20190125/meshes" });
    const auth = req.headers.get("authorization") as string;
    const otherDay = auth.replace(/\/(\d{8})\//, "/19990101/");
    await forbidden(await send(withHeaders(req, { authorization: otherDay })), /scope date/);
    await forbidden(await send(withHeaders(req, { "x-amz-date": "20261340T250000Z" })), /x-amz-date must be/);
    await forbidden(await send(withHeaders(req, { "x-amz-date": null })), /x-amz-date must be/);
  });

  it("lets a read-only key Describe and List but not write", async () => {
    expect((await send(await signedRequest({ path: "/v20190125/meshes", key: READONLY_KEY }))).status).toBe(200);
    for (const method of ["PUT", "POST", "DELETE", "PATCH"]) {
      const req = await signedRequest({ method, path: "/v20190125/meshes/m1", body: "{}", key: READONLY_KEY });
      await forbidden(await send(req), /read-only/);
    }
  });
});
