/**
 * `npm run bench:scale`: what one mesh costs. For meshes of 250 / 1,000 / 4,000 routes:
 * the Durable Object's compile time, the snapshot's size (JSON and gzip, what crosses the RPC),
 * and what an edge isolate holds after loading it (V8 heap delta of the parsed snapshot plus
 * the loaded route tables). Node runs the same V8 as workerd, so the heap figures transfer;
 * the absolute times are this machine's.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { loadRouteTable, type RouteTable } from "../../src/routing";
import { compileMeshSnapshot } from "../../src/snapshot";
import type { MeshSnapshot } from "../../src/snapshot";
import { msPerBuild } from "../match/measure";
import { measureWrites } from "./do-writes";
import { generateMesh } from "./generate-mesh";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** What an edge isolate keeps per mesh: the parsed snapshot and one loaded table per router. */
function loadAtEdge(json: string): { snap: MeshSnapshot; tables: RouteTable[] } {
  const snap = JSON.parse(json) as MeshSnapshot;
  return { snap, tables: Object.values(snap.routers).map((r) => loadRouteTable(r.table)) };
}

const rows: string[] = [];
for (const routes of [250, 1000, 4000]) {
  const mesh = generateMesh(routes);
  const compileMs = msPerBuild(() => compileMeshSnapshot(mesh, 1), 5);
  const json = JSON.stringify(compileMeshSnapshot(mesh, 1));
  const gz = gzipSync(json).length;
  const loadMs = msPerBuild(() => loadAtEdge(json), 5);
  const snapshot = JSON.parse(json) as MeshSnapshot;
  // What the Durable Object pays to send one full snapshot over RPC (V8 structured clone).
  const cloneMs = msPerBuild(() => structuredClone(snapshot), 5);
  const before = heapAfterGc();
  const held = loadAtEdge(json);
  const after = heapAfterGc();
  if (held.tables.length === 0) throw new Error("nothing loaded");
  const heapMiB = (after - before) / 2 ** 20;
  rows.push(
    `| ${routes.toLocaleString("en")} | ${mesh.virtualRouters.length} | ${(json.length / 1024).toFixed(0)} KiB | ${(gz / 1024).toFixed(0)} KiB | ` +
    `${compileMs.toFixed(1)} ms | ${cloneMs.toFixed(1)} ms | ${loadMs.toFixed(1)} ms | ${heapMiB.toFixed(2)} MiB | ${((heapMiB / routes) * 1000).toFixed(2)} MiB |`,
  );
}

console.log(`Node ${process.version}, ${new Date().toISOString()}\n`);
console.log("| routes | routers | snapshot JSON | gzip | DO compile | DO full-snapshot clone | edge load | isolate heap held | heap per 1,000 routes |");
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) console.log(r);
console.log("\n(times: median of 5 runs)\n");

if (process.argv.includes("--no-writes")) process.exit(0);
const writes = await measureWrites([
  { label: "small", mesh: generateMesh(10, "small") },
  { label: "large", mesh: generateMesh(1000, "large") },
]);
console.log("Writes through the API into one mesh Durable Object (workerd via Miniflare, SigV4, SQLite, recompile per write):\n");
console.log("| mesh | routes | creates/s while loading (8 parallel) | UpdateRoute/s, 1 client | UpdateRoute/s, 8 clients |");
console.log("|---|---:|---:|---:|---:|");
for (const r of writes) console.log(r);
