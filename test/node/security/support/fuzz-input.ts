import fc from "fast-check";
import { operations } from "../../../../src/schema/operations.gen";
import { VALID } from "./fixture-mesh";

/** Operation names of the model, in a fixed order (the seed must reproduce the same cases). */
export const OP_NAMES = Object.keys(operations).sort() as (keyof typeof operations)[];

/** Strings that break naive path, name and JSON handling. */
export const hostileString = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.string({ unit: "binary", maxLength: 24 }),
  fc.constantFrom(
    "",
    ".",
    "..",
    "%",
    "%2e%2e",
    "a/b",
    "a%2Fb",
    "x".repeat(300),
    "\u0000",
    "名前",
    "<script>",
    "../../etc/passwd",
    "%00",
    " ",
    "-1",
    "1e400",
    "__proto__",
    "constructor",
  ),
);

/** How the operation's body is built for one case. */
export const bodyCase = fc.oneof(
  fc.record({ kind: fc.constant("none" as const) }),
  fc.record({ kind: fc.constant("valid" as const) }),
  fc.record({
    kind: fc.constant("mutated" as const),
    at: fc.nat(),
    value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined), hostileString),
  }),
  fc.record({ kind: fc.constant("json" as const), value: fc.jsonValue({ maxDepth: 4 }) }),
  fc.record({
    kind: fc.constant("text" as const),
    value: fc.oneof(
      fc.string({ maxLength: 64 }),
      fc.constantFrom("{", '{"spec":', "[1,2", '{"a":1,"a":2}', "\u0000", "1e999", "{}garbage"),
    ),
  }),
);

/** One fuzz case: an operation, its path parameters (valid or hostile), a query and a body. */
export const fuzzCase = fc.record({
  op: fc.constantFrom(...OP_NAMES),
  params: fc.array(fc.option(fc.tuple(hostileString, fc.boolean()), { freq: 2 }), { minLength: 3, maxLength: 3 }),
  query: fc.option(
    fc.dictionary(
      fc.oneof(fc.constantFrom("limit", "nextToken", "meshOwner", "resourceArn"), hostileString),
      fc.oneof(hostileString, fc.integer().map(String)),
      { maxKeys: 3 },
    ),
  ),
  body: bodyCase,
  name: hostileString,
});
export type FuzzCase = typeof fuzzCase extends fc.Arbitrary<infer T> ? T : never;

/** The valid body of an operation (create bodies get `name` as the new resource's name). */
export function validBody(op: string, name: string): Record<string, unknown> | undefined {
  const m = /^(Create|Update)(Mesh|VirtualNode|VirtualRouter|Route|VirtualService|VirtualGateway|GatewayRoute)$/.exec(op);
  if (m) {
    const kind = ((m[2] as string).charAt(0).toLowerCase() + (m[2] as string).slice(1)) as keyof typeof VALID;
    return structuredClone(m[1] === "Create" ? { [`${kind}Name`]: name, ...VALID[kind] } : VALID[kind]) as Record<string, unknown>;
  }
  if (op === "TagResource") return { tags: [{ key: "k", value: "v" }] };
  if (op === "UntagResource") return { tagKeys: ["k"] };
  return undefined;
}

/** Replaces (or deletes, for undefined) the value at the `at`-th position of a depth-first walk. */
export function mutate(body: Record<string, unknown>, at: number, value: unknown): unknown {
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (node: unknown) => {
    if (node === null || typeof node !== "object") return;
    for (const key of Object.keys(node)) {
      const k = Array.isArray(node) ? Number(key) : key;
      slots.push({ parent: node as Record<string, unknown>, key: k });
      walk((node as Record<string, unknown>)[key]);
    }
  };
  walk(body);
  const slot = slots[at % Math.max(slots.length, 1)];
  if (slot === undefined) return value;
  if (value === undefined && !Array.isArray(slot.parent)) delete (slot.parent as Record<string, unknown>)[slot.key as string];
  else (slot.parent as Record<string | number, unknown>)[slot.key] = value;
  return body;
}
