import fc from "fast-check";
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "../../../src/schema/operations.gen";
import { startWorker, type RunningWorker } from "../support/start-worker";
import { NAMES, createFixtureMesh } from "./support/fixture-mesh";
import { fuzzCase, mutate, validBody, type FuzzCase } from "./support/fuzz-input";
import { httpApi, listAll, type ApiAnswer, type HttpApi } from "./support/http-api";

const SEED = 20261122;
const RUNS = 2000;
const CONCURRENCY = 4;
/** An answer later than this counts as a hang (a failure, not a timing threshold on speed). */
const HANG_MS = 15_000;

function withDeadline<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
const ERROR_TYPES = new Set([
  "BadRequestException",
  "ForbiddenException",
  "NotFoundException",
  "ConflictException",
  "ResourceInUseException",
  "LimitExceededException",
  "TooManyTagsException",
  "TooManyRequestsException",
]);

let meshArn = "";
let w: RunningWorker;
let api: HttpApi["api"];
let ok: HttpApi["ok"];
// Real workerd over real HTTP (startWorker): the vitest workers pool slows down request after
// request in one test file, which would make a few thousand cases take minutes.
beforeAll(async () => {
  // The fuzzer sends hundreds of bad signatures on purpose, then checks with good ones.
  w = await startWorker({ authFailureLimit: 100_000 });
  ({ api, ok } = httpApi(w.url));
  await createFixtureMesh({ api, ok }, "fz");
  meshArn = (await ok<{ metadata: { arn: string } }>("GET", "/v20190125/meshes/fz")).metadata.arn;
}, 120_000);
afterAll(() => w?.stop());

/** Builds the request of one case: the operation's path with valid or hostile parameters. */
function requestOf(c: FuzzCase): { method: string; path: string; body: string | undefined } {
  const op = operations[c.op];
  let i = 0;
  const path = op.requestUri.replace(/\{(\w+)\}/g, (_, param: string) => {
    const hostile = c.params[i++ % 3];
    // Deletes always aim at a hostile name so the fixture survives for the other cases.
    if (hostile === null || hostile === undefined)
      return param === "meshName"
        ? "fz"
        : c.op.startsWith("Delete") && i === 1
          ? "no-such"
          : ((NAMES as Record<string, string>)[param] ?? "x");
    const [s, raw] = hostile;
    // A raw "../" may climb out of /v20190125 (URL normalization): then it is a data-plane
    // request, not an API case, so such a parameter is sent encoded instead.
    return raw && !/(^|\/)\.\.?($|\/)|[?#\\]/.test(s) ? s : encodeURIComponent(s);
  });
  const query = new URLSearchParams(c.query ?? ("resourceArn" in op.members ? { resourceArn: meshArn } : {})).toString();
  const valid = validBody(c.op, c.name);
  // fetch cannot send a GET body; every other method gets the fuzzed one.
  const body =
    c.body.kind === "none" || op.method === "GET"
      ? undefined
      : c.body.kind === "valid"
        ? JSON.stringify(valid ?? {})
        : c.body.kind === "mutated"
          ? (JSON.stringify(mutate(valid ?? {}, c.body.at, c.body.value)) ?? "null")
          : c.body.kind === "json"
            ? JSON.stringify(c.body.value)
            : c.body.value;
  return { method: op.method, path: query === "" ? path : `${path}?${query}`, body };
}

/** What is wrong with an answer's shape (undefined when it is a proper App Mesh answer). */
function shapeProblem(a: ApiAnswer): string | undefined {
  if (a.status >= 500) return "5xx";
  if (a.status >= 400) {
    if (!ERROR_TYPES.has(a.errorType ?? "")) return `error type ${a.errorType}`;
    if (typeof (a.json as { message?: unknown } | undefined)?.message !== "string") return "no message";
  } else if (a.json === null || typeof a.json !== "object") return "body is not a JSON object";
  return undefined;
}

describe("API fuzzing (seeded)", () => {
  it(`answers ${RUNS} malformed requests over every operation without a 5xx, always in App Mesh's error shape`, async () => {
    // A fixed-seed sample sent by a few concurrent workers (the cases are independent; the
    // failing case is printed whole, so no shrinking is needed to reproduce it).
    const cases = fc.sample(fuzzCase, { seed: SEED, numRuns: RUNS });
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < cases.length && failures.length === 0) {
        const c = cases[next++] as FuzzCase;
        const r = requestOf(c);
        const a = await withDeadline(api(r.method, r.path, r.body), HANG_MS);
        if (a === undefined) {
          failures.push(`no answer within ${HANG_MS} ms: ${c.op} ${r.method} ${r.path} body=${String(r.body).slice(0, 300)}`);
          continue;
        }
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
        const problem = shapeProblem(a);
        if (problem !== undefined)
          failures.push(
            `${problem}: ${c.op} ${r.method} ${r.path} body=${String(r.body).slice(0, 300)} -> ${a.status} ${a.text.slice(0, 300)}`,
          );
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(failures).toEqual([]);
    // The cases must reach handlers, not only bounce off validation: some succeed, many 4xx.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(RUNS / 40);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(RUNS / 10);
    expect(statuses.get(404) ?? 0).toBeGreaterThan(RUNS / 20);
  }, 120_000);

  it("stored only resources that are addressable and describe as valid model shapes", async () => {
    const problems: string[] = [];
    // Describe answers carry the model's payload member alone; the output schema wraps it.
    const describe = async (op: { output: v.GenericSchema; outputPayload?: string }, path: string, name: string, what: string) => {
      // "." and ".." are removed from any URL path by URL normalization (clients and runtime),
      // so a resource with such a name could never be described, updated or deleted again.
      if (name === "." || name === "..") return problems.push(`${what}: stored under the unaddressable name '${name}'`);
      const a = await api("GET", path);
      if (a.status !== 200) return problems.push(`${what}: describe answered ${a.status} ${a.text.slice(0, 120)}`);
      const r = v.safeParse(op.output, op.outputPayload === undefined ? a.json : { [op.outputPayload]: a.json });
      if (!r.success) problems.push(`${what}: ${JSON.stringify(r.issues[0]?.path?.map((p) => p.key))} ${r.issues[0]?.message}`);
      return 0;
    };
    const e = encodeURIComponent;
    const meshes = await listAll(ok, "/v20190125/meshes", "meshes");
    expect(meshes.length).toBeGreaterThan(0);
    for (const { meshName } of meshes as { meshName: string }[]) {
      const base = `/v20190125/meshes/${e(meshName)}`;
      await describe(operations.DescribeMesh, base, meshName, `mesh ${meshName}`);
      if (meshName === "." || meshName === "..") continue;
      for (const [kind, op] of [
        ["virtualNode", operations.DescribeVirtualNode],
        ["virtualRouter", operations.DescribeVirtualRouter],
        ["virtualService", operations.DescribeVirtualService],
        ["virtualGateway", operations.DescribeVirtualGateway],
      ] as const) {
        for (const r of await listAll(ok, `${base}/${kind}s`, `${kind}s`)) {
          const name = r[`${kind}Name`] as string;
          await describe(op, `${base}/${kind}s/${e(name)}`, name, `${meshName}/${kind} ${name}`);
          if (name === "." || name === "..") continue;
          const child =
            kind === "virtualRouter"
              ? (["routes", "routeName", operations.DescribeRoute] as const)
              : kind === "virtualGateway"
                ? (["gatewayRoutes", "gatewayRouteName", operations.DescribeGatewayRoute] as const)
                : undefined;
          if (child === undefined) continue;
          const [list, field, childOp] = child;
          for (const c of await listAll(ok, `${base}/${kind}/${e(name)}/${list}`, list)) {
            const childName = c[field] as string;
            await describe(
              childOp,
              `${base}/${kind}/${e(name)}/${list}/${e(childName)}`,
              childName,
              `${meshName}/${name}/${list} ${childName}`,
            );
          }
        }
      }
    }
    expect(problems).toEqual([]);
  }, 60_000);
});
