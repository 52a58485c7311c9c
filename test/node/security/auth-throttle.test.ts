import { AppMeshClient, ListMeshesCommand, TooManyRequestsException } from "@aws-sdk/client-app-mesh";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_KEY } from "../../support/credentials";
import { startWorker, type RunningWorker } from "../support/start-worker";
import { httpApi } from "./support/http-api";

// wrangler.toml's AUTH_FAILURES binding: 20 failures a minute per client address.
const BUDGET = 20;
let w: RunningWorker;

beforeAll(async () => {
  w = await startWorker();
}, 120_000);
afterAll(async () => {
  await w?.stop();
});

const WRONG = { accessKeyId: DEV_KEY.accessKeyId, secretAccessKey: "not-the-secret-0000000000" };

describe("repeated authentication failures from one address (real HTTP, the rate-limiting binding)", () => {
  it("does not count requests without credentials (a browser's first request, a health check)", async () => {
    for (let i = 0; i < BUDGET + 5; i++) {
      const res = await fetch(`${w.url}/v20190125/meshes`);
      expect([res.status, res.headers.get("x-amzn-errortype")]).toEqual([403, "ForbiddenException"]);
      await res.body?.cancel();
    }
  });

  it("refuses wrong signatures with 403 until the budget is spent, then 429 for everything credentialed, the right key included", async () => {
    const { api } = httpApi(w.url);
    const statuses: number[] = [];
    for (let i = 0; i < BUDGET + 3; i++) statuses.push((await api("GET", "/v20190125/meshes", undefined, { key: WRONG })).status);
    expect(statuses.slice(0, BUDGET)).toEqual(Array(BUDGET).fill(403));
    expect(statuses.slice(BUDGET)).toEqual([429, 429, 429]);
    // Throttled before the signature is checked: the right key waits out the minute too.
    const right = await api("GET", "/v20190125/meshes");
    expect([right.status, right.errorType]).toEqual([429, "TooManyRequestsException"]);
    const basic = await fetch(`${w.url}/_meshedge/ui`, {
      headers: { authorization: `Basic ${btoa(`${DEV_KEY.accessKeyId}:${DEV_KEY.secretAccessKey}`)}` },
    });
    expect([basic.status, basic.headers.get("retry-after")]).toEqual([429, "60"]);
    await basic.body?.cancel();
  });

  it("reaches the AWS SDK as its own TooManyRequestsException", async () => {
    const am = new AppMeshClient({ endpoint: w.url, region: "us-east-1", credentials: DEV_KEY, maxAttempts: 1 });
    await expect(am.send(new ListMeshesCommand({}))).rejects.toBeInstanceOf(TooManyRequestsException);
    am.destroy();
  });
});
