/**
 * `npm run dev`: the local demo. Starts two upstreams on 127.0.0.1 (v1 and v2 of one service),
 * `wrangler dev` (local, offline, state persisted in .wrangler/state), seeds the demo mesh through
 * the App Mesh API with the development key, then prints what to try. Ctrl-C stops everything.
 *
 * Environment: MESHEDGE_DEV_PORT (8787), DEMO_V1_PORT (9081), DEMO_V2_PORT (9082),
 * MESHEDGE_DEV_PERSIST (.wrangler/state), MESHEDGE_DEV_QUIET=1 hides wrangler's own output.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { DEMO, DEV_CREDENTIALS, seedDemoMesh } from "./demo-seed";
import { devCredentials } from "./dev-keys";
import { clearDevPort, portOwner, portTakenMessage, writeDevPort } from "./dev-port";
import { startDemoUpstream, stopDemoUpstream, type DemoUpstream } from "./demo-upstreams";

const root = resolve(import.meta.dirname, "..");
const port = Number(process.env.MESHEDGE_DEV_PORT ?? 8787);
const persist = process.env.MESHEDGE_DEV_PERSIST ?? join(root, ".wrangler/state");
const quiet = process.env.MESHEDGE_DEV_QUIET === "1";
const base = `http://127.0.0.1:${port}`;

const upstreams: DemoUpstream[] = [];
let wrangler: ReturnType<typeof spawn> | undefined;
let stopping = false;
/** Set once this run owns the port (so a refused second run never clears the first one's note). */
let started = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (wrangler?.pid !== undefined && wrangler.exitCode === null) {
      // wrangler runs workerd as a child: signal the whole process group we created.
      try {
        process.kill(-wrangler.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
      await new Promise((r) => {
        wrangler?.once("exit", r);
        setTimeout(r, 3000);
      });
      try {
        process.kill(-wrangler.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
    await Promise.all(upstreams.map(stopDemoUpstream));
    if (started) clearDevPort(root);
  }
  process.exit(code);
}

/** Polls the health endpoint until wrangler dev answers (it compiles first; allow a minute). */
async function waitForWorker(): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (wrangler?.exitCode !== null) throw new Error(`wrangler dev exited with code ${wrangler?.exitCode}`);
    try {
      const r = await fetch(`${base}/_meshedge/health`);
      await r.arrayBuffer();
      if (r.status < 500) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`wrangler dev did not answer on ${base} within 90 s`);
}

function startWrangler(): void {
  const args = [
    "dev",
    "--local",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--persist-to",
    persist,
    "--show-interactive-dev-session=false",
  ];
  // A fresh clone has no .dev.vars: hand the documented development key to the local Worker so
  // the signed seeding below (and the dashboard's Basic auth) work out of the box.
  if (!existsSync(join(root, ".dev.vars"))) {
    args.push("--var", `MESHEDGE_ACCESS_KEYS:${DEV_CREDENTIALS.accessKeyId}:${DEV_CREDENTIALS.secretAccessKey}`);
  }
  wrangler = spawn(join(root, "node_modules/.bin/wrangler"), args, {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    stdio: ["ignore", quiet ? "ignore" : "pipe", quiet ? "ignore" : "pipe"],
    detached: true,
  });
  for (const s of [wrangler.stdout, wrangler.stderr]) {
    s?.on("data", (b: Buffer) => process.stdout.write(b.toString().replace(/^(?=.)/gm, "[wrangler] ")));
  }
  wrangler.on("exit", (code) => {
    if (!stopping) {
      console.error(`wrangler dev exited (${code})`);
      void stop(1);
    }
  });
}

async function main(): Promise<void> {
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, () => void stop(0));
  // The AWS SDK warns on every run that it will need Node 22 from 2027; it works on Node 20 today.
  const emit = process.emitWarning.bind(process);
  process.emitWarning = ((w: string | Error, ...rest: unknown[]) => {
    if (String(w instanceof Error ? w.name + w.message : w).includes("NodeVersionSupportWarning")) return;
    (emit as (...a: unknown[]) => void)(w, ...rest);
  }) as typeof process.emitWarning;
  // Before anything starts: a second `npm run dev` must not re-seed or break the first one.
  const owner = await portOwner(port);
  if (owner.kind !== "free") {
    console.error(`npm run dev: ${portTakenMessage(port, owner)}`);
    process.exit(1);
  }
  const key = devCredentials(root);
  upstreams.push(await startDemoUpstream("v1", Number(process.env.DEMO_V1_PORT ?? 9081)));
  upstreams.push(await startDemoUpstream("v2", Number(process.env.DEMO_V2_PORT ?? 9082)));
  const [v1, v2] = upstreams as [DemoUpstream, DemoUpstream];
  console.log(`demo upstreams: v1 on 127.0.0.1:${v1.port}, v2 on 127.0.0.1:${v2.port}`);
  startWrangler();
  started = true;
  writeDevPort(root, port);
  await waitForWorker();
  console.log(
    `seeding mesh '${DEMO.mesh}' through ${base}/v20190125 (${key.source === ".dev.vars" ? "your key from .dev.vars" : "dev key"} ${key.accessKeyId}):`,
  );
  await seedDemoMesh({ endpoint: base, ports: { v1: v1.port, v2: v2.port }, credentials: key, log: (l) => console.log(l) });
  const shown = `localhost:${port}`;
  const admin = `127.0.0.1:${port}`;
  console.log(`
meshedge is running (Ctrl-C stops everything):
  data plane   http://${shown}   (every hostname but the admin one: virtual services, gateways)
  admin plane  http://${admin}   (ADMIN_HOSTNAMES: the App Mesh API, /_meshedge/*, the dashboard)

  First request (virtual service by Host, ${DEMO.weights.v1}/${DEMO.weights.v2} split between v1 and v2):
    curl -s -H 'Host: ${DEMO.service}' ${shown}/
  Ten of them:
    for i in $(seq 10); do curl -s -H 'Host: ${DEMO.service}' ${shown}/; done
  Through the virtual gateway (${DEMO.gatewayPrefix} is rewritten to /):
    curl -s ${shown}${DEMO.gatewayPrefix}hello

  Dashboard:  http://${admin}/_meshedge/ui   (user ${key.accessKeyId}, ${key.source === ".dev.vars" ? "password: your secret from .dev.vars" : `password ${key.secretAccessKey}`})
  Canary:     npm run demo:canary   (in another terminal: an automated rollout of v2, watch the split bar move)
  AWS CLI:    AWS_ACCESS_KEY_ID=${key.accessKeyId} AWS_SECRET_ACCESS_KEY=${key.source === ".dev.vars" ? "<your secret>" : key.secretAccessKey} \\
                aws appmesh list-meshes --endpoint-url http://${admin} --region us-east-1
`);
}

main().catch((e: unknown) => {
  console.error(`npm run dev failed: ${e instanceof Error ? e.message : String(e)}`);
  void stop(1);
});
