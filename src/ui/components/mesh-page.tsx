import type { RouteCharts } from "../chart-model";
import type { MeshView, RouteView } from "../view-types";
import { RouteChartsView } from "./route-charts";
import { Layout } from "./layout";
import { RateCells } from "./rate-cells";
import { SplitBar } from "./split-bar";
import { widthRules } from "../styles";

const clock = (t: number) => new Date(t * 1000).toISOString().slice(11, 19);

const Empty = (p: { what: string }) => <p class="empty">No {p.what}.</p>;

function Gateways({ view }: { view: MeshView }) {
  return (
    <section id="gateways">
      <h2>Virtual gateways</h2>
      {view.gateways.length === 0 ? (
        <Empty what="virtual gateways" />
      ) : (
        view.gateways.map((g) => (
          <>
            <h3>
              {g.virtualGatewayName} {g.ports.length ? <code>:{g.ports.join(", :")}</code> : null}
            </h3>
            {g.routes.length === 0 ? (
              <Empty what="gateway routes" />
            ) : (
              <table class="stack">
                <thead>
                  <tr>
                    <th>Gateway route</th>
                    <th>Match</th>
                    <th>Service</th>
                  </tr>
                </thead>
                <tbody>
                  {g.routes.map((r) => (
                    <tr>
                      <td data-label="route">
                        {r.gatewayRouteName}
                        {r.priority !== undefined ? ` (p${r.priority})` : ""}
                      </td>
                      <td data-label="match">
                        <code>{r.match}</code>
                      </td>
                      <td data-label="service">{r.target}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        ))
      )}
    </section>
  );
}

function Services({ view }: { view: MeshView }) {
  return (
    <section id="services">
      <h2>Virtual services</h2>
      {view.services.length === 0 ? (
        <Empty what="virtual services" />
      ) : (
        <table class="stack">
          <thead>
            <tr>
              <th>Service (Host)</th>
              <th>Provider</th>
            </tr>
          </thead>
          <tbody>
            {view.services.map((s) => (
              <tr>
                <td data-label="service">
                  <code>{s.virtualServiceName}</code>
                </td>
                <td data-label="provider">{s.provider}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The route's retry policy, timeouts, sticky split key and mirror in one line. */
function Settings({ r }: { r: RouteView }) {
  return (
    <div class="settings" data-route-settings={r.key}>
      {r.settings.map((s) => (
        <span data-setting={s.name}>
          {s.name} <b>{s.text}</b>
        </span>
      ))}
    </div>
  );
}

function RouteChartsFor({ r, charts }: { r: RouteView; charts: ReadonlyMap<string, RouteCharts> }) {
  const rc = charts.get(r.key);
  return rc ? <RouteChartsView rc={rc} title={`${r.routeName}: ${clock(rc.from)} to ${clock(rc.to)} UTC`} /> : null;
}

/** Every route's charts, alone: the fragment the page's script redraws its charts from. */
export function MeshCharts({ view, charts }: { view: MeshView; charts: ReadonlyMap<string, RouteCharts> }) {
  return <div id="mesh-charts">{view.routers.flatMap((vr) => vr.routes.map((r) => <RouteChartsFor r={r} charts={charts} />))}</div>;
}

function Routers({ view, charts }: { view: MeshView; charts: ReadonlyMap<string, RouteCharts> }) {
  return (
    <section id="routers" class="wide">
      <h2>Virtual routers and routes</h2>
      {view.routers.length === 0 ? (
        <Empty what="virtual routers" />
      ) : (
        view.routers.map((vr) => (
          <>
            <h3>
              {vr.virtualRouterName} {vr.ports.length ? <code>:{vr.ports.join(", :")}</code> : null}
            </h3>
            {vr.routes.length === 0 ? (
              <Empty what="routes" />
            ) : (
              <table class="stack routes">
                <thead>
                  <tr>
                    <th>Route</th>
                    <th>Match</th>
                    <th class="col-split">Split</th>
                    <th>req/s</th>
                    <th>success</th>
                  </tr>
                </thead>
                <tbody>
                  {vr.routes.map((r) => (
                    <tr data-route-row={r.key}>
                      <td data-label="route">
                        <div>
                          <b>{r.routeName}</b>
                          <div class="empty">
                            {r.protocol}
                            {r.priority !== undefined ? ` · priority ${r.priority}` : ""} · version{" "}
                            <span data-route-version={r.key}>{r.version}</span>
                          </div>
                          <Settings r={r} />
                        </div>
                      </td>
                      <td data-label="match">
                        <code>{r.match}</code>
                      </td>
                      <td data-label="split">
                        <SplitBar routeKey={r.key} targets={r.targets} />
                      </td>
                      <RateCells id={`route:${r.key}`} />
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {vr.routes.map((r) => (
              <RouteChartsFor r={r} charts={charts} />
            ))}
          </>
        ))
      )}
    </section>
  );
}

function Nodes({ view }: { view: MeshView }) {
  return (
    <section id="nodes">
      <h2>Virtual nodes</h2>
      {view.nodes.length === 0 ? (
        <Empty what="virtual nodes" />
      ) : (
        <table class="stack">
          <thead>
            <tr>
              <th>Node</th>
              <th>Upstream</th>
              <th>req/s</th>
              <th>success</th>
            </tr>
          </thead>
          <tbody>
            {view.nodes.map((n) => (
              <tr>
                <td data-label="node">{n.virtualNodeName}</td>
                <td data-label="upstream">
                  <code>{n.upstream}</code>
                </td>
                <RateCells id={`node:${n.virtualNodeName}`} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** One mesh: gateways, services, routers with their routes' split bars, nodes, rollouts. */
export function MeshPage(props: {
  view: MeshView;
  charts: ReadonlyMap<string, RouteCharts>;
  notes: string[];
  script: string;
  nonce: string;
}) {
  const { view } = props;
  const widths = view.routers.flatMap((vr) => vr.routes.flatMap((r) => r.targets.map((t) => t.percent)));
  return (
    <Layout
      title={`${view.meshName} · meshedge`}
      live
      nonce={props.nonce}
      css={widthRules(widths)}
      script={props.script}
      crumbs={
        <span>
          mesh <b id="mesh-name">{view.meshName}</b>
        </span>
      }
    >
      <main data-mesh={view.meshName}>
        <Routers view={view} charts={props.charts} />
        <section id="rollouts" class="wide" hidden>
          <h2>Rollouts</h2>
          <div id="rollout-list" />
        </section>
        <Services view={view} />
        <Gateways view={view} />
        <Nodes view={view} />
        {props.notes.length > 0 ? <p class="empty wide">{props.notes.join(" ")}</p> : null}
        <p id="live-notes" class="empty wide" />
      </main>
    </Layout>
  );
}
