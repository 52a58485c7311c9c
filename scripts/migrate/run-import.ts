import { applyPlan } from "./apply";
import { appMeshClient, type ClientOptions } from "./client";
import { edgeLimits } from "./edge-limits";
import { loadFiles, type LoadOptions } from "./load";
import { makePlan, type Step } from "./plan";
import { describeResource } from "./resources";

export interface ImportOptions extends ClientOptions, Partial<LoadOptions> {
  files: string[];
  dryRun?: boolean;
  log?: (line: string) => void;
}

export interface ImportResult {
  steps: Step[];
  /** Per resource (by description): what the converter left out and what the edge will not do. */
  report: Map<string, string[]>;
}

/**
 * Converts the files, plans against the deployment, and (unless `dryRun`) creates and updates
 * in dependency order. Every conversion and reference error is raised before the first write.
 */
export async function runImport(opts: ImportOptions): Promise<ImportResult> {
  const log = opts.log ?? (() => {});
  const resources = loadFiles(opts.files, { params: opts.params ?? {}, imports: opts.imports ?? {}, mesh: opts.mesh });
  const am = appMeshClient(opts);
  try {
    const big = resources.length >= 50;
    const steps = await makePlan(
      am,
      resources,
      big
        ? (d, t) => {
            if (d % 50 === 0 || d === t) log(`  checked ${d}/${t}`);
          }
        : undefined,
    );
    const report = new Map<string, string[]>();
    for (const s of steps) {
      const lines = [...s.resource.notes, ...edgeLimits(s.resource)];
      if (lines.length) report.set(describeResource(s.resource), lines);
    }
    const width = String(steps.length).length;
    const line = (s: Step, i: number) =>
      `[${String(i + 1).padStart(width)}/${steps.length}] ${s.action.padEnd(9)} ${describeResource(s.resource)}`;
    log(opts.dryRun ? "Plan (dry run, nothing changed):" : "Importing:");
    if (opts.dryRun) for (const [i, s] of steps.entries()) log(line(s, i));
    else await applyPlan(am, steps, (s, i) => log(line(s, i)));
    const count = (a: string) => steps.filter((s) => s.action === a).length;
    log(`${opts.dryRun ? "Would" : "Done:"} create ${count("create")}, update ${count("update")}, unchanged ${count("unchanged")}.`);
    if (report.size) {
      log("What the edge will not do, per resource:");
      for (const [what, lines] of report) {
        log(`  ${what}`);
        for (const l of lines) log(`    - ${l}`);
      }
    }
    return { steps, report };
  } finally {
    am.destroy();
  }
}
