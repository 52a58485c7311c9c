import { parseArgs } from "node:util";
import { fail, keyValues } from "./migrate/cli-args";
import { DEFAULT_ENDPOINT } from "./migrate/client";
import { runImport } from "./migrate/run-import";

const USAGE = `usage: npm run import -- [options] FILE...

Imports App Mesh resources from CloudFormation templates (YAML or JSON), App Mesh controller
manifests (appmesh.k8s.aws/v1beta2) and App Mesh JSON (describe-* output, --cli-input-json
files, npm run export output) into a meshedge deployment, in dependency order. Re-running
changes nothing; changed input updates.

  --endpoint URL        the admin origin (default ${DEFAULT_ENDPOINT}); keys from
                        AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, else the development key
  --param Key=Value     a template parameter, pseudo parameter (AWS::Region) or the value of a
                        resource the import does not create (LogicalId, LogicalId.Attribute)
  --import Name=Value   the value of Fn::ImportValue Name
  --mesh NAME           the mesh of controller manifests that no Mesh selects
  --dry-run             print the plan (create / update / unchanged), change nothing`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    endpoint: { type: "string" },
    param: { type: "string", multiple: true },
    import: { type: "string", multiple: true },
    mesh: { type: "string" },
    "dry-run": { type: "boolean" },
    help: { type: "boolean" },
  },
});
if (values.help || positionals.length === 0) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 1);
}
try {
  await runImport({
    files: positionals,
    endpoint: values.endpoint,
    mesh: values.mesh,
    dryRun: values["dry-run"] ?? false,
    params: keyValues(values.param, "--param"),
    imports: keyValues(values.import, "--import"),
    log: (l) => console.log(l),
  });
} catch (e) {
  fail(e);
}
