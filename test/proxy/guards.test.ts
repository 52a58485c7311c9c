import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createMesh, createNode, createService, echo, edge, reload, seqCount, seqKey, upstreamPort } from "./support/mesh";
import { DEV_KEY } from "../support/credentials";

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

describe("headers a client may not send upstream", () => {
  it("drops edge-owned headers a client sent (a fake mirror mark, route or node names)", async () => {
    const sent = {
      "x-meshedge-mirror": "1",
      "x-meshedge-route": "r",
      "x-meshedge-virtual-node": "n",
      "x-meshedge-attempts": "9",
      "x-meshedge-error": "e",
      "x-meshedge-authority": "evil",
      "x-meshedge-attempt": "7",
    };
    const e = await echo(await edge("guarded.local", "/", { headers: sent }));
    const got = Object.fromEntries(Object.keys(sent).map((k) => [k, e.headers[k] ?? null]));
    expect(got).toEqual({
      "x-meshedge-mirror": null,
      "x-meshedge-route": null,
      "x-meshedge-virtual-node": null,
      "x-meshedge-attempts": null,
      "x-meshedge-error": null,
      // Set by the edge itself on every attempt.
      "x-meshedge-authority": "guarded.local",
      "x-meshedge-attempt": "1",
    });
  });

  it("never forwards one of the deployment's own access keys; an application's Authorization passes", async () => {
    const basic = `Basic ${btoa(`${DEV_KEY.accessKeyId}:${DEV_KEY.secretAccessKey}`)}`;
    const sigv4 = `AWS4-HMAC-SHA256 Credential=${DEV_KEY.accessKeyId}/20261129/us-east-1/appmesh/aws4_request, SignedHeaders=host, Signature=00`;
    for (const authorization of [basic, sigv4, basic.replace("Basic", "basic")]) {
      const e = await echo(await edge("guarded.local", "/", { headers: { authorization } }));
      expect(e.headers["authorization"] ?? null, authorization).toBeNull();
    }
    const app = `Basic ${btoa("alice:wonderland")}`;
    for (const authorization of [app, "Bearer abc.def.ghi"]) {
      expect((await echo(await edge("guarded.local", "/", { headers: { authorization } }))).headers["authorization"]).toBe(authorization);
    }
  });
});
