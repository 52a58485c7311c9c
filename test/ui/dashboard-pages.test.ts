import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEV_KEY, ORIGIN } from "../security/support/sign";
import { call, ok } from "../support/signed-fetch";

const BASIC = "Basic " + btoa(`${DEV_KEY.accessKeyId}:${DEV_KEY.secretAccessKey}`);
const MESH = "ui-pages";
// A route name a browser would run if the dashboard did not escape it.
const HOSTILE = "x<img src=x onerror=alert(1)>";

function page(path: string, auth = true): Promise<Response> {
  return exports.default.fetch(
    new Request(`${ORIGIN}/_meshedge/ui${path}`, { redirect: "manual", ...(auth ? { headers: { authorization: BASIC } } : {}) }),
  );
}

beforeAll(async () => {
  await ok("PUT", "/v20190125/meshes", { meshName: MESH });
  for (const [n, port] of [
    ["a", 7001],
    ["b", 7002],
  ] as const) {
    await ok("PUT", `/v20190125/meshes/${MESH}/virtualNodes`, {
      virtualNodeName: n,
      spec: {
        listeners: [{ portMapping: { port, protocol: "http" } }],
        serviceDiscovery: { dns: { hostname: "127.0.0.1" } },
      },
    });
  }
  await ok("PUT", `/v20190125/meshes/${MESH}/virtualRouters`, {
    virtualRouterName: "r",
    spec: { listeners: [{ portMapping: { port: 80, protocol: "http" } }] },
  });
  await ok("PUT", `/v20190125/meshes/${MESH}/virtualRouter/r/routes`, {
    routeName: "split",
    spec: {
      httpRoute: {
        match: { prefix: "/" },
        action: {
          weightedTargets: [
            { virtualNode: "a", weight: 3 },
            { virtualNode: "b", weight: 1 },
          ],
        },
      },
    },
  });
});

describe("dashboard pages", () => {
  it("are behind the admin guard", async () => {
    expect((await page("", false)).status).toBe(401);
    expect((await page(`/meshes/${MESH}/live.json`, false)).status).toBe(401);
  });

  it("list the meshes the registry knows", async () => {
    const res = await page("");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.text()).toContain(`href="/_meshedge/ui/meshes/${MESH}"`);
  });

  it("send /_meshedge/ui/ to /_meshedge/ui", async () => {
    const res = await page("/");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/_meshedge/ui");
  });

  it("draw each route's weighted targets as a split bar with relative weights as percentages", async () => {
    const html = await (await page(`/meshes/${MESH}`)).text();
    expect(html).toContain('data-route="r/split"');
    // Widths are classes whose rules the page's own (nonce'd) stylesheet defines.
    expect(html).toMatch(/class="seg w750 c0" data-node="a"/);
    expect(html).toMatch(/class="seg w250 c1" data-node="b"/);
    expect(html).toContain(".w750{width:75%}");
    expect(html).toContain(".w250{width:25%}");
    expect(html).toContain("127.0.0.1:7001");
    // A route without retryPolicy still retries: App Mesh's default applies, and the page says so.
    expect(html).toContain("retry <b>App Mesh default (2× on 503 / unavailable / connect failure)</b>");
  });

  it("carry a strict CSP: the page's one script and stylesheet run by this answer's nonce, no inline style attribute, nothing else loads", async () => {
    const res = await page(`/meshes/${MESH}`);
    const csp = res.headers.get("content-security-policy") ?? "";
    const html = await res.text();
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/=_-]{16,}$/);
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toContain(`script-src 'nonce-${nonce}'`);
    expect(csp).toContain(`style-src 'nonce-${nonce}'`);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect([...html.matchAll(/<script nonce="([^"]+)">/g)].map((m) => m[1])).toEqual([nonce]);
    expect([...html.matchAll(/<style nonce="([^"]+)">/g)].map((m) => m[1])).toEqual([nonce]);
    expect(html).not.toMatch(/<script(?! nonce=)|\sstyle="/);
    // A new nonce on every answer.
    const again = (await page(`/meshes/${MESH}`)).headers.get("content-security-policy");
    expect(again).not.toBe(csp);
  });

  it("send HSTS on https only", async () => {
    const https = await page(`/meshes/${MESH}`);
    expect(https.headers.get("strict-transport-security")).toBe("max-age=31536000");
    const http = await exports.default.fetch(
      new Request(`${ORIGIN.replace("https:", "http:")}/_meshedge/ui`, { headers: { authorization: BASIC } }),
    );
    expect([http.status, http.headers.get("strict-transport-security")]).toEqual([200, null]);
  });

  it("serve live.json with the current weights, and follow UpdateRoute", async () => {
    const before = (await (await page(`/meshes/${MESH}/live.json`)).json()) as {
      routes: Record<string, { targets: { percent: number }[] }>;
    };
    expect(before.routes["r/split"]?.targets.map((t) => t.percent)).toEqual([75, 25]);
    await ok("PUT", `/v20190125/meshes/${MESH}/virtualRouter/r/routes/split`, {
      spec: {
        httpRoute: {
          match: { prefix: "/" },
          action: {
            weightedTargets: [
              { virtualNode: "a", weight: 1 },
              { virtualNode: "b", weight: 1 },
            ],
          },
        },
      },
    });
    const after = (await (await page(`/meshes/${MESH}/live.json`)).json()) as typeof before;
    expect(after.routes["r/split"]?.targets.map((t) => t.percent)).toEqual([50, 50]);
  });

  it("show a running rollout with its canary weight, and the route's split it moved", async () => {
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/_meshedge/v1/meshes/${MESH}/rollouts`, {
        method: "PUT",
        headers: { authorization: BASIC, "content-type": "application/json" },
        body: JSON.stringify({
          rolloutName: "canary-b",
          spec: {
            virtualRouterName: "r",
            routeName: "split",
            primaryVirtualNode: "a",
            canaryVirtualNode: "b",
            stepWeight: 10,
            maxWeight: 50,
            interval: { unit: "s", value: 60 },
            analysis: { minSuccessRate: 99, maxP99LatencyMs: 500, failedChecksThreshold: 2 },
          },
        }),
      }),
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const live = (await (await page(`/meshes/${MESH}/live.json`)).json()) as {
      rollouts: { name: string; route: string; state: string; primary: string; canary: string; canaryWeight: number; maxWeight: number }[];
      routes: Record<string, { targets: { virtualNode: string; percent: number }[] }>;
    };
    expect(live.rollouts).toEqual([
      {
        name: "canary-b",
        route: "r/split",
        state: "PROGRESSING",
        primary: "a",
        canary: "b",
        canaryWeight: 10,
        maxWeight: 50,
        startedAt: expect.any(Number),
        finishedAt: null,
        message: "canary b at 10%",
      },
    ]);
    // The rollout's own page: its route's charts and its full history, server-rendered.
    const rolloutPage = await page(`/meshes/${MESH}/rollouts/canary-b`);
    expect(rolloutPage.status).toBe(200);
    const html = await rolloutPage.text();
    expect(html).toContain('<tr data-event="STARTED" data-kind="step">');
    expect(html).toMatch(/<figure class="chart" data-metric="rate">/);
    expect(html).not.toMatch(/ style=/);
    expect((await page(`/meshes/${MESH}/rollouts/nope`)).status).toBe(404);
    expect(live.routes["r/split"]?.targets.map((t) => [t.virtualNode, t.percent])).toEqual([
      ["a", 90],
      ["b", 10],
    ]);
  });

  it("escape names instead of rendering them as markup", async () => {
    const created = await call("PUT", `/v20190125/meshes/${MESH}/virtualRouter/r/routes`, {
      routeName: HOSTILE,
      spec: {
        priority: 1,
        httpRoute: {
          match: { prefix: "/x" },
          action: { weightedTargets: [{ virtualNode: "a", weight: 1 }] },
        },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200); // the model's ResourceName allows any 1-255 characters
    const html = await (await page(`/meshes/${MESH}`)).text();
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("x&lt;img src=x onerror=alert(1)&gt;");
  });

  it("answer 404 for a mesh that does not exist, as a page and as JSON", async () => {
    const html = await page("/meshes/no-such-mesh");
    expect(html.status).toBe(404);
    // One message, not also "No meshes yet" (which would be false).
    const text = await html.text();
    expect([text.includes("Mesh no-such-mesh does not exist."), text.includes("No meshes yet")]).toEqual([true, false]);
    const live = await page("/meshes/no-such-mesh/live.json");
    expect(live.status).toBe(404);
    expect(live.headers.get("x-amzn-errortype")).toBe("NotFoundException");
  });

  it("answer a browser's refused sign-in with a page, an API client's with App Mesh's JSON, and the favicon with 204", async () => {
    const wrong = "Basic " + btoa(`${DEV_KEY.accessKeyId}:wrong-secret-0000000000`);
    const nav = await exports.default.fetch(
      new Request(`${ORIGIN}/_meshedge/ui`, { headers: { authorization: wrong, "sec-fetch-mode": "navigate" } }),
    );
    expect([nav.status, nav.headers.get("content-type"), nav.headers.get("www-authenticate")]).toEqual([
      401,
      "text/html; charset=utf-8",
      expect.stringMatching(/^Basic /),
    ]);
    expect(await nav.text()).toContain("Reload the page to sign in again");
    const api = await exports.default.fetch(new Request(`${ORIGIN}/_meshedge/ui`, { headers: { authorization: wrong } }));
    expect([api.status, api.headers.get("x-amzn-errortype"), ((await api.json()) as { message: string }).message]).toEqual([
      401,
      "ForbiddenException",
      expect.any(String),
    ]);
    const icon = await exports.default.fetch(`${ORIGIN}/favicon.ico`);
    expect(icon.status).toBe(204);
  });
});
