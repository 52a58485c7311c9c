import { Hono } from "hono";
import { managementGuard } from "./auth";
import { isAdminRequest } from "./auth/admin-hosts";
import { dashboardApp } from "./ui/app";
import { envSource } from "./ui/env-source";
import { managementApi } from "./api/app";
import { noSuchOperation } from "./api/no-such-operation";
import { renderAppMeshError } from "./shared/errors";
import { deliveryApi } from "./api/delivery-api";
import { dataPlaneReserved, handleProxy, invalidateMesh } from "./proxy";
export { MeshObject } from "../durable/mesh-object";
export { RegistryObject } from "../durable/registry-object";

/** The admin plane: served only on the `ADMIN_HOSTNAMES` (src/auth/admin-hosts.ts). */
const app = new Hono<{ Bindings: Env }>();
// Auth + limits for /v20190125/* and /_meshedge/* (not health).
app.use("*", managementGuard());
// On https the admin hostname is https-only for a year (HSTS): Basic credentials and SigV4
// requests never go out in clear again once a browser has seen it. Never sent on plain http.
app.use("*", async (c, next) => {
  await next();
  if (c.req.url.startsWith("https:")) c.res.headers.set("strict-transport-security", "max-age=31536000");
});
// Every error of the app leaves as an App Mesh error (x-amzn-errortype + {"message"}).
app.onError((err) => renderAppMeshError(err));
app.get("/_meshedge/health", (c) => c.json({ status: "ok" }));
// The App Mesh management API (issue 2): every operation of the model under /v20190125.
app.route("/", managementApi(invalidateMesh));
// The dashboard (issue 7): HTML + live.json, behind the guard above (Basic auth for browsers).
app.route("/_meshedge/ui", dashboardApp(envSource));
// Progressive delivery (issue 6): metrics, rollouts and route policies under /_meshedge/v1.
app.route("/_meshedge/v1", deliveryApi(invalidateMesh));
app.get("/_meshedge/ui/", (c) => c.redirect("/_meshedge/ui"));
// Browsers ask every origin for an icon: no 404 in the operator's console.
app.get("/favicon.ico", (c) => c.body(null, 204, { "cache-control": "max-age=86400" }));
// An operator who opens the admin hostname itself lands on the dashboard.
app.get("/", (c) => c.redirect("/_meshedge/ui"));
// An admin hostname proxies nothing: any other path is the API's own 404 (the one catch-all).
app.notFound((c) => renderAppMeshError(noSuchOperation(c.req.method, c.req.url)));

export default {
  /**
   * Admin hostnames go to the Hono app; every other hostname is the data plane, which skips the
   * app (middleware, router) on its hot path and never serves the API or the dashboard.
   */
  fetch(req: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    if (isAdminRequest(req.url, env)) return app.fetch(req, env, ctx);
    return dataPlaneReserved(req.url) ?? handleProxy(req, env, ctx);
  },
};
