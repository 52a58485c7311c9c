import { Hono } from "hono";
import { NONCE, secureHeaders, type SecureHeadersVariables } from "hono/secure-headers";
import { AppMeshError, renderAppMeshError } from "../shared/errors";
import { buildLiveView } from "./build-live-view";
import { buildMeshCharts, buildRolloutCharts } from "./build-charts";
import { buildMeshView } from "./build-mesh-view";
import { RolloutPage } from "./components/rollout-page";
import { MeshListPage } from "./components/mesh-list-page";
import { MeshCharts, MeshPage } from "./components/mesh-page";
import type { RouteCharts } from "./chart-model";
import type { DashboardSource } from "./dashboard-source";
import { liveScript } from "./live-script";

/** Window of the rates the dashboard shows (seconds). */
const DASHBOARD_WINDOW_SECONDS = 60;
/** Span of the charts (seconds); the metrics retention may be shorter. */
const CHART_WINDOW_SECONDS = 3600;

/** A value or a note saying why it is missing: the value, with the note added to `notes`. */
function orNote<T extends object>(x: T | { unavailable: string }, notes: string[]): T | undefined {
  if ("unavailable" in x && typeof x.unavailable === "string") {
    notes.push(x.unavailable);
    return undefined;
  }
  return x as T;
}

/**
 * The dashboard as a Hono sub-app, mounted at `/_meshedge/ui` (behind the management guard):
 * `GET /` lists meshes, `GET /meshes/{mesh}` draws one mesh, `GET /meshes/{mesh}/live.json` is
 * what that page polls. `source` is created per request from the Worker's bindings.
 */
export function dashboardApp(source: (env: Env) => DashboardSource): Hono<{ Bindings: Env; Variables: SecureHeadersVariables }> {
  const ui = new Hono<{ Bindings: Env; Variables: SecureHeadersVariables }>();
  // A strict CSP: the page's one inline script and stylesheet run by this request's nonce,
  // nothing else loads, live.json is fetched from this origin only, no one may frame the page
  // and forms go nowhere. Pages show live state: never cached, and never framed by another site.
  ui.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: [NONCE],
        styleSrc: [NONCE],
        connectSrc: ["'self'"],
        imgSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: "DENY",
      referrerPolicy: "no-referrer",
      // HSTS is set for the whole admin plane on https (src/index.ts); never on plain http.
      strictTransportSecurity: false,
      crossOriginResourcePolicy: "same-origin",
    }),
  );
  ui.use("*", async (c, next) => {
    await next();
    c.header("cache-control", "no-store");
  });

  ui.get("/", async (c) => {
    const meshes = await source(c.env).listMeshes();
    return c.html(<MeshListPage meshes={meshes} nonce={c.get("secureHeadersNonce") ?? ""} />);
  });

  /** The mesh page's view and charts (also what the charts fragment redraws), or undefined for no such mesh. */
  async function meshWithCharts(src: DashboardSource, mesh: string) {
    const resources = await src.getResources(mesh);
    if (!resources) return undefined;
    const [policies, timeline, rollouts] = await Promise.all([
      src.getPolicies(mesh),
      src.getTimeline(mesh, CHART_WINDOW_SECONDS),
      src.getRollouts(mesh),
    ]);
    const notes: string[] = [];
    const view = buildMeshView(resources, orNote(policies, notes) ?? []);
    const t = orNote(timeline, notes);
    const charts = t ? buildMeshCharts(view, t, Array.isArray(rollouts) ? rollouts : []) : new Map<string, RouteCharts>();
    return { view, charts, notes };
  }

  ui.get("/meshes/:mesh", async (c) => {
    const mesh = c.req.param("mesh");
    const m = await meshWithCharts(source(c.env), mesh);
    if (!m) {
      return c.html(<MeshListPage meshes={[]} note={`Mesh ${mesh} does not exist.`} nonce={c.get("secureHeadersNonce") ?? ""} />, 404);
    }
    const base = `/_meshedge/ui/meshes/${encodeURIComponent(mesh)}`;
    return c.html(
      <MeshPage
        view={m.view}
        charts={m.charts}
        notes={m.notes}
        script={liveScript(`${base}/live.json`, `${base}/charts`)}
        nonce={c.get("secureHeadersNonce") ?? ""}
      />,
    );
  });

  // The route charts alone, server-rendered like the page's: the page redraws them from this.
  ui.get("/meshes/:mesh/charts", async (c) => {
    const mesh = c.req.param("mesh");
    const m = await meshWithCharts(source(c.env), mesh);
    if (!m) return renderAppMeshError(new AppMeshError("NotFoundException", `Mesh ${mesh} does not exist`));
    return c.html(<MeshCharts view={m.view} charts={m.charts} />);
  });

  ui.get("/meshes/:mesh/rollouts/:name", async (c) => {
    const mesh = c.req.param("mesh");
    const src = source(c.env);
    const resources = await src.getResources(mesh);
    if (!resources) {
      return c.html(<MeshListPage meshes={[]} note={`Mesh ${mesh} does not exist.`} nonce={c.get("secureHeadersNonce") ?? ""} />, 404);
    }
    const rollout = await src.getRollout(mesh, c.req.param("name"));
    if ("unavailable" in rollout) {
      return c.html(<MeshListPage meshes={[]} note={rollout.unavailable} nonce={c.get("secureHeadersNonce") ?? ""} />, 404);
    }
    const notes: string[] = [];
    const [policies, timeline] = await Promise.all([src.getPolicies(mesh), src.getTimeline(mesh, CHART_WINDOW_SECONDS)]);
    const view = buildMeshView(resources, orNote(policies, notes) ?? []);
    const t = orNote(timeline, notes);
    const charts = t ? buildRolloutCharts(rollout, view, t) : undefined;
    return c.html(<RolloutPage mesh={mesh} rollout={rollout} charts={charts} notes={notes} nonce={c.get("secureHeadersNonce") ?? ""} />);
  });

  ui.get("/meshes/:mesh/live.json", async (c) => {
    const mesh = c.req.param("mesh");
    const src = source(c.env);
    // Resources first: metrics and rollouts of a mesh that does not exist are never asked for.
    const resources = await src.getResources(mesh);
    if (!resources) return renderAppMeshError(new AppMeshError("NotFoundException", `Mesh ${mesh} does not exist`));
    const [metrics, rollouts] = await Promise.all([src.getMetrics(mesh, DASHBOARD_WINDOW_SECONDS), src.getRollouts(mesh)]);
    const notes: string[] = [];
    if ("unavailable" in metrics) notes.push(metrics.unavailable);
    if ("unavailable" in rollouts) notes.push(rollouts.unavailable);
    return c.json(
      buildLiveView(
        resources,
        "unavailable" in metrics ? undefined : metrics,
        // The page's list needs no history (the rollout page has it): live.json stays small.
        Array.isArray(rollouts) ? rollouts.map(({ history: _h, ...r }) => r) : [],
        notes,
        DASHBOARD_WINDOW_SECONDS,
        new Date(),
      ),
    );
  });
  return ui;
}
