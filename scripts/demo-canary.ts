/**
 * `npm run demo:canary` (while `npm run dev` runs): starts an automated canary rollout on the demo
 * route (primary demo-v1, canary demo-v2) and sends a little traffic through the edge so each
 * check has numbers, printing every step. Open the dashboard to watch the split bar move.
 *
 * Environment: MESHEDGE_DEV_PORT (default: the port the running `npm run dev` noted in
 * .wrangler/meshedge-dev-port, else 8787), DEMO_RPS (10), DEMO_INTERVAL_S (10). Signs with your
 * key from .dev.vars when there is one, as `npm run dev` does.
 */
import { request } from "node:http";
import { resolve } from "node:path";
import { DEMO } from "./demo-seed";
import { devCredentials } from "./dev-keys";
import { devPort } from "./dev-port";

const root = resolve(import.meta.dirname, "..");
// MESHEDGE_DEV_PORT, else the port the running `npm run dev` noted (another terminal), else 8787.
const port = devPort(root);
const key = devCredentials(root);
const rps = Number(process.env.DEMO_RPS ?? 10);
const intervalS = Number(process.env.DEMO_INTERVAL_S ?? 10);
const base = `http://127.0.0.1:${port}/_meshedge/v1/meshes/${DEMO.mesh}/rollouts`;
// The project's own API takes HTTP Basic with an access key (see SECURITY.md) besides SigV4.
const auth = `Basic ${Buffer.from(`${key.accessKeyId}:${key.secretAccessKey}`).toString("base64")}`;

interface Rollout {
  rolloutName: string;
  status: { status: string; canaryWeight: number; primaryWeight: number; message: string };
}

async function call(method: string, url: string, body?: unknown): Promise<Rollout> {
  const res = await fetch(url, {
    method,
    headers: { authorization: auth, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as { rollout?: Rollout; message?: string };
  if (!res.ok || !json.rollout) throw new Error(`${method} ${url}: ${res.status} ${json.message ?? ""}`);
  return json.rollout;
}

/** One request to the demo service by Host (fetch cannot set Host, node:http can). */
function hit(): Promise<void> {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path: "/", headers: { host: DEMO.service } }, (res) => {
      res.resume();
      res.on("end", resolve);
    });
    req.on("error", () => resolve());
    req.end();
  });
}

async function main(): Promise<void> {
  const rolloutName = `demo-canary-${Date.now().toString(36)}`;
  const created = await call("PUT", base, {
    rolloutName,
    spec: {
      virtualRouterName: DEMO.router,
      routeName: DEMO.route,
      primaryVirtualNode: "demo-v1",
      canaryVirtualNode: "demo-v2",
      stepWeight: 20,
      maxWeight: 80,
      interval: { unit: "s", value: intervalS },
      analysis: { minSuccessRate: 99, maxP99LatencyMs: 2000, failedChecksThreshold: 2, minRequests: 5 },
    },
  });
  console.log(`rollout ${rolloutName} started: canary ${created.status.canaryWeight}%`);
  console.log(`watch it: http://127.0.0.1:${port}/_meshedge/ui/meshes/${DEMO.mesh}`);
  const traffic = setInterval(() => void hit(), Math.max(1, Math.round(1000 / rps)));
  let last = "";
  try {
    for (;;) {
      await new Promise((r) => setTimeout(r, 1000));
      const r = await call("GET", `${base}/${rolloutName}`);
      const line = `${r.status.status} canary ${r.status.canaryWeight}% · ${r.status.message}`;
      if (line !== last) console.log(`  ${new Date().toLocaleTimeString()} ${line}`);
      last = line;
      if (!["PROGRESSING", "PAUSED"].includes(r.status.status)) break;
    }
  } finally {
    clearInterval(traffic);
  }
}

main().catch((e: unknown) => {
  const why = e instanceof Error ? `${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ""}` : String(e);
  console.error(
    `demo:canary failed against http://127.0.0.1:${port}: ${why}. Is npm run dev running on port ${port}? (MESHEDGE_DEV_PORT sets another)`,
  );
  process.exit(1);
});
