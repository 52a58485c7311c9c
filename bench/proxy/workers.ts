import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { freePort } from "../../test/node/support/free-port";
import { buildWorker } from "../../test/node/support/start-worker";
import { childPids } from "./cpu";

/** workerd processes started by `start` (Miniflare spawns one per instance). */
async function spawned<T>(start: () => Promise<T>): Promise<[T, number[]]> {
  const before = new Set(childPids(process.pid, "workerd"));
  const value = await start();
  return [value, childPids(process.pid, "workerd").filter((p) => !before.has(p))];
}

const root = resolve(import.meta.dirname, "../..");

/**
 * Miniflare sends every outbound fetch of a Worker through a JS Worker of its own that strips
 * CF-Connecting-IP (`stripCfConnectingIp`, default on): a second Worker invocation per
 * subrequest, about 70-90 µs of CPU here, that a deployed Worker does not pay. Every Worker of
 * the benchmark (meshedge, its peer and both forwarders) fetches its upstream directly instead,
 * as it would on Cloudflare.
 */
const DEPLOYED_OUTBOUND = { stripCfConnectingIp: false } as const;

export interface BenchWorker {
  url: string;
  /**
   * A second isolate of the same Worker sharing its Durable Objects (meshedge only): the view
   * of an edge isolate that did not serve the management call, as any other isolate in a
   * deployment. Its snapshot cache is its own.
   */
  peerUrl?: string;
  /** The workerd process(es) this Miniflare started (for CPU accounting). */
  pids: number[];
  /** Lines the runtime printed (access log etc.), counted but not echoed: printing costs. */
  logLines(): number;
  stop(): Promise<void>;
}

function drain(counter: { n: number }) {
  return (stdout: Readable, stderr: Readable) => {
    stdout.on("data", (b: Buffer) => {
      for (let i = 0; i < b.length; i++) if (b[i] === 10) counter.n++;
    });
    stderr.resume();
  };
}

/**
 * meshedge itself in workerd via Miniflare, bundled by `wrangler deploy --dry-run` (as
 * test/node/support/start-worker.ts does), with the runtime's stdout drained instead of
 * printed: every proxied request writes one access-log line, and echoing 10k lines/s to a
 * terminal would measure the terminal.
 */
export async function startMeshedge(vars: Record<string, string>): Promise<BenchWorker> {
  const scriptPath = buildWorker();
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(root, "wrangler.toml"));
  const persist = mkdtempSync(join(tmpdir(), "meshedge-bench-do-"));
  const counter = { n: 0 };
  const peerPort = await freePort();
  const directPort = await freePort();
  const worker = {
    ...(workerOptions as object),
    modules: true,
    scriptPath,
    modulesRoot: join(scriptPath, ".."),
    bindings: { ...(workerOptions.bindings ?? {}), ...vars },
    ...DEPLOYED_OUTBOUND,
  };
  const mf = new Miniflare({
    durableObjectsPersist: persist,
    host: "127.0.0.1",
    port: 0,
    handleRuntimeStdio: drain(counter),
    workers: [
      // A direct socket: wrk talks to workerd's own listener for this Worker, without
      // Miniflare's entry Worker in front (what a deployed Worker gets).
      { ...worker, name: "meshedge", unsafeDirectSockets: [{ host: "127.0.0.1", port: directPort }] },
      {
        ...worker,
        name: "peer",
        durableObjects: {
          MESH: { className: "MeshObject", scriptName: "meshedge", useSQLite: true },
          REGISTRY: { className: "RegistryObject", scriptName: "meshedge", useSQLite: true },
        },
        unsafeDirectSockets: [{ host: "127.0.0.1", port: peerPort }],
      },
    ],
  } as unknown as ConstructorParameters<typeof Miniflare>[0]);
  const [, pids] = await spawned(() => mf.ready);
  return {
    url: `http://127.0.0.1:${directPort}`,
    peerUrl: `http://127.0.0.1:${peerPort}`,
    pids,
    logLines: () => counter.n,
    async stop() {
      await mf.dispose();
      rmSync(persist, { recursive: true, force: true });
    },
  };
}

/** The floor: a 3-line Worker that forwards every request to one upstream, same runtime. */
const TRIVIAL = `export default {
  fetch(req, env) { const u = new URL(req.url); return fetch(env.UPSTREAM + u.pathname + u.search, req); },
};`;

/**
 * The least a proxy that retries must do: wait for the upstream's answer in JS (to see its
 * status) before answering, with its own fetch init. No header, timer or log work at all.
 */
const AWAITING = `export default {
  async fetch(req, env) {
    const u = new URL(req.url);
    const res = await fetch(env.UPSTREAM + u.pathname + u.search, { method: req.method, headers: req.headers, body: req.body, redirect: "manual" });
    return res;
  },
};`;

async function startScriptWorker(script: string, upstream: string): Promise<BenchWorker> {
  const counter = { n: 0 };
  const directPort = await freePort();
  const mf = new Miniflare({
    unsafeDirectSockets: [{ host: "127.0.0.1", port: directPort }],
    modules: true,
    compatibilityDate: "2026-05-01",
    compatibilityFlags: ["nodejs_compat"],
    script,
    bindings: { UPSTREAM: upstream },
    ...DEPLOYED_OUTBOUND,
    host: "127.0.0.1",
    port: 0,
    handleRuntimeStdio: drain(counter),
  });
  const [, pids] = await spawned(() => mf.ready);
  return { url: `http://127.0.0.1:${directPort}`, pids, logLines: () => counter.n, stop: () => mf.dispose() };
}

export const startTrivialForwarder = (upstream: string) => startScriptWorker(TRIVIAL, upstream);
export const startAwaitingForwarder = (upstream: string) => startScriptWorker(AWAITING, upstream);
