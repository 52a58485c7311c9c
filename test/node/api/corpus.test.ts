/**
 * Configurations written by other people, replayed through the real AWS SDK: each fixture under
 * test/fixtures/appmesh/ reproduces public App Mesh material (its `source` says which) and is
 * created, described and deleted. A spec must come back as written, plus only App Mesh's own
 * fill-ins, each listed: a fixture's `fills` (merged into the spec it expects) and, on Describe
 * and Delete of a virtual node stored without backends, `backends: []`.
 */
import * as appmesh from "@aws-sdk/client-app-mesh";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_KEY, DEV_REGION } from "../../support/credentials";
import { startWorker, type RunningWorker } from "../support/start-worker";

type Json = Record<string, unknown>;
interface Fixture {
  source: string;
  resources: Array<{
    op: "Mesh" | "VirtualNode" | "VirtualRouter" | "Route" | "VirtualService" | "VirtualGateway" | "GatewayRoute";
    input: Json;
    fills?: Json;
  }>;
}

const DIR = resolve(import.meta.dirname, "../../fixtures/appmesh");
const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort();

/** The keys of a resource's input that name it (everything but spec and tags). */
const nameOf = (input: Json): Json => Object.fromEntries(Object.entries(input).filter(([k]) => k !== "spec" && k !== "tags"));
const isObj = (x: unknown): x is Json => typeof x === "object" && x !== null && !Array.isArray(x);

/** `base` with `fills` merged in (objects by key, arrays by index). */
function withFills(base: unknown, fills: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(fills)) return base.map((b, i) => (i < fills.length ? withFills(b, fills[i]) : b));
  if (isObj(base) && isObj(fills)) {
    const out: Json = { ...base };
    for (const [k, v] of Object.entries(fills)) out[k] = k in base ? withFills(base[k], v) : v;
    return out;
  }
  return fills ?? base;
}

/** The SDK command for `verb` + `op`, e.g. CreateVirtualNodeCommand. */
function command(verb: "Create" | "Describe" | "Delete", op: string, input: Json): appmesh.CreateMeshCommand {
  const Cmd = (appmesh as unknown as Record<string, new (i: Json) => appmesh.CreateMeshCommand>)[`${verb}${op}Command`];
  if (!Cmd) throw new Error(`no ${verb}${op}Command`);
  return new Cmd(input);
}

const dataKey = (op: string): string => op[0]!.toLowerCase() + op.slice(1);

let w: RunningWorker;
let sdk: appmesh.AppMeshClient;
beforeAll(async () => {
  w = await startWorker();
  sdk = new appmesh.AppMeshClient({ endpoint: w.url, region: DEV_REGION, maxAttempts: 1, credentials: DEV_KEY });
}, 120_000);
afterAll(() => w?.stop());

describe("public App Mesh configurations through the real SDK", () => {
  it.each(fixtures)(
    "%s: create, describe (spec round trip) and delete",
    async (file) => {
      const fx = JSON.parse(readFileSync(join(DIR, file), "utf8")) as Fixture;
      expect(fx.source.length).toBeGreaterThan(20);
      const meshName = `corpus-${file.replace(/\.json$/, "")}`;
      const created: Array<{ op: string; input: Json; spec: unknown }> = [];
      for (const r of fx.resources) {
        const input = { ...r.input, meshName };
        const expected = r.fills ? withFills(r.input["spec"] ?? {}, r.fills["spec"]) : r.input["spec"];
        const out = (await sdk.send(command("Create", r.op, input))) as unknown as Json;
        const data = out[dataKey(r.op)] as Json;
        expect(data["spec"], `${file}: Create${r.op} ${JSON.stringify(nameOf(r.input))}`).toEqual(expected);
        created.push({ op: r.op, input: nameOf(input), spec: expected });
      }
      for (const c of created) {
        const out = (await sdk.send(command("Describe", c.op, c.input))) as unknown as Json;
        const spec = (out[dataKey(c.op)] as Json)["spec"];
        // App Mesh's read answers show a node stored without backends with `backends: []` (describe-virtual-node.rst).
        const expected = c.op === "VirtualNode" && isObj(c.spec) && !("backends" in c.spec) ? { ...c.spec, backends: [] } : c.spec;
        expect(spec, `${file}: Describe${c.op} ${JSON.stringify(c.input)}`).toEqual(expected);
      }
      // Children and referrers first: the reverse of the order they were created in.
      for (const c of [...created].reverse()) {
        const out = (await sdk.send(command("Delete", c.op, c.input))) as unknown as Json;
        expect((out[dataKey(c.op)] as Json)["status"], `${file}: Delete${c.op} ${JSON.stringify(c.input)}`).toEqual({ status: "DELETED" });
      }
      await expect(sdk.send(new appmesh.DescribeMeshCommand({ meshName }))).rejects.toBeInstanceOf(appmesh.NotFoundException);
    },
    60_000,
  );
});
