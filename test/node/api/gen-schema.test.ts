import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, it } from "vitest";
import { generate } from "../../../scripts/gen-schema";

const root = resolve(import.meta.dirname, "../../..");

it("re-running the generator reproduces the committed schema files byte for byte", () => {
  for (const [rel, text] of generate()) {
    expect(readFileSync(join(root, rel), "utf8"), rel).toBe(text);
  }
});

it("generates all 38 operations of the model", () => {
  const ops = generate().find(([rel]) => rel.endsWith("operations.gen.ts"))![1];
  expect(ops.match(/^ {2}\w+: \{/gm)).toHaveLength(38);
});
