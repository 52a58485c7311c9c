import type { RouteCharts } from "../chart-model";
import { markerKind } from "../chart-model";
import type { RolloutView } from "../view-types";
import { Layout } from "./layout";
import { RouteChartsView } from "./route-charts";

const utc = (t: number) => `${new Date(t * 1000).toISOString().slice(0, 19).replace("T", " ")} UTC`;
const stateClass = (s: string) => (s === "SUCCEEDED" ? "ok" : s === "FAILED" || s === "ABORTED" ? "bad" : s === "PAUSED" ? "warn" : "");

/** One rollout: what it did, when, how it ended, its route's charts and its full history. */
export function RolloutPage(props: {
  mesh: string;
  rollout: RolloutView;
  charts: RouteCharts | undefined;
  notes: string[];
  nonce: string;
}) {
  const r = props.rollout;
  const meshHref = `/_meshedge/ui/meshes/${encodeURIComponent(props.mesh)}`;
  return (
    <Layout
      title={`${r.name} · ${props.mesh} · meshedge`}
      nonce={props.nonce}
      crumbs={
        <span>
          mesh <a href={meshHref}>{props.mesh}</a> · rollout <b id="rollout-name">{r.name}</b>
        </span>
      }
    >
      <main>
        <section id="rollout-summary" class="wide">
          <h2>
            {r.name} <span class={stateClass(r.state)}>{r.state}</span>
          </h2>
          <p>
            Route <code>{r.route}</code> · {r.primary} → {r.canary} · canary {r.canaryWeight}%
          </p>
          <p>
            started <span data-time="started">{utc(r.startedAt)}</span>
            {r.finishedAt !== null ? (
              <>
                {" "}
                · ended <span data-time="finished">{utc(r.finishedAt)}</span>
              </>
            ) : null}
          </p>
          <p class="outcome">{r.message}</p>
        </section>
        {props.charts ? (
          <section class="wide">
            <RouteChartsView
              rc={props.charts}
              title={`The route from ${utc(props.charts.from).slice(11, 19)} to ${utc(props.charts.to).slice(11, 19)} UTC`}
            />
          </section>
        ) : null}
        <section id="history" class="wide">
          <h2>History</h2>
          <table class="stack">
            <thead>
              <tr>
                <th>Time (UTC)</th>
                <th>Event</th>
                <th>Primary / canary</th>
                <th>Check</th>
                <th>Message</th>
              </tr>
            </thead>
            <tbody>
              {(r.history ?? []).map((e) => {
                const a = e.analysis;
                return (
                  <tr data-event={e.event} data-kind={markerKind(e)}>
                    <td data-label="time" class="num">
                      {utc(e.at).slice(11, 19)}
                    </td>
                    <td data-label="event">{e.event}</td>
                    <td data-label="weights" class="num">
                      {e.primaryWeight} / {e.canaryWeight}
                    </td>
                    <td data-label="check" class="num">
                      {a
                        ? `${a.requests} req · ${a.successRate === null ? "–" : `${a.successRate}%`} · p99 ${a.p99LatencyMs === null ? "–" : `${a.p99LatencyMs} ms`}`
                        : ""}
                    </td>
                    <td data-label="message">{e.message}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
        {props.notes.length > 0 ? <p class="empty wide">{props.notes.join(" ")}</p> : null}
      </main>
    </Layout>
  );
}
