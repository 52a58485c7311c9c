import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import { join, resolve } from "node:path";
import {
  AppMeshClient,
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  UpdateRouteCommand,
} from "@aws-sdk/client-app-mesh";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_KEY as KEY } from "../../support/credentials";
import { browserSuite, haveChromium, launchChromium } from "../support/chromium";
import { edgeRequest } from "../support/edge-request";
import { statusUpstream } from "../support/status-upstream";
import { startWorker, type RunningWorker } from "../support/start-worker";

// Screenshots land here (git-ignored) so a person can look at them after a run.
const SHOTS = resolve(import.meta.dirname, "../../../bench/results/ui");
const MESH = "shop";

let w: RunningWorker;
let browser: Browser;
const servers: Server[] = [];
let ports: number[] = [];

async function seed(endpoint: string, ports: number[]): Promise<AppMeshClient> {
  const am = new AppMeshClient({ endpoint, region: "us-east-1", credentials: KEY, maxAttempts: 1 });
  const meshName = MESH;
  await am.send(new CreateMeshCommand({ meshName }));
  for (const [i, n] of ["web-v1", "web-v2", "web-v3"].entries()) {
    const port = ports[i];
    await am.send(
      new CreateVirtualNodeCommand({
        meshName,
        virtualNodeName: n,
        spec: {
          listeners: [{ portMapping: { port, protocol: "http" } }],
          serviceDiscovery: { dns: { hostname: "127.0.0.1" } },
        },
      }),
    );
  }
  await am.send(
    new CreateVirtualRouterCommand({
      meshName,
      virtualRouterName: "web",
      spec: { listeners: [{ portMapping: { port: 80, protocol: "http" } }] },
    }),
  );
  await am.send(
    new CreateRouteCommand({
      meshName,
      virtualRouterName: "web",
      routeName: "default",
      spec: {
        httpRoute: {
          match: { prefix: "/" },
          action: {
            weightedTargets: [
              { virtualNode: "web-v1", weight: 70 },
              { virtualNode: "web-v2", weight: 20 },
              { virtualNode: "web-v3", weight: 10 },
            ],
          },
        },
      },
    }),
  );
  await am.send(
    new CreateRouteCommand({
      meshName,
      virtualRouterName: "web",
      routeName: "beta-header",
      spec: {
        priority: 10,
        httpRoute: {
          match: { prefix: "/", headers: [{ name: "x-beta", match: { exact: "1" } }] },
          action: { weightedTargets: [{ virtualNode: "web-v2", weight: 1 }] },
        },
      },
    }),
  );
  await am.send(
    new CreateVirtualServiceCommand({
      meshName,
      virtualServiceName: "web.local",
      spec: { provider: { virtualRouter: { virtualRouterName: "web" } } },
    }),
  );
  return am;
}

/** Segment widths of one route's split bar, as the browser laid them out (percent of the bar). */
async function splitOf(page: Page, routeKey: string): Promise<Record<string, number>> {
  return page.$$eval(`.bar[data-route="${routeKey}"] .seg`, (segs) => {
    const out: Record<string, number> = {};
    for (const s of segs) {
      const bar = (s.parentElement as HTMLElement).getBoundingClientRect().width;
      out[s.getAttribute("data-node") ?? "?"] = Math.round((s.getBoundingClientRect().width / bar) * 100);
    }
    return out;
  });
}

const title = browserSuite("dashboard in headless Chromium");

describe.skipIf(!haveChromium)(title, () => {
  let am: AppMeshClient;
  beforeAll(async () => {
    // web-v3 answers 500 (not retried by App Mesh's default policy), so its success rate shows red.
    ports = [await statusUpstream(200, servers), await statusUpstream(200, servers), await statusUpstream(500, servers)];
    // Flush edge metrics to the mesh object every 200 ms so the rates appear within the test.
    w = await startWorker({ vars: { METRICS_FLUSH_MS: "200" } });
    am = await seed(w.url, ports);
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    am?.destroy();
    await browser?.close();
    await w?.stop();
    for (const srv of servers) srv.close();
  });

  it("asks a browser without credentials to log in", async () => {
    const ctx = await browser.newContext();
    const res = await ctx.request.get(`${w.url}/_meshedge/ui`);
    expect(res.status()).toBe(401);
    expect(res.headers()["www-authenticate"]).toMatch(/^Basic /);
    await ctx.close();
  });

  it("lists the mesh, then draws its routes with split bars that follow weight changes, on a laptop and a phone", async () => {
    for (const [label, viewport] of [
      ["laptop", { width: 1280, height: 800 }],
      ["phone", { width: 390, height: 844 }],
    ] as const) {
      const ctx = await browser.newContext({ viewport, httpCredentials: { username: KEY.accessKeyId, password: KEY.secretAccessKey } });
      const page = await ctx.newPage();
      await page.goto(`${w.url}/_meshedge/ui`);
      await page.screenshot({ path: join(SHOTS, `meshes-${label}.png`) });
      await page.click(`text=${MESH}`);
      await page.waitForURL(`**/_meshedge/ui/meshes/${MESH}`);
      expect(await page.textContent("#mesh-name")).toBe(MESH);
      // Evaluation order: the route with a priority comes first.
      expect(await page.$$eval("tr[data-route-row]", (rows) => rows.map((r) => r.getAttribute("data-route-row")))).toEqual([
        "web/beta-header",
        "web/default",
      ]);
      expect(await splitOf(page, "web/default")).toEqual({ "web-v1": 70, "web-v2": 20, "web-v3": 10 });
      expect(await splitOf(page, "web/beta-header")).toEqual({ "web-v2": 100 });
      expect(await page.textContent("#services")).toContain("web.local");
      expect(await page.textContent("#nodes")).toContain(`127.0.0.1:${ports[2]}`);
      // The inline script polls live.json; its status line says it is connected.
      await page.waitForFunction(() => document.getElementById("live-status")?.className.includes("ok"), undefined, { timeout: 10_000 });
      if (label === "laptop") {
        // Live traffic through the edge: the route's and nodes' rates fill in without a reload.
        for (let i = 0; i < 60; i++) await edgeRequest(w.url, "web.local", "/");
        const cell = (id: string, field: string) => `[data-rate="${id}"][data-field="${field}"]`;
        await page.waitForFunction((sel) => /\d/.test(document.querySelector(sel)?.textContent ?? ""), cell("route:web/default", "rps"), {
          timeout: 15_000,
        });
        expect(Number(await page.textContent(cell("route:web/default", "rps")))).toBeGreaterThan(0);
        await page.waitForFunction((sel) => /%/.test(document.querySelector(sel)?.textContent ?? ""), cell("node:web-v3", "success"), {
          timeout: 15_000,
        });
        expect(await page.textContent(cell("node:web-v3", "success"))).toBe("0.0%");
        expect(await page.getAttribute(cell("node:web-v3", "success"), "class")).toContain("bad");
        expect(await page.textContent(cell("node:web-v1", "success"))).toBe("100.0%");
      }
      // No horizontal scrolling on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
      await page.screenshot({ path: join(SHOTS, `dashboard-${label}.png`), fullPage: true });
      await ctx.close();
    }
  }, 60_000);

  it("moves the split bar without a reload when the route's weights change", async () => {
    const ctx = await browser.newContext({ httpCredentials: { username: KEY.accessKeyId, password: KEY.secretAccessKey } });
    const page = await ctx.newPage();
    await page.goto(`${w.url}/_meshedge/ui/meshes/${MESH}`);
    // A reload would start a fresh window without this mark.
    await page.evaluate(() => {
      (window as { __mark?: number }).__mark = 1;
    });
    await am.send(
      new UpdateRouteCommand({
        meshName: MESH,
        virtualRouterName: "web",
        routeName: "default",
        spec: {
          httpRoute: {
            match: { prefix: "/" },
            action: {
              weightedTargets: [
                { virtualNode: "web-v1", weight: 50 },
                { virtualNode: "web-v2", weight: 50 },
              ],
            },
          },
        },
      }),
    );
    await page.waitForFunction(() => document.querySelectorAll('.bar[data-route="web/default"] .seg').length === 2, undefined, {
      timeout: 10_000,
    });
    await page.waitForTimeout(800); // the width transition is 0.6 s
    expect(await splitOf(page, "web/default")).toEqual({ "web-v1": 50, "web-v2": 50 });
    expect(await page.textContent('[data-route-version="web/default"]')).toBe("2");
    expect(await page.evaluate(() => (window as { __mark?: number }).__mark)).toBe(1);
    await ctx.close();
  }, 30_000);

  it("shows a rollout's progress once one runs on a route", async () => {
    const ctx = await browser.newContext({ httpCredentials: { username: KEY.accessKeyId, password: KEY.secretAccessKey } });
    const page = await ctx.newPage();
    await page.goto(`${w.url}/_meshedge/ui/meshes/${MESH}`);
    expect(await page.isHidden("#rollouts")).toBe(true);
    const res = await fetch(`${w.url}/_meshedge/v1/meshes/${MESH}/rollouts`, {
      method: "PUT",
      headers: {
        authorization: `Basic ${Buffer.from(`${KEY.accessKeyId}:${KEY.secretAccessKey}`).toString("base64")}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({
        rolloutName: "v2-canary",
        spec: {
          virtualRouterName: "web",
          routeName: "default",
          primaryVirtualNode: "web-v1",
          canaryVirtualNode: "web-v2",
          stepWeight: 25,
          maxWeight: 75,
          interval: { unit: "s", value: 600 },
          analysis: { minSuccessRate: 99, maxP99LatencyMs: 500, failedChecksThreshold: 2 },
        },
      }),
    });
    expect(res.status, await res.text()).toBe(200);
    await page.waitForSelector('[data-rollout="v2-canary"]', { timeout: 10_000 });
    expect(await page.textContent('[data-rollout="v2-canary"]')).toMatch(/PROGRESSING.*web-v1 → web-v2 · canary 25%, promoted after 75%/);
    // The rollout moved the route's weights too, and the split bar follows.
    await page.waitForFunction(
      () => document.querySelector('.bar[data-route="web/default"] .seg[data-node="web-v2"]')?.textContent === "25%",
      undefined,
      { timeout: 10_000 },
    );
    await page.waitForTimeout(800);
    expect(await splitOf(page, "web/default")).toEqual({ "web-v1": 75, "web-v2": 25 });
    await page.screenshot({ path: join(SHOTS, "dashboard-rollout.png"), fullPage: true });
    await ctx.close();
  }, 30_000);
});
