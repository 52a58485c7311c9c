import { Hono } from "hono";
import { managementGuard } from "./auth";
import { dashboardApp } from "./ui/app";
import { envSource } from "./ui/env-source";
import { managementApi } from "./api/app";
import { AppMeshError, renderAppMeshError } from "./api/errors";
import { deliveryApi } from "./extensions/delivery-api";
import { handleProxy, isDataPlanePath } from "./proxy";
export { MeshObject } from "../durable/mesh-object";
export { RegistryObject } from "../durable/registry-object";

const app = new Hono<{ Bindings: Env }>();
// Auth + limits for /v20190125/* and /_meshedge/* (not health); the data plane skips the app (fetch below).
app.use("*", managementGuard());
// Every error of the app leaves as an App Mesh error (x-amzn-errortype + {"message"}).
app.onError((err) => renderAppMeshError(err));
app.get("/_meshedge/health", (c) => c.json({ status: "ok" }));
// The App Mesh management API (issue 2): every operation of the model under /v20190125.
app.route("/", managementApi());
// The dashboard (issue 7): HTML + live.json, behind the guard above (Basic auth for browsers).
app.route("/_meshedge/ui", dashboardApp(envSource));
// Progressive delivery (issue 6): metrics, rollouts and route policies under /_meshedge/v1.
app.route("/_meshedge/v1", deliveryApi());
app.get("/_meshedge/ui/", (c) => c.redirect("/_meshedge/ui"));
// fetch() sends the data plane (issue 4) to handleProxy, so only an unknown `/_meshedge/*` path
// gets here, and past the guard: it must not be proxied with the admin's credentials.
app.all("*", (c) => {
  throw new AppMeshError("NotFoundException", `No such operation: ${c.req.method} ${new URL(c.req.url).pathname}`);
});

export default {
  /** Data-plane requests skip the Hono app (middleware, router) on the hot path. */
  fetch(req: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    return isDataPlanePath(req.url) ? handleProxy(req, env, ctx) : app.fetch(req, env, ctx);
  },
};
