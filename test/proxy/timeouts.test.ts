import { beforeAll, describe, expect, it } from "vitest";
import { createMesh, createNode, createRoute, createRouter, createService, edge, httpRoute, reload, run } from "./support/mesh";

const M = "px-timeout";
const ms = (value: number) => ({ unit: "ms", value });

beforeAll(async () => {
  await createMesh(M);
  await createNode(M, "node-a", "a");
  await createNode(M, "idle-node", "a", { timeout: { http: { idle: ms(400) } } });
  await createNode(M, "slow-listener", "a", { timeout: { http: { perRequest: ms(200) } } });
  await createRouter(M, "per-try");
  await createRoute(
    M,
    "per-try",
    "r",
    httpRoute(
      { "node-a": 1 },
      {
        retryPolicy: { maxRetries: 2, perRetryTimeout: ms(400), httpRetryEvents: ["gateway-error"] },
        timeout: { perRequest: ms(5000) },
      },
    ),
  );
  await createRouter(M, "per-request");
  await createRoute(
    M,
    "per-request",
    "r",
    httpRoute(
      { "node-a": 1 },
      {
        retryPolicy: { maxRetries: 5, perRetryTimeout: ms(300), httpRetryEvents: ["gateway-error"] },
        timeout: { perRequest: ms(500) },
      },
    ),
  );
  await createRouter(M, "no-reset");
  await createRoute(
    M,
    "no-reset",
    "r",
    httpRoute(
      { "node-a": 1 },
      {
        retryPolicy: { maxRetries: 2, perRetryTimeout: ms(300), httpRetryEvents: ["client-error"] },
      },
    ),
  );
  await createRouter(M, "disabled");
  // Route 0 disables the route's own timeout, not the 200 ms of the listener behind it.
  await createRoute(M, "disabled", "r", httpRoute({ "slow-listener": 1 }, { timeout: { perRequest: ms(0) } }));
  // Two hops (scaled down from the walkthrough's 20 s / 17 s): route and listener both raised.
  await createNode(M, "raised-listener", "a", { timeout: { http: { perRequest: ms(2000) } } });
  await createNode(M, "short-listener", "a", { timeout: { http: { perRequest: ms(1000) } } });
  await createRouter(M, "both-raised");
  await createRoute(M, "both-raised", "r", httpRoute({ "raised-listener": 1 }, { timeout: { perRequest: ms(2000) } }));
  await createRouter(M, "route-raised");
  await createRoute(M, "route-raised", "r", httpRoute({ "short-listener": 1 }, { timeout: { perRequest: ms(2000) } }));
  await createRouter(M, "listener-retried");
  await createRoute(
    M,
    "listener-retried",
    "r",
    httpRoute(
      { "short-listener": 1 },
      {
        retryPolicy: { maxRetries: 2, perRetryTimeout: ms(5000), httpRetryEvents: ["gateway-error"] },
        timeout: { perRequest: ms(3000) },
      },
    ),
  );
  await createService(M, "both-raised.to.local", { router: "both-raised" });
  await createService(M, "route-raised.to.local", { router: "route-raised" });
  await createService(M, "listener-retried.to.local", { router: "listener-retried" });
  await createService(M, "per-try.to.local", { router: "per-try" });
  await createService(M, "per-request.to.local", { router: "per-request" });
  await createService(M, "no-reset.to.local", { router: "no-reset" });
  await createService(M, "disabled.to.local", { router: "disabled" });
  await createService(M, "idle.to.local", { node: "idle-node" });
  await createService(M, "listener.to.local", { node: "slow-listener" });
  reload(M);
});

describe("perRetryTimeout", () => {
  it("bounds every attempt, the first included, and retries the one that timed out", async () => {
    expect(await run("per-try.to.local", "delay2000,200")).toMatchObject({ status: 200, attempts: 2, hits: 2 });
  });

  it("answers 504 when every attempt times out", async () => {
    const res = await edge("per-try.to.local", "/hang");
    expect([res.status, res.headers.get("x-meshedge-error"), res.headers.get("x-meshedge-attempts")]).toEqual([
      504,
      "upstream_timeout",
      "3",
    ]);
  });

  it("is not retried by a policy without server-error or gateway-error", async () => {
    const res = await edge("no-reset.to.local", "/hang");
    expect([res.status, res.headers.get("x-meshedge-attempts")]).toEqual([504, "1"]);
  });
});

describe("timeout.perRequest", () => {
  it("bounds all attempts together", async () => {
    const t0 = Date.now();
    const res = await edge("per-request.to.local", "/hang");
    const took = Date.now() - t0;
    expect([res.status, res.headers.get("x-meshedge-error")]).toEqual([504, "request_timeout"]);
    // 6 tries x 300 ms would take 1.8 s; the 500 ms request timeout cut them short.
    expect(Number(res.headers.get("x-meshedge-attempts"))).toBeLessThan(4);
    expect(took).toBeLessThan(1800);
  });

  it("also bounds a slow response body", async () => {
    const res = await edge("per-request.to.local", "/stall/3000");
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it("is joined by the virtual node listener's timeout, which bounds each attempt (the node's 504)", async () => {
    const res = await edge("listener.to.local", "/delay/1000");
    expect([res.status, res.headers.get("x-meshedge-error")]).toEqual([504, "upstream_timeout"]);
  });

  it("0 disables the route's timeout only: the listener's still bounds the attempt", async () => {
    const res = await edge("disabled.to.local", "/delay/300");
    expect([res.status, res.headers.get("x-meshedge-error")]).toEqual([504, "upstream_timeout"]);
  });
});

describe("two hops: the route bounds the request, the serving listener each attempt", () => {
  it("route and listener both raised, no retryPolicy: one request, answered (howto-timeout-policy, scaled)", async () => {
    expect(await run("both-raised.to.local", "delay1700")).toMatchObject({ status: 200, attempts: 1, hits: 1 });
  });

  it("a raised route does not lift the listener's timeout: the node's 504, not retried by the default policy", async () => {
    const r = await run("route-raised.to.local", "delay1500");
    expect(r).toMatchObject({ status: 504, attempts: 1, hits: 1 });
    expect(JSON.parse(r.text)).toMatchObject({ error: "upstream_timeout" });
  });

  it("the listener's 504 is a gateway error the route's policy retries", async () => {
    expect(await run("listener-retried.to.local", "delay1500,200")).toMatchObject({ status: 200, attempts: 2, hits: 2 });
  });
});

describe("timeout.idle", () => {
  it("cuts a response stream that stays silent too long", async () => {
    const res = await edge("idle.to.local", "/stall/3000");
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it("lets a stream that keeps talking finish, however long it runs in total", async () => {
    // Chunks 200 ms apart for 600 ms: a 400 ms limit that is not re-armed per chunk cuts this.
    const res = await edge("idle.to.local", "/drip/200");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("tick 1\ntick 2\ntick 3\ntick 4\n");
  });
});
