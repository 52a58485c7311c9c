import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createMesh, createNode, createService, echo, edge, reload, seqCount, seqKey, upstreamPort } from "./support/mesh";

const M = "px-guard";

beforeAll(async () => {
  await createMesh(M);
  await createNode(M, "node-a", "a");
  await createService(M, "guarded.local", { node: "node-a" });
  reload(M);
});

describe("loop guard", () => {
  it("counts hops upstream", async () => {
    const e = await echo(await edge("guarded.local", "/", { headers: { "x-meshedge-hops": "3" } }));
    expect(e.headers["x-meshedge-hops"]).toBe("4");
  });

  it("refuses a request that already crossed the edge MAX_HOPS times with 508", async () => {
    const res = await edge("guarded.local", "/", { headers: { "x-meshedge-hops": "5" } });
    expect([res.status, res.headers.get("x-meshedge-error")]).toEqual([508, "loop_detected"]);
  });
});

describe("no open proxy", () => {
  it("never fetches the authority of the request URL", async () => {
    const k = seqKey();
    // The URL names a real upstream, but it is no virtual service: nothing may reach it.
    const res = await exports.default.fetch(new Request(`http://127.0.0.1:${upstreamPort("b")}/seq/${k}/200`));
    expect([res.status, res.headers.get("x-meshedge-error")]).toEqual([404, "no_route"]);
    expect(await seqCount(k)).toBe(0);
  });

  it("sends a virtual service's traffic only to its node, whatever the URL's authority", async () => {
    const k = seqKey();
    const res = await exports.default.fetch(
      new Request(`http://127.0.0.1:${upstreamPort("b")}/seq/${k}/echo`, { headers: { host: "guarded.local" } }),
    );
    expect((await echo(res)).server).toBe("a");
  });
});

describe("request framing", () => {
  it("refuses Content-Length together with Transfer-Encoding", async () => {
    const res = await edge("guarded.local", "/", {
      method: "POST",
      body: "hello",
      headers: { "content-length": "5", "transfer-encoding": "chunked" },
    });
    expect([res.status, res.headers.get("x-meshedge-error")]).toEqual([400, "ambiguous_framing"]);
  });

  it("refuses several Content-Length values", async () => {
    const h = new Headers();
    h.append("content-length", "5");
    h.append("content-length", "6");
    const res = await edge("guarded.local", "/", { method: "POST", body: "hello", headers: h });
    expect([res.status, res.headers.get("x-meshedge-error")]).toEqual([400, "ambiguous_framing"]);
  });
});
