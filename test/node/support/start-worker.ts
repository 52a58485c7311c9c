import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { DEV_ACCESS_KEYS } from "../../support/credentials";
import { dataOriginOf } from "../../support/origins";

const root = resolve(import.meta.dirname, "../../..");
let built: string | undefined;

/** Bundles the Worker once per process with wrangler, exactly as `wrangler deploy` would. */
export function buildWorker(): string {
  if (built) return built;
  const outdir = mkdtempSync(join(tmpdir(), "meshedge-build-"));
  execFileSync(join(root, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", outdir], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
    stdio: "pipe",
  });
  built = join(outdir, "index.js");
  return built;
}

export interface StartOptions {
  /** Extra or overriding `[vars]`. */
  vars?: Record<string, string>;
  /** Keep Durable Object storage here (a restart with the same dir sees the same data). */
  persistDir?: string;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /**
   * Failed authentications per minute and address before 429 (wrangler.toml's AUTH_FAILURES
   * binding: 20). Only for tests that send many bad signatures on purpose (fuzzing) and then
   * go on with good ones; the throttle itself is tested with the shipped limit.
   */
  authFailureLimit?: number;
  /** Receives workerd's stdout/stderr (e.g. to assert that no "Uncaught" error was logged). */
  onRuntimeOutput?: (text: string) => void;
}

export interface RunningWorker {
  /** The admin origin (http://127.0.0.1:PORT): the App Mesh API, /_meshedge/*, the dashboard. */
  url: string;
  /** The data-plane origin of the same Worker (http://localhost:PORT; test/support/origins.ts). */
  dataUrl: string;
  mf: Miniflare;
  stop(): Promise<void>;
}

/**
 * Runs the bundled Worker in workerd through Miniflare (no `wrangler dev` proxy in front),
 * with the bindings, Durable Objects and vars that wrangler.toml declares.
 */
export async function startWorker(opts: StartOptions = {}): Promise<RunningWorker> {
  const scriptPath = buildWorker();
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(root, "wrangler.toml"));
  const ownPersist = opts.persistDir === undefined;
  const persist = opts.persistDir ?? mkdtempSync(join(tmpdir(), "meshedge-do-"));
  const mf = new Miniflare({
    ...(workerOptions as object),
    modules: true,
    scriptPath,
    modulesRoot: join(scriptPath, ".."),
    // The documented development key (SECURITY.md) unless the caller overrides MESHEDGE_ACCESS_KEYS.
    bindings: { ...(workerOptions.bindings ?? {}), MESHEDGE_ACCESS_KEYS: DEV_ACCESS_KEYS, ...(opts.vars ?? {}) },
    ...(opts.authFailureLimit !== undefined
      ? { ratelimits: { AUTH_FAILURES: { simple: { limit: opts.authFailureLimit, period: 60 } } } }
      : {}),
    durableObjectsPersist: persist,
    host: "127.0.0.1",
    port: opts.port ?? 0,
    ...(opts.onRuntimeOutput
      ? {
          handleRuntimeStdio: (out: NodeJS.ReadableStream, err: NodeJS.ReadableStream) => {
            for (const s of [out, err]) s.on("data", (d: Buffer) => opts.onRuntimeOutput?.(d.toString("utf8")));
          },
        }
      : {}),
  } as ConstructorParameters<typeof Miniflare>[0]);
  const url = (await mf.ready).toString().replace(/\/$/, "");
  return {
    url,
    dataUrl: dataOriginOf(url),
    mf,
    async stop() {
      await mf.dispose();
      if (ownPersist) rmSync(persist, { recursive: true, force: true });
    },
  };
}
