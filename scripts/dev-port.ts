import { connect } from "node:net";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** What listens on a local port: nothing, a meshedge Worker, or something else. */
export type PortOwner = { kind: "free" } | { kind: "meshedge" } | { kind: "other"; what: string };

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, "127.0.0.1", () => (s.destroy(), resolve(true)));
    s.on("error", () => resolve(false));
  });
}

/**
 * Who holds 127.0.0.1:`port`. Asked before `npm run dev` starts or seeds anything, so a second
 * run never re-seeds (and so breaks) the first one's mesh, nor fights another program for the port.
 */
export async function portOwner(port: number): Promise<PortOwner> {
  if (!(await connects(port))) return { kind: "free" };
  try {
    const res = await fetch(`http://127.0.0.1:${port}/_meshedge/health`, { signal: AbortSignal.timeout(2000) });
    const body = await res.text();
    if (res.ok && body.includes('"status":"ok"')) return { kind: "meshedge" };
    return { kind: "other", what: `it answered GET /_meshedge/health with HTTP ${res.status}` };
  } catch (e) {
    return { kind: "other", what: `it does not answer HTTP (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** The sentence `npm run dev` prints before it exits when its port is taken. */
export function portTakenMessage(port: number, owner: Exclude<PortOwner, { kind: "free" }>): string {
  const other = `MESHEDGE_DEV_PORT=${port + 1} npm run dev`;
  return owner.kind === "meshedge"
    ? `port ${port} is taken: meshedge is already running there (http://127.0.0.1:${port}/_meshedge/health answers). ` +
        `Use that one (its demo is seeded), or start another on a free port: ${other}. Nothing was started or changed.`
    : `port ${port} is taken by another program (${owner.what}). Stop it, or start on a free port: ${other}. Nothing was started.`;
}

/** Where `npm run dev` notes its port, so `npm run demo:canary` in another terminal finds it. */
export const devPortFile = (root: string): string => join(root, ".wrangler", "meshedge-dev-port");

export function writeDevPort(root: string, port: number): void {
  mkdirSync(dirname(devPortFile(root)), { recursive: true });
  writeFileSync(devPortFile(root), `${port}\n`);
}

export function clearDevPort(root: string): void {
  rmSync(devPortFile(root), { force: true });
}

/** MESHEDGE_DEV_PORT, else the port a running `npm run dev` noted, else 8787. */
export function devPort(root: string, env: NodeJS.ProcessEnv = process.env): number {
  if (env.MESHEDGE_DEV_PORT) return Number(env.MESHEDGE_DEV_PORT);
  try {
    const noted = Number(readFileSync(devPortFile(root), "utf8").trim());
    if (Number.isInteger(noted) && noted > 0) return noted;
  } catch {
    /* no npm run dev noted one */
  }
  return 8787;
}
