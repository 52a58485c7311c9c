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
const MESH = "canary";
const BASIC = `Basic ${Buffer.from(`${KEY.accessKeyId}:${KEY.secretAccessKey}`).toString("base64")}`;

let w: RunningWorker;
let browser: Browser;
const servers: Server[] = [];
/** What the canary upstream answers; the test turns it to 500 for one check. */
let canaryStatus = 200;

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${w.url}/_meshedge/v1/meshes/${MESH}${path}`, {
    method,
    headers: { authorization: BASIC, "content-type": "application/json" },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

type History = { event: string }[];
const history = async () => (await api<{ rollout: { history: History; status: { status: string } } }>("GET", "/rollouts/v2")).rollout;

/** Sends traffic (20 requests at a time) until the rollout's history has `event`, for at most ~30 s. */
async function trafficUntil(event: string, traffic: boolean): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if ((await history()).history.some((h) => h.event === event)) return;
    if (traffic) await Promise.all(Array.from({ length: 20 }, () => edgeRequest(w.url, "web.local", "/")));
    else await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${event} in the rollout's history`);
}

async function seed(ports: number[]): Promise<void> {
  const am = new AppMeshClient({ endpoint: w.url, region: "us-east-1", credentials: KEY, maxAttempts: 1 });
  const meshName = MESH;
  await am.send(new CreateMeshCommand({ meshName }));
  for (const [i, n] of ["web-v1", "web-v2"].entries()) {
    await am.send(
      new CreateVirtualNodeCommand({
        meshName,
        virtualNodeName: n,
        spec: { listeners: [{ portMapping: { port: ports[i], protocol: "http" } }], serviceDiscovery: { dns: { hostname: "127.0.0.1" } } },
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
          action: { weightedTargets: [{ virtualNode: "web-v1", weight: 1 }] },
          // Retries on gateway errors only: the canary's 500s reach the analysis as they are.
          retryPolicy: { maxRetries: 2, perRetryTimeout: { unit: "ms", value: 500 }, httpRetryEvents: ["gateway-error"] },
          timeout: { perRequest: { unit: "s", value: 5 } },
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
  am.destroy();
}

/** Content-Security-Policy refusals the page reports (inline style or script the policy blocks). */
function cspRefusals(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

const title = browserSuite("rollout charts in headless Chromium");

describe.skipIf(!haveChromium)(title, () => {
  beforeAll(async () => {
    const ports = [await statusUpstream(200, servers), await statusUpstream(() => canaryStatus, servers)];
    // 200 ms flushes and 2 s buckets over 2 minutes: a canary's whole run fits in one test.
    w = await startWorker({ vars: { METRICS_FLUSH_MS: "200", METRICS_BUCKET_SECONDS: "2", METRICS_RETENTION_SECONDS: "120" } });
    await seed(ports);
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
    await api("PATCH", "/virtualRouter/web/routes/default/policy", { splitKey: { header: "x-user" } });
    // A canary with 1 s checks: the first with no traffic (skipped), one while the canary answers
    // 500 (failed), then passing checks step it up to 75% and promote it.
    await api("PUT", "/rollouts", {
      rolloutName: "v2",
      spec: {
        virtualRouterName: "web",
        routeName: "default",
        primaryVirtualNode: "web-v1",
        canaryVirtualNode: "web-v2",
        stepWeight: 25,
        maxWeight: 75,
        interval: { unit: "s", value: 1 },
        analysis: { minSuccessRate: 95, maxP99LatencyMs: 2000, failedChecksThreshold: 3, minRequests: 5 },
      },
    });
    await trafficUntil("CHECK_SKIPPED", false);
    canaryStatus = 500;
    await trafficUntil("CHECK_FAILED", true);
    canaryStatus = 200;
    await trafficUntil("PROMOTED", true);
    // Traffic at 100% canary for a moment, and the last flush in.
    for (let i = 0; i < 5; i++) await Promise.all(Array.from({ length: 20 }, () => edgeRequest(w.url, "web.local", "/")));
    await new Promise((r) => setTimeout(r, 600));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await w?.stop();
    for (const srv of servers) srv.close();
  });

  it("draws each target's rate, success and p99 from real traffic, with the rollout's steps and checks on the time axis", async () => {
    for (const [label, viewport] of [
      ["laptop", { width: 1280, height: 900 }],
      ["phone", { width: 390, height: 844 }],
    ] as const) {
      const ctx = await browser.newContext({ viewport, httpCredentials: { username: KEY.accessKeyId, password: KEY.secretAccessKey } });
      const page = await ctx.newPage();
      const refused = cspRefusals(page);
      await page.goto(`${w.url}/_meshedge/ui/meshes/${MESH}`);
      const box = '[data-route-charts="web/default"]';
      expect(await page.$$eval(`${box} figure.chart`, (f) => f.map((x) => x.getAttribute("data-metric")))).toEqual([
        "rate",
        "success",
        "p99",
      ]);
      for (const metric of ["rate", "success", "p99"]) {
        const fig = `${box} figure[data-metric="${metric}"]`;
        // Primary and canary side by side on the same axes, each a line over several buckets.
        for (const node of ["web-v1", "web-v2"]) {
          const d = await page.getAttribute(`${fig} path.series[data-series="${node}"]`, "d");
          expect((d ?? "").split("L").length, `${metric} ${node}`).toBeGreaterThan(2);
        }
        expect(await page.textContent(`${fig} figcaption`)).toMatch(/web-v1 \(primary\).*web-v2 \(canary\)/);
        // Every kind of mark is on the time axis, inside the plot.
        const marks = await page.$$eval(`${fig} g.marker`, (gs) => {
          return gs.map((g) => {
            const r = g.getBoundingClientRect();
            const svg = (g.closest("svg") as SVGSVGElement).getBoundingClientRect();
            return {
              kind: g.getAttribute("data-kind"),
              event: g.getAttribute("data-event"),
              inside: r.left >= svg.left && r.right <= svg.right,
            };
          });
        });
        expect(new Set(marks.map((m) => m.kind))).toEqual(new Set(["step", "skipped", "failed", "passed"]));
        expect(marks.every((m) => m.inside)).toBe(true);
      }
      // The marks say what each check saw.
      const failed = await page.textContent(`${box} figure[data-metric="rate"] g.marker[data-event="CHECK_FAILED"] title`);
      expect(failed).toMatch(
        /CHECK_FAILED canary 25% · \d+ canary requests, success \d+(\.\d+)?%, p99 [\d.]+ ms: check failed \(1\/3\): success rate/,
      );
      expect(await page.textContent(`${box} ol.events`)).toMatch(/CHECK_SKIPPED canary 25% · 0 canary requests/);
      // The success chart's canary line dips: its lowest point is below the primary's.
      const lowest = (node: string) =>
        page.$eval(
          `${box} figure[data-metric="success"] path.series[data-series="${node}"]`,
          (p) => (p as SVGPathElement).getBBox().y + (p as SVGPathElement).getBBox().height,
        );
      expect(await lowest("web-v2")).toBeGreaterThan(await lowest("web-v1"));
      // The route's settings where the route is shown.
      expect(await page.textContent('[data-route-settings="web/default"]')).toMatch(
        /retry 2×, 500 ms each on gateway-error.*timeout 5 s per request.*sticky header x-user.*mirror off/,
      );
      // The finished rollout with its times and outcome, linking to its page.
      await page.waitForSelector('[data-rollout="v2"] .times', { timeout: 10_000 });
      expect(await page.textContent('[data-rollout="v2"] .times')).toMatch(
        /^started \d\d:\d\d:\d\d UTC · ended \d\d:\d\d:\d\d UTC · canary web-v2 promoted to 100%$/,
      );
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
      await page.screenshot({ path: join(SHOTS, `charts-${label}.png`), fullPage: true });

      await page.click('[data-rollout="v2"] a');
      await page.waitForURL("**/rollouts/v2");
      const events = await page.$$eval("#history tr[data-event]", (rows) => rows.map((r) => r.getAttribute("data-event")));
      expect(events[0]).toBe("STARTED");
      expect(events).toContain("CHECK_SKIPPED");
      expect(events).toContain("CHECK_FAILED");
      expect(events.at(-1)).toBe("PROMOTED");
      expect(await page.textContent('[data-time="finished"]')).toMatch(/ UTC$/);
      // Its charts mark each of its failed checks once per chart.
      const failedChecks = events.filter((e) => e === "CHECK_FAILED").length;
      expect(await page.$$eval('[data-route-charts] figure[data-metric="rate"] g.marker[data-kind="failed"]', (m) => m.length)).toBe(
        failedChecks,
      );
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
      await page.screenshot({ path: join(SHOTS, `rollout-${label}.png`), fullPage: true });
      expect(refused).toEqual([]);
      await ctx.close();
    }
  }, 60_000);

  it("redraws the charts without a reload as traffic goes on", async () => {
    const ctx = await browser.newContext({ httpCredentials: { username: KEY.accessKeyId, password: KEY.secretAccessKey } });
    const page = await ctx.newPage();
    const refused = cspRefusals(page);
    await page.goto(`${w.url}/_meshedge/ui/meshes/${MESH}`);
    await page.evaluate(() => {
      (window as { __mark?: number }).__mark = 1;
    });
    const box = '[data-route-charts="web/default"]';
    const drawnTo = Number(await page.getAttribute(box, "data-to"));
    for (let i = 0; i < 3; i++) await Promise.all(Array.from({ length: 20 }, () => edgeRequest(w.url, "web.local", "/")));
    // Every fifth poll of 2 s fetches the charts again: a later end of the time axis, same page.
    await page.waitForFunction(
      ([sel, to]) => Number(document.querySelector(sel as string)?.getAttribute("data-to")) > (to as number),
      [box, drawnTo],
      {
        timeout: 20_000,
      },
    );
    expect(await page.$$eval(`${box} figure.chart`, (f) => f.length)).toBe(3);
    expect(await page.$$eval(`${box} figure[data-metric="rate"] g.marker`, (m) => m.length)).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as { __mark?: number }).__mark)).toBe(1);
    expect(refused).toEqual([]);
    await ctx.close();
  }, 40_000);
});
