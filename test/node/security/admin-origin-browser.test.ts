import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_KEY } from "../../support/credentials";
import { browserSuite, haveChromium, launchChromium } from "../support/chromium";
import { startWorker, type RunningWorker } from "../support/start-worker";
import { edgeAnswers } from "../support/edge-request";
import { httpApi, localNodeSpec } from "./support/http-api";

// Issue 11, item 1, in a real browser: an operator logged in to the dashboard (Basic, on the
// admin origin 127.0.0.1:PORT) visits an application served through the edge (data-plane
// origin localhost:PORT). The application must get neither the operator's credentials nor a
// way to call the admin API as the operator.
const MESH = "browser-origins";
const POLICY = `/_meshedge/v1/meshes/${MESH}/virtualRouter/r/routes/main/policy`;

let w: RunningWorker;
let app: Server;
let browser: Browser;
/** Every request the application received: path and headers. */
const seen: { path: string; headers: IncomingHttpHeaders }[] = [];

/** The hostile application: asks for Basic credentials, and serves a page that tries the admin API. */
function appPage(adminUrl: string): string {
  const mirror = JSON.stringify({ mirror: { virtualNode: "app", percent: 100 } });
  return `<!doctype html><script>
    window.results = {};
    const body = ${JSON.stringify(mirror)};
    const same = fetch(${JSON.stringify(POLICY)}, { method: "PUT", body, headers: { "content-type": "application/json" } })
      .then((r) => (results.sameOrigin = r.status), (e) => (results.sameOrigin = "error " + e.message));
    // A "simple" cross-origin request (no preflight) that asks the browser to send its credentials.
    const cross = fetch(${JSON.stringify(adminUrl + POLICY)}, { method: "PUT", body, credentials: "include", headers: { "content-type": "text/plain" } })
      .then((r) => (results.crossOrigin = r.status), (e) => (results.crossOrigin = "error"));
    Promise.all([same, cross]).then(() => (results.done = true));
  </script>`;
}

const title = browserSuite("admin and data plane on two origins, in headless Chromium");

describe.skipIf(!haveChromium)(title, () => {
  beforeAll(async () => {
    w = await startWorker();
    app = createServer((req, res) => {
      seen.push({ path: req.url ?? "", headers: req.headers });
      if (req.url?.startsWith("/app/login")) return void res.writeHead(401, { "www-authenticate": 'Basic realm="app"' }).end("log in");
      if (req.url?.startsWith("/app/page")) return void res.writeHead(200, { "content-type": "text/html" }).end(appPage(w.url));
      res.end("app");
    });
    await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
    const port = (app.address() as { port: number }).port;
    const { ok } = httpApi(w.url);
    const M = `/v20190125/meshes/${MESH}`;
    await ok("PUT", "/v20190125/meshes", { meshName: MESH, spec: {} });
    await ok("PUT", `${M}/virtualNodes`, { virtualNodeName: "app", spec: localNodeSpec(port) });
    await ok("PUT", `${M}/virtualRouters`, {
      virtualRouterName: "r",
      spec: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] },
    });
    await ok("PUT", `${M}/virtualRouter/r/routes`, {
      routeName: "main",
      spec: { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode: "app", weight: 1 }] } } },
    });
    // The application answers the data-plane origin's own hostname, as a site behind the edge.
    await ok("PUT", `${M}/virtualServices`, {
      virtualServiceName: "localhost",
      spec: { provider: { virtualRouter: { virtualRouterName: "r" } } },
    });
    expect(await edgeAnswers(w.url, "localhost", "/warmup")).toBe(200);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await w?.stop();
    await new Promise((r) => app?.close(r));
  });

  it("the operator's login stays with the admin origin; the application gets no credential and cannot call the API as the operator", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    // The operator logs in to the dashboard: the browser now holds Basic credentials for 127.0.0.1:PORT.
    const admin = new URL(w.url);
    const login = await page.goto(`http://${DEV_KEY.accessKeyId}:${DEV_KEY.secretAccessKey}@${admin.host}/_meshedge/ui`);
    expect(login?.status()).toBe(200);
    expect((await page.goto(`${w.url}/_meshedge/ui`))?.status()).toBe(200); // cached, no prompt

    // The data-plane origin serves no dashboard and asks for nothing.
    const dash = await page.goto(`${w.dataUrl}/_meshedge/ui`);
    expect([dash?.status(), (await dash?.allHeaders())?.["www-authenticate"]]).toEqual([404, undefined]);

    // The application's own Basic challenge: the browser has nothing for this origin to send.
    // (Headless Chromium, with no one to type a password, ends that navigation with an error.)
    await page.goto(`${w.dataUrl}/app/login`).catch((e: Error) => expect(e.message).toMatch(/ERR_INVALID_AUTH_CREDENTIALS/));
    expect(seen.some((r) => r.path === "/app/login")).toBe(true);

    // The application's page tries the admin API, on its own origin and across origins.
    await page.close();
    const appTab = await ctx.newPage();
    await appTab.goto(`${w.dataUrl}/app/page`);
    await appTab.waitForFunction(() => (window as unknown as { results: { done?: boolean } }).results?.done === true, undefined, {
      timeout: 10_000,
    });
    const results = await appTab.evaluate(() => (window as unknown as { results: Record<string, unknown> }).results);
    // Same origin: the data plane's 404 (the API is not there). Cross origin: refused by the
    // admin plane's CSRF check even with the credentials attached (or blocked by CORS).
    expect(results.sameOrigin).toBe(404);
    expect(results.crossOrigin === 403 || results.crossOrigin === "error").toBe(true);

    // Nothing the application received carried a credential, and no mirror was installed.
    expect(seen.filter((r) => r.headers.authorization !== undefined).map((r) => r.path)).toEqual([]);
    const policy = await httpApi(w.url).api("GET", POLICY);
    expect(policy.status).toBe(404);
    await ctx.close();
  }, 60_000);

  it("a dashboard opened with the credentials in its URL loads its live data (issue 20)", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const admin = new URL(w.url);
    await page.goto(`http://${DEV_KEY.accessKeyId}:${DEV_KEY.secretAccessKey}@${admin.host}/_meshedge/ui/meshes/${MESH}`);
    await page.waitForFunction(() => document.getElementById("live-status")?.className.includes("ok"), undefined, { timeout: 10_000 });
    expect(await page.textContent("#live-status")).toMatch(/^live · /);
    await ctx.close();
  }, 30_000);
});
