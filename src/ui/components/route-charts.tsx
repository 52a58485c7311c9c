import { CHART, type Chart, type ChartMarker, type RouteCharts } from "../chart-model";
import { colorClass, TARGET_COLORS } from "../styles";

/**
 * A route's charts as server-rendered SVG: no script, no library, nothing loaded. Colours are
 * SVG presentation attributes (stroke, fill) and classes, never inline `style` attributes, which
 * the dashboard's CSP refuses. Each chart scales to its box (viewBox), so a phone gets one per row.
 */

/** Marker colours by kind: an analysis check passed, failed or skipped; a step of the rollout. */
const MARKER_COLORS: Record<ChartMarker["kind"], string> = { passed: "#2fa36b", failed: "#d94c4c", skipped: "#98a2b3", step: "#2f7de1" };

const fmt = (v: number | null, unit: string) => (v === null ? "–" : `${Math.round(v * 100) / 100}${unit === "%" ? "%" : ` ${unit}`}`);

function Marker({ m }: { m: ChartMarker }) {
  const color = MARKER_COLORS[m.kind];
  const bottom = CHART.H - CHART.bottom;
  return (
    <g class={`marker ${m.kind}`} data-event={m.event} data-kind={m.kind} data-at={m.at} data-rollout={m.rollout}>
      <title>{m.label}</title>
      <line
        x1={m.x}
        x2={m.x}
        y1={CHART.top}
        y2={bottom}
        stroke={color}
        stroke-width="1.5"
        stroke-dasharray={m.kind === "skipped" ? "3 3" : undefined}
      />
      {m.kind === "step" ? (
        <rect x={m.x - 3.5} y={CHART.top - 3.5} width="7" height="7" fill={color} />
      ) : (
        <circle cx={m.x} cy={CHART.top} r="4" fill={m.kind === "skipped" ? "none" : color} stroke={color} stroke-width="1.5" />
      )}
    </g>
  );
}

function ChartSvg({ rc, chart }: { rc: RouteCharts; chart: Chart }) {
  const bottom = CHART.H - CHART.bottom;
  const summary = chart.lines.map((l) => `${l.virtualNode} ${fmt(l.last, chart.unit)}`).join(", ");
  return (
    <figure class="chart" data-metric={chart.metric}>
      <figcaption>
        <b>{chart.title}</b>
        <span class="legend">
          {chart.lines.map((l) => (
            <span data-series={l.virtualNode}>
              <span class={`dot ${colorClass(l.colorIndex)}`} />
              {l.virtualNode}
              {l.role ? ` (${l.role})` : ""} <b>{fmt(l.last, chart.unit)}</b>
            </span>
          ))}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${CHART.W} ${CHART.H}`} width="100%" role="img" aria-label={`${chart.title} by target: ${summary}`}>
        {chart.yTicks.map((t) => (
          <>
            <line class="grid" x1={CHART.left} x2={CHART.W - CHART.right} y1={t.y} y2={t.y} />
            <text class="axis" x={CHART.left - 4} y={t.y + 3} text-anchor="end">
              {t.label}
            </text>
          </>
        ))}
        {rc.xTicks.map((t) => (
          <text class="axis" x={t.x} y={bottom + 14} text-anchor="middle">
            {t.label}
          </text>
        ))}
        {rc.markers.map((m) => (
          <Marker m={m} />
        ))}
        {chart.lines.map((l) =>
          l.d ? (
            <path
              class="series"
              data-series={l.virtualNode}
              d={l.d}
              fill="none"
              stroke={TARGET_COLORS[l.colorIndex % TARGET_COLORS.length]}
              stroke-width="2"
              stroke-linejoin="round"
              stroke-linecap="round"
            />
          ) : null,
        )}
      </svg>
    </figure>
  );
}

/** The three charts of a route side by side (stacked on a phone), then its rollout events in words. */
export function RouteChartsView({ rc, title }: { rc: RouteCharts; title: string }) {
  return (
    <div class="route-charts" data-route-charts={rc.route} data-from={rc.from} data-to={rc.to}>
      <h3>{title}</h3>
      <div class="charts">
        {rc.charts.map((c) => (
          <ChartSvg rc={rc} chart={c} />
        ))}
      </div>
      {rc.markers.length > 0 ? (
        <ol class="events">
          {rc.markers.map((m) => (
            <li class={m.kind} data-event={m.event}>
              {m.label}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
