import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAccessKeys } from "../src/auth/access-keys";
import { DEV_CREDENTIALS } from "./demo-seed";

/** The key `npm run dev` signs its seeding with (and the demo scripts use), and where it came from. */
export interface DevCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** "built-in" (the documented development key) or ".dev.vars". */
  source: "built-in" | ".dev.vars";
}

/**
 * The first read-write key of `MESHEDGE_ACCESS_KEYS` in `root/.dev.vars` (what `wrangler dev` gives
 * the Worker), else the built-in development key. With your own keys in `.dev.vars` the Worker
 * refuses the built-in one, so seeding, the banner and the demo scripts must use yours. Throws a
 * message naming `.dev.vars` when it holds no usable key.
 */
export function devCredentials(root: string): DevCredentials {
  const file = join(root, ".dev.vars");
  if (!existsSync(file)) return { ...DEV_CREDENTIALS, source: "built-in" };
  const line = readFileSync(file, "utf8")
    .split("\n")
    .find((l) => /^\s*MESHEDGE_ACCESS_KEYS\s*=/.test(l));
  if (line === undefined) return { ...DEV_CREDENTIALS, source: "built-in" };
  const raw = line
    .slice(line.indexOf("=") + 1)
    .trim()
    .replace(/^(["'])(.*)\1$/, "$2");
  const table = parseAccessKeys(raw);
  if (table.error !== undefined) throw new Error(`.dev.vars: ${table.error}`);
  const key = [...table.keys.values()].find((k) => !k.readOnly);
  if (key === undefined)
    throw new Error(".dev.vars: MESHEDGE_ACCESS_KEYS has no read-write key to seed the demo with (add one without :readonly)");
  return { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, source: ".dev.vars" };
}
