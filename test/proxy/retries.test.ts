import { beforeAll, describe, expect, it } from "vitest";
import {
  createMesh,
  createNode,
  createRoute,
  createRouter,
  createService,
  echo,
  edge,
  httpRoute,
  reload,
  run as runAt,
  seqCount,
  seqKey,
} from "./support/mesh";
import { inject } from "vitest";

const M = "px-retry";
const perRetryTimeout = { unit: "ms", value: 2000 };

/** One router per policy, each behind its own virtual service. */
const policies: Record<string, Record<string, unknown> | undefined> = {
  "server-error": { maxRetries: 2, perRetryTimeout, httpRetryEvents: ["server-error"] },
  "gateway-error": { maxRetries: 2, perRetryTimeout, httpRetryEvents: ["gateway-error"] },
  "client-error": { maxRetries: 2, perRetryTimeout, httpRetryEvents: ["client-error"] },
  "connection-error": { maxRetries: 2, perRetryTimeout, tcpRetryEvents: ["connection-error"] },
  none: undefined,
};

beforeAll(async () => {
  await createMesh(M);
  await createNode(M, "node-a", "a");
  await createNode(M, "dead", inject("deadPort"));
  // gRPC retry events exist on grpcRoute only: a grpc listener, service "seq" = prefix /seq/.
  await createRouter(M, "grpc", 8080, "grpc");
  await createRoute(M, "grpc", "to-a", {
    grpcRoute: {
      match: { serviceName: "seq" },
      action: { weightedTargets: [{ virtualNode: "node-a", weight: 1 }] },
      retryPolicy: {
        maxRetries: 2,
        perRetryTimeout,
        grpcRetryEvents: ["cancelled", "deadline-exceeded", "resource-exhausted", "internal", "unavailable"],
      },
    },
  });
  await createService(M, "grpc.retry.local", { router: "grpc" });
  for (const [name, policy] of Object.entries(policies)) {
    await createRouter(M, name);
    const extra = policy ? { retryPolicy: policy } : {};
    await createRoute(M, name, "to-dead", { priority: 1, ...httpRoute({ dead: 1 }, extra, { prefix: "/dead" }) });
    await createRoute(M, name, "to-a", { priority: 2, ...httpRoute({ "node-a": 1 }, extra) });
    await createService(M, `${name}.retry.local`, { router: name });
  }
  reload(M);
});

/** Sends a sequence of upstream answers to the policy's service. */
const run = (policy: string, tokens: string) => runAt(`${policy}.retry.local`, tokens);

const SERVER_ERROR = [500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511];
const GATEWAY_ERROR = [502, 503, 504];

describe("retry events", () => {
  it.each(SERVER_ERROR)("server-error retries %i", async (s) => {
    expect(await run("server-error", `${s},200`)).toMatchObject({ status: 200, attempts: 2, hits: 2 });
  });

  it.each([400, 404, 409, 429, 509])("server-error does not retry %i", async (s) => {
    expect(await run("server-error", `${s},200`)).toMatchObject({ status: s, attempts: 1, hits: 1 });
  });

  it.each(GATEWAY_ERROR)("gateway-error retries %i", async (s) => {
    expect(await run("gateway-error", `${s},200`)).toMatchObject({ status: 200, attempts: 2 });
  });

  it.each([500, 501, 505, 409])("gateway-error does not retry %i", async (s) => {
    expect(await run("gateway-error", `${s},200`)).toMatchObject({ status: s, attempts: 1 });
  });

  it("client-error retries 409 and nothing else", async () => {
    expect(await run("client-error", "409,200")).toMatchObject({ status: 200, attempts: 2 });
    expect(await run("client-error", "400,200")).toMatchObject({ status: 400, attempts: 1 });
    expect(await run("client-error", "503,200")).toMatchObject({ status: 503, attempts: 1 });
  });

  it("stops after maxRetries and returns the last answer", async () => {
    expect(await run("server-error", "500,502,503,200")).toMatchObject({ status: 503, attempts: 3, hits: 3 });
  });

  it.each([
    ["cancelled", 1],
    ["deadline-exceeded", 4],
    ["resource-exhausted", 8],
    ["internal", 13],
    ["unavailable", 14],
  ])("gRPC %s (grpc-status %i) retries", async (_n, code) => {
    expect(await run("grpc", `grpc${code},200`)).toMatchObject({ status: 200, attempts: 2 });
  });

  it.each([0, 2, 3, 5, 7, 16])("gRPC status %i does not retry", async (code) => {
    expect(await run("grpc", `grpc${code},200`)).toMatchObject({ status: 200, attempts: 1, hits: 1 });
  });

  it("connection-error retries a reset and gives 502 when every attempt fails", async () => {
    expect(await run("connection-error", "reset,200")).toMatchObject({ status: 200, attempts: 2 });
    const dead = await edge("connection-error.retry.local", "/dead");
    expect([dead.status, dead.headers.get("x-meshedge-error"), dead.headers.get("x-meshedge-attempts")]).toEqual([
      502,
      "upstream_unreachable",
      "3",
    ]);
  });

  it("a policy without tcp events does not retry a refused connection", async () => {
    const res = await edge("client-error.retry.local", "/dead");
    expect([res.status, res.headers.get("x-meshedge-attempts")]).toEqual([502, "1"]);
  });
});

describe("App Mesh's default policy (route without retryPolicy)", () => {
  it("retries 503 twice", async () => {
    expect(await run("none", "503,503,200")).toMatchObject({ status: 200, attempts: 3, hits: 3 });
    expect(await run("none", "503,503,503,200")).toMatchObject({ status: 503, attempts: 3 });
  });

  it("retries gRPC unavailable and a reset", async () => {
    expect(await run("none", "grpc14,200")).toMatchObject({ status: 200, attempts: 2 });
    expect(await run("none", "reset,200")).toMatchObject({ status: 200, attempts: 2 });
  });

  it("does not retry 500, 502 or 504", async () => {
    for (const s of [500, 502, 504]) expect(await run("none", `${s},200`)).toMatchObject({ status: s, attempts: 1 });
  });
});

describe("request bodies", () => {
  it("re-sends a POST body on a retry", async () => {
    const key = seqKey();
    const res = await edge("server-error.retry.local", `/seq/${key}/500,echo`, { method: "POST", body: "payload-123" });
    expect(res.headers.get("x-meshedge-attempts")).toBe("2");
    const e = await echo(res);
    expect([e.method, e.body, e.headers["x-meshedge-attempt"]]).toEqual(["POST", "payload-123", "2"]);
  });

  it("sends a body above MAX_RETRY_BODY_BYTES once and does not retry it", async () => {
    const key = seqKey();
    const big = "x".repeat(70_000);
    const res = await edge("server-error.retry.local", `/seq/${key}/500,echo`, { method: "POST", body: big });
    expect([res.status, res.headers.get("x-meshedge-attempts"), await seqCount(key)]).toEqual([500, "1", 1]);
  });

  it("streams a large body through intact", async () => {
    const big = "y".repeat(200_000);
    const res = await edge("server-error.retry.local", "/echo", { method: "PUT", body: big });
    expect((await echo(res)).body.length).toBe(200_000);
  });
});
