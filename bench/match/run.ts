/**
 * npm run bench:match — median ns per match and compile time of the route evaluator at 10,
 * 100, 1,000 and 10,000 routes, against the linear reference, and on the path-only part of the
 * same table against hono's RegExpRouter / TrieRouter and find-my-way. Prints a markdown table,
 * checks the goals and writes JSON to bench/results/.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { compileRouteTable, loadRouteTable, type MatchRequest, type RouteTable } from "../../src/routing";
import { createReferenceRouteTable } from "../../src/routing/reference-evaluator";
import type { NamedRoute } from "../../src/routing/testing/builders";
import { buildTable, type PathOnlyRoute } from "./generate";
import { cell, measureInterleaved, median, msPerBuild, sinkValue, type Cell } from "./measure";
import { checkGoals, type Row } from "./report";
import { OTHER_ROUTERS } from "./routers";

const SIZES = [10, 100, 1000, 10000];

const pathOnlyRoutes = (routes: readonly PathOnlyRoute[]): NamedRoute[] =>
  routes.map((r, i) => ({
    routeName: `p${i}`,
    spec: {
      httpRoute: {
        match: r.kind === "prefix" ? { prefix: r.path } : { path: { exact: r.path } },
        action: { weightedTargets: [{ virtualNode: "n", weight: 1 }] },
      },
    },
  }));

const matcher = (t: RouteTable) => (req: MatchRequest) => t.match(req);

// Build everything first, then time all cells interleaved.
const rows: Row[] = [];
const cells: Cell[] = [];
for (const size of SIZES) {
  const table = buildTable(size);
  const snapshot = compileRouteTable(table.routes);
  const row: Row = {
    size,
    pathOnlyRoutes: table.pathOnly.length,
    compileMs: msPerBuild(() => compileRouteTable(table.routes)),
    loadMs: msPerBuild(() => loadRouteTable(snapshot)),
    ns: {},
    buildMs: {},
    errors: {},
  };
  rows.push(row);
  cells.push(cell(`${size}|compiled`, table.requests, matcher(loadRouteTable(snapshot))));
  cells.push(cell(`${size}|reference`, table.requests, matcher(createReferenceRouteTable(table.routes))));
  cells.push(
    cell(`${size}|compiled path-only`, table.pathOnlyRequests, matcher(loadRouteTable(compileRouteTable(pathOnlyRoutes(table.pathOnly))))),
  );
  const paths = table.pathOnlyRequests.map((r) => r.path);
  for (const router of OTHER_ROUTERS) {
    try {
      let find: (path: string) => unknown = () => undefined;
      row.buildMs[router.name] = msPerBuild(() => (find = router.build(table.pathOnly)), 3);
      cells.push(cell(`${size}|${router.name}`, paths, find));
    } catch (err) {
      row.errors[router.name] = err instanceof Error ? err.message : String(err);
    }
  }
  console.error(`built ${size} routes`);
}
measureInterleaved(cells);
for (const c of cells) {
  const [size, name] = c.label.split("|") as [string, string];
  rows.find((r) => r.size === Number(size))!.ns[name] = median(c.samples);
}

const { markdown, goals } = checkGoals(
  rows,
  OTHER_ROUTERS.map((r) => r.name),
);
console.log(`Route match benchmark (Node ${process.version}, ${new Date().toISOString()})\n`);
console.log(markdown);
mkdirSync("bench/results", { recursive: true });
const file = `bench/results/match-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
writeFileSync(file, JSON.stringify({ node: process.version, date: new Date().toISOString(), rows, goals, sink: sinkValue() }, null, 2));
console.log(`\nJSON: ${file}`);
