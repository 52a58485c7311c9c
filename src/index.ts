import { Hono } from "hono";
import { managementGuard } from "./auth";
import { dashboardApp } from "./ui/app";
import { envSource } from "./ui/env-source";
export { MeshObject } from "../durable/mesh-object";

const app = new Hono<{ Bindings: Env }>();
// Auth + limits for /v20190125/* and /_meshedge/* (not health); the data plane passes through.
app.use("*", managementGuard());
app.get("/_meshedge/ping", async (c) => {
  const stub = c.env.MESH.get(c.env.MESH.idFromName("x"));
  return c.json({ n: await stub.ping() });
});
// The dashboard (issue 7): HTML + live.json, behind the guard above (Basic auth for browsers).
app.route("/_meshedge/ui", dashboardApp(envSource));
app.all("*", async (c) => {
  const r = await fetch(c.req.query("u") ?? "http://127.0.0.1:1/");
  return new Response(await r.text());
});
export default app;
