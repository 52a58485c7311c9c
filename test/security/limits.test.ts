import { describe, expect, it } from "vitest";
import { API_LIMITS } from "../../src/auth";
import { errorOf, send } from "./support/guard-app";
import { ORIGIN, signedRequest } from "./support/sign";

const badRequest = async (res: Response, status: number, pattern: RegExp) => {
  const e = await errorOf(res);
  expect(e).toMatchObject({ status, type: "BadRequestException" });
  expect(e.message).toMatch(pattern);
};

describe("API request limits", () => {
  it("take a body of exactly the limit and refuse one byte more with 413 (announced length)", async () => {
    const fits = JSON.stringify({ a: "x".repeat(API_LIMITS.maxBodyBytes - 8) });
    expect(fits.length).toBe(API_LIMITS.maxBodyBytes);
    expect((await send(await signedRequest({ method: "PUT", path: "/v20190125/meshes", body: fits }))).status).toBe(200);
    const big = await signedRequest({ method: "PUT", path: "/v20190125/meshes", body: fits + " " });
    await badRequest(await send(big), 413, /larger than 262144 bytes/);
  });

  it("refuse a streamed body without Content-Length once it passes the limit, before auth", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(ctl) {
        pulled++;
        ctl.enqueue(new Uint8Array(64 * 1024));
        if (pulled > 1000) ctl.close();
      },
    });
    const req = new Request(`${ORIGIN}/v20190125/meshes`, { method: "PUT", body: stream, duplex: "half" } as RequestInit);
    await badRequest(await send(req), 413, /larger than/);
    expect(pulled).toBeLessThan(10); // stopped reading early instead of buffering 64 MB
  });

  it("refuse JSON nested deeper than the limit, ignoring brackets inside strings", async () => {
    const deep = "[".repeat(API_LIMITS.maxJsonDepth + 1) + "]".repeat(API_LIMITS.maxJsonDepth + 1);
    await badRequest(await send(await signedRequest({ method: "PUT", path: "/v20190125/meshes", body: deep })), 400, /nests deeper/);
    const inString = JSON.stringify({ s: "[".repeat(1000) + '\\"{' });
    expect((await send(await signedRequest({ method: "PUT", path: "/v20190125/meshes", body: inString }))).status).toBe(200);
  });

  it("refuse too many headers, one huge header and a huge URL", async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i <= API_LIMITS.maxHeaderCount; i++) many[`x-h${i}`] = "1";
    await badRequest(await send(new Request(`${ORIGIN}/v20190125/meshes`, { headers: many })), 431, /More than 100/);
    const huge = { "x-big": "a".repeat(API_LIMITS.maxHeaderBytes) };
    await badRequest(await send(new Request(`${ORIGIN}/v20190125/meshes`, { headers: huge })), 431, /x-big is larger/);
    const total: Record<string, string> = {};
    for (let i = 0; i < 5; i++) total[`x-t${i}`] = "a".repeat(15 * 1024);
    await badRequest(await send(new Request(`${ORIGIN}/_meshedge/ui`, { headers: total })), 431, /in total/);
    await badRequest(await send(new Request(`${ORIGIN}/v20190125/meshes?q=${"a".repeat(API_LIMITS.maxUrlLength)}`)), 414, /URL is longer/);
  });

  it("do not apply to the data plane", async () => {
    const res = await send(new Request(`${ORIGIN}/app`, { headers: { "x-big": "a".repeat(100 * 1024) } }));
    expect(res.status).toBe(200);
  });
});
