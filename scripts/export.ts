import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { fail } from "./migrate/cli-args";
import { appMeshClient, DEFAULT_ENDPOINT } from "./migrate/client";
import { readMesh, toAppMeshJson, toCloudFormation } from "./migrate/export-mesh";

const USAGE = `usage: npm run export -- --mesh NAME [--format cloudformation|json] [--out FILE]

Writes a mesh as a file to keep in git: a CloudFormation template (YAML, the default) or App
Mesh JSON (a list of create-* inputs). Both import back with npm run import.

  --endpoint URL   the admin origin (default ${DEFAULT_ENDPOINT}); keys from
                   AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, else the development key
  --out FILE       write there instead of standard output`;

const { values } = parseArgs({
  options: {
    mesh: { type: "string" },
    format: { type: "string" },
    out: { type: "string" },
    endpoint: { type: "string" },
    help: { type: "boolean" },
  },
});
const format = values.format ?? "cloudformation";
if (values.help || !values.mesh || !["cloudformation", "json"].includes(format)) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 1);
}
const am = appMeshClient({ endpoint: values.endpoint });
try {
  const resources = await readMesh(am, values.mesh);
  const text = format === "json" ? toAppMeshJson(resources) : toCloudFormation(resources);
  if (values.out) {
    writeFileSync(values.out, text);
    console.error(`wrote ${resources.length} resources of mesh ${values.mesh} to ${values.out}`);
  } else process.stdout.write(text);
} catch (e) {
  fail(e);
} finally {
  am.destroy();
}
