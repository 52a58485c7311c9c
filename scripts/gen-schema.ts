/**
 * Generates the valibot schemas and the REST operation table from the App Mesh API model.
 *
 *   npx tsx scripts/gen-schema.ts          # writes src/schema/*.gen.ts
 *   npx tsx scripts/gen-schema.ts --check  # exits 1 when the committed files are stale
 *
 * The model (src/schema/model/, botocore, Apache-2.0) is the contract: field names,
 * constraints, enums, unions, HTTP bindings. Nothing here is hand-tuned per shape.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { renderOperations, renderSchemas, type Model } from "./gen-schema-render";

const root = resolve(import.meta.dirname, "..");
const modelPath = join(root, "src/schema/model/appmesh-2019-01-25.service-2.json");

/** Returns the generated files as `[relative path, contents]` pairs. */
export function generate(): Array<[string, string]> {
  const model = JSON.parse(readFileSync(modelPath, "utf8")) as Model;
  return [
    ["src/schema/appmesh.gen.ts", renderSchemas(model)],
    ["src/schema/operations.gen.ts", renderOperations(model)],
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const check = process.argv.includes("--check");
  let stale = false;
  for (const [rel, text] of generate()) {
    const path = join(root, rel);
    if (check) {
      let current = "";
      try {
        current = readFileSync(path, "utf8");
      } catch {
        /* missing counts as stale */
      }
      if (current !== text) {
        stale = true;
        console.error(`stale: ${rel}`);
      }
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${rel}`);
    }
  }
  if (stale) process.exit(1);
}
