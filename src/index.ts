import { Hono } from "hono";
import { managementGuard } from "./auth";
import { dashboardApp } from "./ui/app";
import { envSource } from "./ui/env-source";
import { managementApi } from "./api/app";
import { renderAppMeshError } from "./api/errors";
import { deliveryApi } from "./extensions/delivery-api";
import { handleProxy, isDataPlanePath } from "./proxy";
export { MeshObject } from "../durable/mesh-object";
export { RegistryObject } from "../durable/registry-object";

const app = new Hono<{ Bindings: Env }>();
// Auth + limits for /v20190125/* and /_meshedge/* (not health); the data plane passes through.
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
// The edge data plane (issue 4): everything else is proxied per the served meshes.
app.all("*", (c) => handleProxy(c.req.raw, c.env, c.executionCtx));

export default {
  /** Data-plane requests skip the Hono app (middleware, router) on the hot path. */
  fetch(req: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    return isDataPlanePath(req.url) ? handleProxy(req, env, ctx) : app.fetch(req, env, ctx);
  },
};
