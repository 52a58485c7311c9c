import type { HistoryEntry } from "../rollouts/types";

/**
 * The geometry of a route's charts, computed on the server (src/ui/components/route-charts.tsx
 * draws it as SVG): request rate, success rate and p99 latency over time, one line per weighted
 * target, and the rollout's history on the same time axis. Pure and number-only.
 */

/** One node's points over the window (the mesh object's metrics timeline, src/metrics/timeline.ts). */
export interface UiNodeSeries {
  virtualNode: string;
  points: { t: number; rate: number; successRate: number | null; p99LatencyMs: number | null }[];
}

/** A rollout of the route, with its history (the markers). */
export interface UiRouteRollout {
  name: string;
  primary: string;
  canary: string;
  history: HistoryEntry[];
}

/** Where a history entry sits on the time axis, and what it was. */
export interface ChartMarker {
  /** Epoch seconds. */
  at: number;
  x: number;
  event: string;
  /** `passed`, `failed`, `skipped`: an analysis check; `step`: weights moved by hand or by the rollout's start or end. */
  kind: "passed" | "failed" | "skipped" | "step";
  rollout: string;
  label: string;
}

export interface ChartLine {
  virtualNode: string;
  /** `canary` / `primary` when a rollout of this route names the node. */
  role: "canary" | "primary" | "";
  colorIndex: number;
  /** SVG path data; empty when the node has no value in the window. */
  d: string;
  /** The latest value (for the legend), null when none. */
  last: number | null;
}

export interface Chart {
  metric: "rate" | "success" | "p99";
  title: string;
  unit: string;
  yTicks: { y: number; label: string }[];
  lines: ChartLine[];
}

export interface RouteCharts {
  route: string;
  from: number;
  to: number;
  xTicks: { x: number; label: string }[];
  charts: Chart[];
  markers: ChartMarker[];
}

/** The SVG's coordinate system (viewBox `0 0 W H`); it scales to its box, so it fits a phone. */
export const CHART = { W: 360, H: 150, left: 40, right: 8, top: 10, bottom: 22 } as const;
const plotW = CHART.W - CHART.left - CHART.right;
const plotH = CHART.H - CHART.top - CHART.bottom;

const r1 = (x: number): number => Math.round(x * 10) / 10;

/** A round upper bound for a y axis (1, 2, 5 × 10^n). */
export function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const e = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (v <= m * e) return m * e;
  return 10 * e;
}

function clock(t: number, withSeconds: boolean): string {
  const iso = new Date(t * 1000).toISOString();
  return withSeconds ? iso.slice(11, 19) : iso.slice(11, 16);
}

/** Time axis ticks at a round step (10 s to 60 minutes), at most 6, labelled HH:MM (HH:MM:SS under a minute's step) UTC. */
function timeTicks(from: number, to: number, x: (t: number) => number): { x: number; label: string }[] {
  const span = Math.max(1, to - from);
  const step = [10, 30, 60, 120, 300, 600, 900, 1800, 3600].find((s) => span / s <= 6) ?? 3600;
  const out: { x: number; label: string }[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) out.push({ x: x(t), label: clock(t, step < 60) });
  return out;
}

/** The kind of marker a history entry makes. */
export function markerKind(e: HistoryEntry): ChartMarker["kind"] {
  if (e.event === "CHECK_SKIPPED") return "skipped";
  if (e.event === "CHECK_FAILED" || (e.event === "ROLLED_BACK" && e.analysis !== undefined)) return "failed";
  if ((e.event === "ADVANCED" || e.event === "PROMOTED") && e.analysis !== undefined) return "passed";
  return "step";
}

/** A history entry in one line, with the analysis numbers when it was a check. */
export function markerLabel(e: HistoryEntry): string {
  const a = e.analysis;
  const numbers =
    a === undefined
      ? ""
      : ` · ${a.requests} canary requests, success ${a.successRate === null ? "–" : `${a.successRate}%`}, p99 ${a.p99LatencyMs === null ? "–" : `${a.p99LatencyMs} ms`}`;
  return `${clock(e.at, true)} ${e.event} canary ${e.canaryWeight}%${numbers}: ${e.message}`;
}

/** Path data of one series (a gap where a value is null; a lone point as a dot via round caps). */
function pathOf(points: { x: number; y: number | null }[]): string {
  let d = "";
  let open = false;
  for (const p of points) {
    if (p.y === null) {
      open = false;
      continue;
    }
    d += `${open ? "L" : "M"}${r1(p.x)} ${r1(p.y)}`;
    open = true;
  }
  return d.replace(/M([\d.]+) ([\d.]+)(?=M|$)/g, "M$1 $2h0.1");
}

const METRICS = [
  { metric: "rate", title: "Requests per second", unit: "req/s", value: (p: UiNodeSeries["points"][number]) => p.rate },
  { metric: "success", title: "Success rate", unit: "%", value: (p: UiNodeSeries["points"][number]) => p.successRate },
  { metric: "p99", title: "p99 latency", unit: "ms", value: (p: UiNodeSeries["points"][number]) => p.p99LatencyMs },
] as const;

/**
 * The charts of one route over `[from, to]`: `targets` are the route's weighted targets in the
 * split bar's order (their colours), `series` what each node counted, `rollouts` the route's
 * rollouts whose history entries in the window become markers.
 */
export function buildRouteCharts(
  route: string,
  targets: readonly string[],
  series: readonly UiNodeSeries[],
  rollouts: readonly UiRouteRollout[],
  from: number,
  to: number,
): RouteCharts {
  const span = Math.max(1, to - from);
  const x = (t: number) => CHART.left + ((t - from) / span) * plotW;
  const nodes = [...targets, ...series.map((s) => s.virtualNode).filter((n) => !targets.includes(n))];
  const byNode = new Map(series.map((s) => [s.virtualNode, s.points.filter((p) => p.t >= from && p.t <= to)]));
  const latest = rollouts.at(-1);
  const role = (n: string): ChartLine["role"] => (latest?.canary === n ? "canary" : latest?.primary === n ? "primary" : "");
  const charts = METRICS.map((m): Chart => {
    let max = 0;
    for (const n of nodes) for (const p of byNode.get(n) ?? []) max = Math.max(max, m.value(p) ?? 0);
    const top = m.metric === "success" ? 100 : niceMax(max);
    const y = (v: number) => CHART.top + plotH - (v / top) * plotH;
    const lines = nodes.map((n, i): ChartLine => {
      const pts = byNode.get(n) ?? [];
      const last = [...pts].reverse().find((p) => m.value(p) !== null);
      return {
        virtualNode: n,
        role: role(n),
        colorIndex: i,
        d: pathOf(pts.map((p) => ({ x: x(p.t), y: m.value(p) === null ? null : y(m.value(p) as number) }))),
        last: last === undefined ? null : m.value(last),
      };
    });
    const yTicks = [0, 0.5, 1].map((f) => ({ y: r1(y(top * f)), label: `${Math.round(top * f * 100) / 100}` }));
    return { metric: m.metric, title: m.title, unit: m.unit, yTicks, lines };
  });
  const markers = rollouts.flatMap((r) =>
    r.history
      .filter((e) => e.at >= from && e.at <= to)
      .map((e): ChartMarker => ({ at: e.at, x: r1(x(e.at)), event: e.event, kind: markerKind(e), rollout: r.name, label: markerLabel(e) })),
  );
  return { route, from, to, xTicks: timeTicks(from, to, (t) => r1(x(t))), charts, markers };
}
