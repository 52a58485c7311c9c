/** The benchmark's markdown table and the issue's goals, computed from the measured rows. */

export interface Row {
  size: number;
  pathOnlyRoutes: number;
  compileMs: number;
  loadMs: number;
  /** Median ns per match by implementation: "compiled", "reference", "compiled path-only", other routers. */
  ns: Record<string, number>;
  /** Build time of the other routers (hono builds on first match; included). */
  buildMs: Record<string, number>;
  errors: Record<string, string>;
}

export interface Goal {
  goal: string;
  value: string;
  met: boolean;
}

const fmt = (n: number | undefined) =>
  n === undefined || Number.isNaN(n) ? "-" : n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(1);

export function checkGoals(rows: readonly Row[], others: readonly string[]): { markdown: string; goals: Goal[] } {
  const ns = (r: Row, name: string) => r.ns[name] ?? Number.NaN;
  const cellOf = (r: Row, name: string) => r.errors[name] ?? fmt(r.ns[name]);
  const lines = [
    `| routes | compile ms | load ms | compiled ns/match | reference ns/match | speed-up | path-only routes | compiled path-only ns | ${others.map((n) => `${n} ns`).join(" | ")} |`,
    `|---:|---:|---:|---:|---:|---:|---:|---:|${others.map(() => "---:").join("|")}|`,
    ...rows.map(
      (r) =>
        `| ${r.size.toLocaleString("en-US")} | ${fmt(r.compileMs)} | ${fmt(r.loadMs)} | ${fmt(ns(r, "compiled"))} | ${fmt(ns(r, "reference"))} | ${fmt(ns(r, "reference") / ns(r, "compiled"))}x | ${r.pathOnlyRoutes} | ${fmt(ns(r, "compiled path-only"))} | ${others.map((n) => cellOf(r, n)).join(" | ")} |`,
    ),
  ];
  const at = (size: number) => rows.find((r) => r.size === size)!;
  const small = ns(at(10), "compiled");
  const big = ns(at(10000), "compiled");
  const goals: Goal[] = [
    { goal: "match at 10,000 routes within 2x of 10 routes", value: `${fmt(big / small)}x`, met: big <= 2 * small },
    {
      goal: "at least 20x faster than the linear reference at 1,000 routes",
      value: `${fmt(ns(at(1000), "reference") / ns(at(1000), "compiled"))}x`,
      met: ns(at(1000), "reference") >= 20 * ns(at(1000), "compiled"),
    },
    ...rows.map((r) => ({
      goal: `not slower than find-my-way on the path-only table (${r.size.toLocaleString("en-US")} routes)`,
      value: `${fmt(ns(r, "compiled path-only"))} vs ${fmt(ns(r, "find-my-way"))} ns`,
      met: ns(r, "compiled path-only") <= ns(r, "find-my-way"),
    })),
    {
      goal: "compile 10,000 routes in under 100 ms",
      value: `${fmt(at(10000).compileMs)} ms (load: ${fmt(at(10000).loadMs)} ms)`,
      met: at(10000).compileMs < 100,
    },
  ];
  const goalLines = [
    "| goal | measured | met |",
    "|---|---:|:---:|",
    ...goals.map((g) => `| ${g.goal} | ${g.value} | ${g.met ? "yes" : "NO"} |`),
  ];
  return { markdown: `${lines.join("\n")}\n\n${goalLines.join("\n")}`, goals };
}
