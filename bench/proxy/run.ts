/**
 * `npm run bench:proxy`: the edge data plane under wrk, against its floor and nginx.
 *
 * In one run, on this machine, each target gets the same bounded load (wrk: 2 threads,
 * 32 connections, a few seconds after a 1 s warm-up), all ending at the same two static nginx
 * upstreams. The targets take turns over ROUNDS rounds, so that load from other processes on
 * the machine hits every target alike:
 *   (a) upstream     straight to one upstream (what the network and wrk cost)
 *   (b) trivial      a 3-line forwarding Worker in the same workerd (the floor for any Worker)
 *   (b2) awaiting    a Worker that awaits the upstream fetch before answering (the floor for
 *                    any Worker that looks at the upstream's status, as retries must)
 *   (c) nginx        nginx split_clients 80/20 over the two upstreams
 *   (m) meshedge     the real Worker: Host -> virtual service -> router -> weighted route 80/20
 *   (l) lean         the same with ROUTE_HEADERS=off and ACCESS_LOG=off
 * Throughput ratios are the median of each round's ratio (paired: both figures from the same
 * round). Added latency is measured without queueing: one connection at a time (wrk -c1) against
 * the trivial Worker and meshedge, in every round; at 32 connections a CPU-bound runtime's
 * median is mostly time spent waiting in its queue, which the throughput figure already shows.
 * Then convergence: how long after UpdateRoute's answer every request follows the new weights.
 * Prints markdown tables and writes JSON to bench/results/.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { edgeRequest } from "../../test/node/support/edge-request";
import { DEV_ACCESS_KEYS } from "../../test/support/credentials";
import { convergence, type ConvergenceTrial } from "./convergence";
import { client, createBenchMesh, MESH, SERVICE } from "./mesh-setup";
import { startNginx } from "./nginx";
import { waitForHttp } from "./ports";
import { startAwaitingForwarder, startMeshedge, startTrivialForwarder, type BenchWorker } from "./workers";
import { wrk, type WrkResult } from "./wrk";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 3);

async function measure(
  label: string,
  url: string,
  pids: number[],
  host?: string,
  connections = CONNECTIONS,
  seconds = SECONDS,
): Promise<WrkResult> {
  const h = host ? { host } : {};
  await wrk(url, { seconds: 1, connections, ...h });
  const r = await wrk(url, { seconds, connections, pids, ...h });
  console.error(
    `  ${label} (-c${connections}): ${r.rps.toFixed(0)} req/s, p50 ${r.p50ms.toFixed(3)} ms, p99 ${r.p99ms.toFixed(3)} ms, cpu ${r.cpuUsPerReq.toFixed(0)} µs/req, errors ${r.errors}`,
  );
  return r;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Per-target medians over the rounds (errors are summed). */
function combine(runs: WrkResult[]): WrkResult {
  return {
    rps: median(runs.map((r) => r.rps)),
    p50ms: median(runs.map((r) => r.p50ms)),
    p99ms: median(runs.map((r) => r.p99ms)),
    requests: runs.reduce((s, r) => s + r.requests, 0),
    errors: runs.reduce((s, r) => s + r.errors, 0),
    cpuUsPerReq: median(runs.map((r) => r.cpuUsPerReq)),
  };
}

/** Median over the rounds of a per-round comparison of two targets. */
const paired = (rounds: Record<string, WrkResult>[], f: (r: Record<string, WrkResult>) => number) => median(rounds.map(f));

async function meshedgeWith(label: string, vars: Record<string, string>, upstreamA: number, upstreamB: number): Promise<BenchWorker> {
  console.error(`starting ${label} in workerd...`);
  const w = await startMeshedge({ MESHEDGE_ACCESS_KEYS: DEV_ACCESS_KEYS, SERVED_MESHES: MESH, SERVED_GATEWAYS: "", ...vars });
  await createBenchMesh(client(w.url), upstreamA, upstreamB);
  // Check the split is live before measuring it.
  const probe = await edgeRequest(w.url, SERVICE, "/");
  if (probe.status !== 200) throw new Error(`${label} answered ${probe.status}: ${probe.body}`);
  return w;
}

const nginx = await startNginx();
const upstreamA = `http://127.0.0.1:${nginx.upstreamA}`;
const trivial = await startTrivialForwarder(upstreamA);
const awaiting = await startAwaitingForwarder(upstreamA);
const started: BenchWorker[] = [trivial, awaiting];
const rounds: Record<string, WrkResult>[] = [];
const latency: Record<string, WrkResult>[] = [];
const trials: ConvergenceTrial[] = [];
let edge: BenchWorker;
try {
  edge = await meshedgeWith("meshedge", {}, nginx.upstreamA, nginx.upstreamB);
  started.push(edge);
  const lean = await meshedgeWith("meshedge (lean)", { ROUTE_HEADERS: "off", ACCESS_LOG: "off" }, nginx.upstreamA, nginx.upstreamB);
  started.push(lean);
  await waitForHttp(`${trivial.url}/`);
  await waitForHttp(`${awaiting.url}/`);
  console.error(`load: wrk -t2 -c${CONNECTIONS} -d${SECONDS}s (after a 1 s warm-up); latency: wrk -t1 -c1 -d${LATENCY_SECONDS}s`);
  for (let i = 0; i < ROUNDS; i++) {
    console.error(`round ${i + 1}/${ROUNDS}`);
    rounds.push({
      upstream: await measure("upstream", `${upstreamA}/`, nginx.pids),
      trivial: await measure("trivial Worker", `${trivial.url}/`, trivial.pids),
      awaiting: await measure("awaiting Worker", `${awaiting.url}/`, awaiting.pids),
      nginx: await measure("nginx split_clients", `http://127.0.0.1:${nginx.split}/`, nginx.pids),
      meshedge: await measure("meshedge", `${edge.url}/`, edge.pids, SERVICE),
      lean: await measure("meshedge (lean)", `${lean.url}/`, lean.pids, SERVICE),
    });
    latency.push({
      trivial: await measure("trivial Worker", `${trivial.url}/`, trivial.pids, undefined, 1, LATENCY_SECONDS),
      awaiting: await measure("awaiting Worker", `${awaiting.url}/`, awaiting.pids, undefined, 1, LATENCY_SECONDS),
      meshedge: await measure("meshedge", `${edge.url}/`, edge.pids, SERVICE, 1, LATENCY_SECONDS),
      lean: await measure("meshedge (lean)", `${lean.url}/`, lean.pids, SERVICE, 1, LATENCY_SECONDS),
    });
  }
  const TRIALS = Number(process.env.BENCH_TRIALS ?? 6);
  console.error(`convergence after UpdateRoute (${TRIALS} trials under steady traffic)...`);
  // Traffic on the peer isolate: the API call is served by the first one, so the peer only
  // learns of the change through its own snapshot refresh (the cross-isolate case).
  const c = client(edge.url);
  for (let i = 0; i < TRIALS; i++) trials.push(await convergence(c, edge.peerUrl!, i % 2 === 0 ? "b" : "a"));
} finally {
  for (const w of started.reverse()) await w.stop();
  await nginx.stop();
}

const results: Record<string, WrkResult> = {};
for (const k of ["upstream", "trivial", "awaiting", "nginx", "meshedge", "lean"]) results[k] = combine(rounds.map((r) => r[k]!));
const idle: Record<string, WrkResult> = {};
for (const k of ["trivial", "awaiting", "meshedge", "lean"]) idle[k] = combine(latency.map((r) => r[k]!));
const t = results.trivial!;
const n = results.nginx!;
const vsTrivial = (k: string) => paired(rounds, (r) => r[k]!.rps / r.trivial!.rps);
const vsAwaiting = (k: string) => paired(rounds, (r) => r[k]!.rps / r.awaiting!.rps);
const vsNginx = (k: string) => paired(rounds, (r) => r[k]!.rps / r.nginx!.rps);
const cpuVsTrivial = (k: string) => paired(rounds, (r) => r[k]!.cpuUsPerReq / r.trivial!.cpuUsPerReq);
const addedMs = (k: string) => paired(latency, (r) => r[k]!.p50ms - r.trivial!.p50ms);
const row = (name: string, k: string, r: WrkResult) =>
  `| ${name} | ${r.rps.toFixed(0)} | ${r.p50ms.toFixed(3)} | ${r.p99ms.toFixed(3)} | ${r.cpuUsPerReq.toFixed(0)} | ${(k === "trivial" ? 1 : vsTrivial(k)).toFixed(2)} | ${(k === "nginx" ? 1 : vsNginx(k)).toFixed(2)} | ${r.errors} |`;
const idleRow = (name: string, k: string) =>
  `| ${name} | ${idle[k]!.p50ms.toFixed(3)} | ${idle[k]!.p99ms.toFixed(3)} | ${idle[k]!.cpuUsPerReq.toFixed(0)} | ${k === "trivial" ? "-" : addedMs(k).toFixed(3)} |`;
const converged = trials.map((x) => x.convergedMs);
const worst = Math.max(...converged);
const goal = (value: number, met: boolean, goalText: string) => ({ goal: goalText, value: +value.toFixed(3), met });
const goals = {
  throughputVsTrivial: goal(vsTrivial("meshedge"), vsTrivial("meshedge") >= 0.9, ">= 0.90"),
  throughputVsTrivialLean: goal(vsTrivial("lean"), vsTrivial("lean") >= 0.9, ">= 0.90"),
  addedMedianMs: goal(addedMs("meshedge"), addedMs("meshedge") <= 0.2, "<= 0.2"),
  addedMedianMsLean: goal(addedMs("lean"), addedMs("lean") <= 0.2, "<= 0.2"),
  convergenceMs: goal(worst, worst < 1000, "< 1000"),
};
const yes = (b: boolean) => (b ? "yes" : "no");
const table = [
  `wrk -t2 -c${CONNECTIONS} -d${SECONDS}s on 127.0.0.1, ${ROUNDS} interleaved rounds (medians; ratios are medians of per-round ratios), ${new Date().toISOString()}`,
  "",
  "| target | req/s | p50 ms | p99 ms | CPU µs/req (target's processes) | req/s vs trivial Worker | req/s vs nginx | errors |",
  "|---|---:|---:|---:|---:|---:|---:|---:|",
  row("(a) upstream direct", "upstream", results.upstream!),
  row("(b) trivial forwarding Worker", "trivial", t),
  row("(b2) awaiting forwarding Worker", "awaiting", results.awaiting!),
  row("(c) nginx split_clients 80/20", "nginx", n),
  row("meshedge weighted route 80/20", "meshedge", results.meshedge!),
  row("meshedge, ROUTE_HEADERS=off ACCESS_LOG=off", "lean", results.lean!),
  "",
  `One connection at a time (wrk -t1 -c1 -d${LATENCY_SECONDS}s), same rounds:`,
  "",
  "| target | p50 ms | p99 ms | CPU µs/req | added p50 ms vs trivial |",
  "|---|---:|---:|---:|---:|",
  idleRow("(b) trivial forwarding Worker", "trivial"),
  idleRow("(b2) awaiting forwarding Worker", "awaiting"),
  idleRow("meshedge weighted route 80/20", "meshedge"),
  idleRow("meshedge, ROUTE_HEADERS=off ACCESS_LOG=off", "lean"),
  "",
  `| goal | target | meshedge (defaults) | met | lean | met |`,
  `|---|---|---:|---|---:|---|`,
  `| throughput vs trivial Worker | >= 0.90 | ${goals.throughputVsTrivial.value} | ${yes(goals.throughputVsTrivial.met)} | ${goals.throughputVsTrivialLean.value} | ${yes(goals.throughputVsTrivialLean.met)} |`,
  `| added median latency vs trivial (-c1) | <= 0.2 ms | ${goals.addedMedianMs.value} ms | ${yes(goals.addedMedianMs.met)} | ${goals.addedMedianMsLean.value} ms | ${yes(goals.addedMedianMsLean.met)} |`,
  `| convergence after UpdateRoute (worst of ${trials.length}) | < 1000 ms | ${goals.convergenceMs.value.toFixed(0)} ms | ${yes(goals.convergenceMs.met)} | - | - |`,
  `| (info) runtime CPU per request vs trivial Worker | - | ${cpuVsTrivial("meshedge").toFixed(3)}x | - | ${cpuVsTrivial("lean").toFixed(3)}x | - |`,
  `| (info) throughput vs the awaiting Worker (b2) | - | ${vsAwaiting("meshedge").toFixed(3)} | - | ${vsAwaiting("lean").toFixed(3)} | - |`,
  `| (info) added p50 at ${CONNECTIONS} connections (queueing included) | - | ${(results.meshedge!.p50ms - t.p50ms).toFixed(3)} ms | - | ${(results.lean!.p50ms - t.p50ms).toFixed(3)} ms | - |`,
  "",
  `convergence trials (ms): ${converged.map((x) => x.toFixed(0)).join(", ")} (old-target answers: ${trials.map((x) => x.oldAnswers).join(", ")}); access-log lines written by meshedge: ${edge!.logLines()}; machine load average at the end: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")} on ${cpus().length} CPUs`,
].join("\n");
console.log(table);
const dir = resolve(import.meta.dirname, "../results");
mkdirSync(dir, { recursive: true });
const file = join(dir, `proxy-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(
  file,
  JSON.stringify({ seconds: SECONDS, connections: CONNECTIONS, rounds, latency, results, idle, convergence: trials, goals }, null, 2),
);
console.error(`wrote ${file}`);
