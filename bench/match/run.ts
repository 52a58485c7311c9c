/**
 * npm run bench:match — median ns per match and compile time of the route evaluator at 10,
 * 100, 1,000 and 10,000 routes, against the linear reference, and on the path-only part of the
 * same table against hono's RegExpRouter / TrieRouter and find-my-way. Prints a markdown table,
 * checks the issue's goals and writes JSON to bench/results/.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { compileRouteTable, loadRouteTable, type MatchRequest, type RouteTable } from "../../src/routing";
import { createReferenceRouteTable } from "../../src/routing/reference-evaluator";
import { buildTable, type NamedRoute, type PathOnlyRoute } from "./generate";
import { msPerBuild, nsPerCall, sinkValue } from "./measure";
import { OTHER_ROUTERS } from "./routers";

const SIZES = [10, 100, 1000, 10000];

interface Row {
  size: number;
  pathOnlyRoutes: number;
  compileMs: number;
  loadMs: number;
  compiledNs: number;
  referenceNs: number;
  compiledPathOnlyNs: number;
  others: Record<string, { ns: number; buildMs: number } | { error: string }>;
}

const pathOnlyRoutes = (routes: readonly PathOnlyRoute[]): NamedRoute[] =>
  routes.map((r, i) => ({
    routeName: `p${i}`,
    spec: { httpRoute: { match: r.kind === "prefix" ? { prefix: r.path } : { path: { exact: r.path } }, action: { weightedTargets: [{ virtualNode: "n", weight: 1 }] } } },
  }));

const matcher = (t: RouteTable) => (req: MatchRequest) => t.match(req);

const rows: Row[] = [];
for (const size of SIZES) {
  const table = buildTable(size);
  const compileMs = msPerBuild(() => compileRouteTable(table.routes));
  const snapshot = compileRouteTable(table.routes);
  const loadMs = msPerBuild(() => loadRouteTable(snapshot));
  const compiled = loadRouteTable(snapshot);
  const reference = createReferenceRouteTable(table.routes);
  const pathOnly = loadRouteTable(compileRouteTable(pathOnlyRoutes(table.pathOnly)));
  const paths = table.pathOnlyRequests.map((r) => r.path);
  const others: Row["others"] = {};
  for (const router of OTHER_ROUTERS) {
    try {
      let find: (path: string) => unknown = () => undefined;
      const buildMs = msPerBuild(() => (find = router.build(table.pathOnly)), 3);
      others[router.name] = { ns: nsPerCall(paths, find), buildMs };
    } catch (err) {
      others[router.name] = { error: err instanceof Error ? err.message : String(err) };
    }
  }
  rows.push({
    size,
    pathOnlyRoutes: table.pathOnly.length,
    compileMs,
    loadMs,
    compiledNs: nsPerCall(table.requests, matcher(compiled)),
    referenceNs: nsPerCall(table.requests, matcher(reference)),
    compiledPathOnlyNs: nsPerCall(table.pathOnlyRequests, matcher(pathOnly)),
    others,
  });
  console.error(`measured ${size} routes`);
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(1));
const other = (r: Row, name: string) => {
  const o = r.others[name];
  return o === undefined ? "-" : "error" in o ? `error: ${o.error}` : fmt(o.ns);
};
const names = OTHER_ROUTERS.map((r) => r.name);
const lines = [
  `| routes | compile ms | load ms | compiled ns/match | reference ns/match | speed-up | path-only routes | compiled path-only ns | ${names.map((n) => `${n} ns`).join(" | ")} |`,
  `|---:|---:|---:|---:|---:|---:|---:|---:|${names.map(() => "---:").join("|")}|`,
  ...rows.map(
    (r) =>
      `| ${r.size.toLocaleString("en-US")} | ${fmt(r.compileMs)} | ${fmt(r.loadMs)} | ${fmt(r.compiledNs)} | ${fmt(r.referenceNs)} | ${fmt(r.referenceNs / r.compiledNs)}x | ${r.pathOnlyRoutes} | ${fmt(r.compiledPathOnlyNs)} | ${names.map((n) => other(r, n)).join(" | ")} |`,
  ),
];

const at = (size: number) => rows.find((r) => r.size === size)!;
const fmwNs = (r: Row) => {
  const o = r.others["find-my-way"];
  return o !== undefined && "ns" in o ? o.ns : Number.NaN;
};
const goals = [
  { goal: "match at 10,000 routes within 2x of 10 routes", value: `${fmt(at(10000).compiledNs / at(10).compiledNs)}x`, met: at(10000).compiledNs <= 2 * at(10).compiledNs },
  { goal: "at least 20x faster than the linear reference at 1,000 routes", value: `${fmt(at(1000).referenceNs / at(1000).compiledNs)}x`, met: at(1000).referenceNs >= 20 * at(1000).compiledNs },
  ...rows.map((r) => ({ goal: `not slower than find-my-way on the path-only table (${r.size.toLocaleString("en-US")})`, value: `${fmt(r.compiledPathOnlyNs)} vs ${fmt(fmwNs(r))} ns`, met: r.compiledPathOnlyNs <= fmwNs(r) })),
  { goal: "compile 10,000 routes in under 100 ms", value: `${fmt(at(10000).compileMs)} ms (+ ${fmt(at(10000).loadMs)} ms load)`, met: at(10000).compileMs < 100 },
];

console.log(`Route match benchmark (Node ${process.version}, ${new Date().toISOString()})\n`);
console.log(lines.join("\n"));
console.log("\n| goal | measured | met |\n|---|---:|:---:|");
for (const g of goals) console.log(`| ${g.goal} | ${g.value} | ${g.met ? "yes" : "NO"} |`);

mkdirSync("bench/results", { recursive: true });
const file = `bench/results/match-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
writeFileSync(file, JSON.stringify({ node: process.version, date: new Date().toISOString(), rows, goals, sink: sinkValue() }, null, 2));
console.log(`\nJSON: ${file}`);
