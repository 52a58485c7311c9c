import {
  AppMeshClient,
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
} from "@aws-sdk/client-app-mesh";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_KEY as KEY } from "../../support/credentials";
import { browserSuite, haveChromium, launchChromium } from "../support/chromium";
import { startWorker, type RunningWorker } from "../support/start-worker";

/** Legal App Mesh names that are also members of every plain object. */
const NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];
const MESH = "proto-ui";

let w: RunningWorker;
let browser: Browser;

const title = browserSuite("dashboard live view with prototype-member names");

describe.skipIf(!haveChromium)(title, () => {
  beforeAll(async () => {
    w = await startWorker();
    const am = new AppMeshClient({ endpoint: w.url, region: "us-east-1", credentials: KEY, maxAttempts: 1 });
    await am.send(new CreateMeshCommand({ meshName: MESH }));
    for (const n of NAMES) {
      await am.send(
        new CreateVirtualNodeCommand({
          meshName: MESH,
          virtualNodeName: n,
          spec: {
            listeners: [{ portMapping: { port: 9, protocol: "http" } }],
            serviceDiscovery: { dns: { hostname: "127.0.0.1" } },
          },
        }),
      );
    }
    await am.send(
      new CreateVirtualRouterCommand({
        meshName: MESH,
        virtualRouterName: "constructor",
        spec: { listeners: [{ portMapping: { port: 80, protocol: "http" } }] },
      }),
    );
    await am.send(
      new CreateRouteCommand({
        meshName: MESH,
        virtualRouterName: "constructor",
        routeName: "toString",
        spec: {
          httpRoute: {
            match: { prefix: "/" },
            action: { weightedTargets: NAMES.map((virtualNode) => ({ virtualNode, weight: 1 })) },
          },
        },
      }),
    );
    am.destroy();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await w?.stop();
  });

  it("polls live.json without error when no node has metrics yet (no lookup reaches Object.prototype)", async () => {
    const ctx = await browser.newContext({ httpCredentials: { username: KEY.accessKeyId, password: KEY.secretAccessKey } });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${w.url}/_meshedge/ui/meshes/${MESH}`);
    for (const n of NAMES) expect(await page.locator(`[data-rate="node:${n}"]`).count(), n).toBeGreaterThan(0);
    // The status line turns "live ok" after a render, or "live bad" with the error that stopped it.
    await page.waitForFunction(() => /\blive (ok|bad)\b/.test(document.getElementById("live-status")?.className ?? ""), undefined, {
      timeout: 10_000,
    });
    expect(await page.textContent("#live-status")).toMatch(/^live · /);
    expect(errors).toEqual([]);
    expect(await page.textContent('[data-rate="node:constructor"][data-field="rps"]')).toBe("–");
    expect(await page.locator('.bar[data-route="constructor/toString"] .seg').count()).toBe(NAMES.length);
    await ctx.close();
  }, 30_000);
});
