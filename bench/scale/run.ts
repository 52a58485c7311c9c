/**
 * `npm run bench:scale`: what one mesh costs. For meshes of 250 / 1,000 / 4,000 routes:
 * the snapshot compile time (what the Durable Object runs, timed here in Node), the snapshot's
 * size (JSON and gzip, what crosses the RPC), and what an edge isolate holds after loading it
 * with the edge's own loader, `loadMesh` (V8 heap plus the typed arrays it allocates outside
 * the heap). Node runs the same V8 as workerd, so the memory figures transfer; the absolute
 * times are this machine's.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { loadMesh, type LoadedMesh } from "../../src/proxy/loaded-mesh";
import { compileMeshSnapshot } from "../../src/snapshot";
import type { MeshSnapshot } from "../../src/snapshot";
import { msPerBuild } from "../match/measure";
import { measureWrites } from "./do-writes";
import { generateMesh } from "./generate-mesh";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** V8 heap plus ArrayBuffer memory (the loaded retry tables are typed arrays) after full GCs. */
function memoryAfterGc(): number {
  for (let i = 0; i < 3; i++) gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** What an edge isolate keeps per mesh: the snapshot as SnapshotCache loads it. */
function loadAtEdge(json: string): LoadedMesh {
  return loadMesh(JSON.parse(json) as MeshSnapshot);
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
  const before = memoryAfterGc();
  const held = loadAtEdge(json);
  const after = memoryAfterGc();
  if (held.routers.size === 0) throw new Error("nothing loaded");
  const heapMiB = (after - before) / 2 ** 20;
  rows.push(
    `| ${routes.toLocaleString("en")} | ${mesh.virtualRouters.length} | ${(json.length / 1024).toFixed(0)} KiB | ${(gz / 1024).toFixed(0)} KiB | ` +
      `${compileMs.toFixed(1)} ms | ${cloneMs.toFixed(1)} ms | ${loadMs.toFixed(1)} ms | ${heapMiB.toFixed(2)} MiB | ${((heapMiB / routes) * 1000).toFixed(2)} MiB |`,
  );
}

console.log(`Node ${process.version}, ${new Date().toISOString()}\n`);
console.log(
  "| routes | routers | snapshot JSON | gzip | snapshot compile | full-snapshot clone | edge load (loadMesh) | isolate memory held | per 1,000 routes |",
);
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
