import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type RunningWorker } from "../support/start-worker";
import { edgeAnswers, edgeRequest } from "../support/edge-request";
import { startFaultUpstream, type FaultUpstream } from "./support/fault-upstream";
import { httpApi, localNodeSpec } from "./support/http-api";
import { rawHttp, statuses } from "./support/raw-http";

const HOST = "guarded.local";
let w: RunningWorker;
let up: FaultUpstream; // the mesh's only upstream
let victim: FaultUpstream; // a local server that is no upstream of any mesh
let runtimeOutput = "";

beforeAll(async () => {
  up = await startFaultUpstream();
  victim = await startFaultUpstream();
  w = await startWorker({ onRuntimeOutput: (t) => (runtimeOutput += t) });
  const { ok } = httpApi(w.url);
  const M = "/v20190125/meshes/guards";
  const node = (name: string, port: number) => ok("PUT", `${M}/virtualNodes`, { virtualNodeName: name, spec: localNodeSpec(port) });
  await ok("PUT", "/v20190125/meshes", { meshName: "guards", spec: {} });
  await node("up", up.port);
  await ok("PUT", `${M}/virtualServices`, { virtualServiceName: HOST, spec: { provider: { virtualNode: { virtualNodeName: "up" } } } });
  // A misconfiguration that loops: the service "localhost" is provided by a node that is the
  // edge's own data plane, and the edge's upstream fetch arrives with Host localhost again.
  await ok("PUT", `${M}/virtualNodes`, {
    virtualNodeName: "edge-itself",
    spec: {
      serviceDiscovery: { dns: { hostname: "localhost" } },
      listeners: [{ portMapping: { port: Number(new URL(w.url).port), protocol: "http" } }],
    },
  });
  await ok("PUT", `${M}/virtualServices`, {
    virtualServiceName: "localhost",
    spec: { provider: { virtualNode: { virtualNodeName: "edge-itself" } } },
  });
  // The same node aimed at the admin hostname: the admin plane proxies nothing, so no loop at all.
  await node("admin-itself", Number(new URL(w.url).port));
  await ok("PUT", `${M}/virtualServices`, {
    virtualServiceName: "admin-loop.local",
    spec: { provider: { virtualNode: { virtualNodeName: "admin-itself" } } },
  });
  // A route whose header regex is catastrophic for a backtracking engine.
  await ok("PUT", `${M}/virtualRouters`, {
    virtualRouterName: "rx",
    spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] },
  });
  await ok("PUT", `${M}/virtualRouter/rx/routes`, {
    routeName: "evil",
    spec: {
      httpRoute: {
        match: { prefix: "/", headers: [{ name: "x-evil", match: { regex: "(a+)+$" } }] },
        action: { weightedTargets: [{ virtualNode: "up", weight: 1 }] },
      },
    },
  });
  await ok("PUT", `${M}/virtualServices`, {
    virtualServiceName: "regex.local",
    spec: { provider: { virtualRouter: { virtualRouterName: "rx" } } },
  });
  expect(await edgeAnswers(w.url, HOST, "/ok/warmup")).toBe(200);
}, 120_000);

afterAll(async () => {
  await w?.stop();
  await up?.close();
  await victim?.close();
});

/**
 * workerd's own HTTP layer answers some malformed requests itself with a bare 500 "Internal
 * Server Error" (no Worker headers) before any Worker code runs; on Cloudflare the front line
 * refuses them earlier still. Either way nothing is forwarded, which is what these tests check.
 */
function refusedBeforeTheWorker(answer: string): boolean {
  return (
    /^HTTP\/1\.1 500 /.test(answer) && answer.endsWith("\r\n\r\nInternal Server Error") && !/x-meshedge|x-amzn|x-request-id/i.test(answer)
  );
}
const is4xx = (answer: string) => /^HTTP\/1\.1 4\d\d /.test(answer);

describe("data-plane guards over real HTTP", () => {
  it("matches (a+)+$ against a 100 kB header through the proxy, and refuses oversized patterns at the API", async () => {
    const long = "a".repeat(100 * 1024);
    const yes = await edgeRequest(w.url, "regex.local", "/ok/regex-yes", { "x-evil": long });
    expect([yes.status, yes.headers["x-meshedge-route"]]).toEqual([200, "evil"]);
    const no = await edgeRequest(w.url, "regex.local", "/ok/regex-no", { "x-evil": `${long}!` });
    expect([no.status, no.headers["x-meshedge-error"]]).toEqual([404, "no_route"]);
    expect(up.hits("/ok/regex-no")).toBe(0);
    const { api } = httpApi(w.url);
    const tooLong = await api("PUT", "/v20190125/meshes/guards/virtualRouter/rx/routes", {
      routeName: "too-long",
      spec: {
        httpRoute: {
          match: { prefix: "/", headers: [{ name: "x", match: { regex: "a".repeat(256) } }] },
          action: { weightedTargets: [{ virtualNode: "up", weight: 1 }] },
        },
      },
    });
    expect([tooLong.status, tooLong.errorType]).toEqual([400, "BadRequestException"]);
  });

  it("stops a request looping through the edge with 508 loop_detected", async () => {
    const a = await edgeRequest(w.url, "localhost", "/loop");
    expect([a.status, a.headers["x-meshedge-error"]]).toEqual([508, "loop_detected"]);
  });

  it("an upstream that is the admin hostname gets the API's 404, not a second trip through the edge", async () => {
    const a = await edgeRequest(w.url, "admin-loop.local", "/loop");
    expect([a.status, a.headers["x-amzn-errortype"], a.headers["x-meshedge-attempts"]]).toEqual([404, "NotFoundException", "1"]);
  });

  it("never fetches an authority named by an absolute-form target or forwarding headers", async () => {
    const v = `127.0.0.1:${victim.port}`;
    const answers = [
      await rawHttp(w.url, `GET http://${v}/ok/ssrf1 HTTP/1.1\r\nHost: ${v}\r\nConnection: close\r\n\r\n`),
      await rawHttp(w.url, `GET http://${v}/ok/ssrf2 HTTP/1.1\r\nHost: ${HOST}\r\nConnection: close\r\n\r\n`),
      await rawHttp(
        w.url,
        `GET /ok/ssrf3 HTTP/1.1\r\nHost: ${HOST}\r\nX-Forwarded-Host: ${v}\r\nX-Original-URL: http://${v}/\r\nX-Meshedge-Authority: ${v}\r\nConnection: close\r\n\r\n`,
      ),
      await rawHttp(w.url, `GET /ok/ssrf4 HTTP/1.1\r\nHost: ${HOST}@${v}\r\nConnection: close\r\n\r\n`),
    ];
    // The first two and the last never reach the Worker: workerd's HTTP layer refuses an
    // absolute-form target and a Host with userinfo (see refusedBeforeTheWorker).
    for (const a of [answers[0], answers[1], answers[3]]) expect(refusedBeforeTheWorker(a as string) || is4xx(a as string)).toBe(true);
    expect(statuses(answers[2] as string)).toEqual([200]); // served by the mesh's own upstream
    expect(runtimeOutput).toContain(`invalid URL; url = http://${v}/ok/ssrf1`);
    expect(victim.targets).toEqual([]);
  });

  it("refuses Content-Length with Transfer-Encoding (CL.TE smuggling) and forwards nothing smuggled", async () => {
    const before = up.targets.length;
    const smuggle =
      `POST /ok/front HTTP/1.1\r\nHost: ${HOST}\r\nContent-Length: 44\r\nTransfer-Encoding: chunked\r\n\r\n` +
      `0\r\n\r\nGET /ok/smuggled HTTP/1.1\r\nHost: ${HOST}\r\n\r\n`;
    const a = await rawHttp(w.url, smuggle);
    expect(statuses(a)[0]).toBe(400);
    expect(up.targets.slice(before).filter((t) => t.includes("smuggled"))).toEqual([]);
  });

  it("refuses two different Content-Length values, before the Worker runs", async () => {
    const a = await rawHttp(
      w.url,
      `POST /ok/dup HTTP/1.1\r\nHost: ${HOST}\r\nContent-Length: 3\r\nContent-Length: 4\r\nConnection: close\r\n\r\nabcd`,
    );
    expect(refusedBeforeTheWorker(a) || is4xx(a)).toBe(true);
    expect(up.hits("/ok/dup")).toBe(0);
  });

  it("never sends dot segments or encoded traversal upstream", { timeout: 30_000 }, async () => {
    const before = up.targets.length;
    for (const target of ["/../../ok/t1", "/x/%2e%2e/ok/t2", "/x/..%2f..%2fok/t3", "/%2e%2e/%2e%2e/ok/t4", "/ok/./t5", "/x//..//ok/t6"]) {
      const a = await rawHttp(w.url, `GET ${target} HTTP/1.1\r\nHost: ${HOST}\r\nConnection: close\r\n\r\n`);
      const [status] = statuses(a);
      // Either normalized and served (200) or refused as a bad path (400); never a traversal upstream.
      expect([200, 400], `${target} -> ${status}`).toContain(status);
    }
    const sent = up.targets.slice(before);
    for (const t of sent) expect(t).not.toMatch(/(^|\/)\.\.?(\/|$)|%2e/i);
    // An encoded slash stays encoded, inside one segment (Envoy's default, KEEP_UNCHANGED):
    // it is not a separator here, and SECURITY.md warns about upstreams that decode it.
    expect(sent).toContain("/x/..%2F..%2Fok/t3");
  });
});
