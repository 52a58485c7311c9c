// Prints the import graph of the Worker's code (src/ and durable/, tests excluded):
// folder -> folder import counts (runtime and type-only apart) and every cycle of files.
// Usage: npx tsx scripts/import-graph.ts [--check]   (exit code 1 when folders or files import each
// other in a circle; --check prints only the cycles, as `npm run lint` does)
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const roots = ["src", "durable"];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "testing" ? [] : walk(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith(".")) return undefined;
  const base = resolve(dirname(from), spec.replace(/\.js$/, ""));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** The folder a file belongs to: src/<top>/ or durable/<top>/ (files directly under a root count as the root). */
function folderOf(file: string): string {
  const parts = relative(root, file).split("/");
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

interface Edge {
  to: string;
  typeOnly: boolean;
}

const importPattern = /^\s*(import|export)\s+(type\s+)?([^;]*?)\s+from\s+["']([^"']+)["']/gms;
const files = roots.flatMap((r) => walk(join(root, r)));
const edges = new Map<string, Edge[]>();
for (const file of files) {
  const text = readFileSync(file, "utf8");
  const out: Edge[] = [];
  for (const m of text.matchAll(importPattern)) {
    const to = resolveImport(file, m[4]!);
    if (!to) continue;
    const clause = m[3]!.trim();
    const allTypeNames =
      /^\{[^}]*\}$/s.test(clause) &&
      clause
        .slice(1, -1)
        .split(",")
        .every((s) => s.trim() === "" || /^type\s/.test(s.trim()));
    out.push({ to, typeOnly: Boolean(m[2]) || allTypeNames });
  }
  edges.set(file, out);
}

const folderCounts = new Map<string, { runtime: number; type: number }>();
for (const [from, out] of edges) {
  for (const e of out) {
    const a = folderOf(from);
    const b = folderOf(e.to);
    if (a === b) continue;
    const key = `${a} -> ${b}`;
    const c = folderCounts.get(key) ?? { runtime: 0, type: 0 };
    if (e.typeOnly) c.type++;
    else c.runtime++;
    folderCounts.set(key, c);
  }
}
/** Strongly connected components with more than one member (Tarjan): the cycles of a graph. */
function cyclesOf(nodes: readonly string[], next: (n: string) => readonly string[]): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const to of next(v)) {
      if (!idx.has(to)) {
        connect(to);
        low.set(v, Math.min(low.get(v)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(v, Math.min(low.get(v)!, idx.get(to)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const n of nodes) if (!idx.has(n)) connect(n);
  return out;
}

const check = process.argv.includes("--check");
const folders = [...new Set(files.map(folderOf))];
const folderCycles = cyclesOf(folders, (f) =>
  [...folderCounts.keys()].filter((k) => k.startsWith(`${f} -> `)).map((k) => k.split(" -> ")[1]!),
);
const fileCycles = cyclesOf(files, (f) => (edges.get(f) ?? []).map((e) => e.to)).map((c) => c.map((f) => relative(root, f)));
if (!check) {
  console.log("folder edges (runtime imports + type-only imports):");
  for (const key of [...folderCounts.keys()].sort()) {
    const c = folderCounts.get(key)!;
    console.log(`  ${key.padEnd(40)} ${String(c.runtime).padStart(3)} + ${String(c.type).padStart(3)} type`);
  }
  console.log(`files: ${files.length}, folder edges: ${folderCounts.size}`);
}
console.log(`folder cycles: ${folderCycles.length}`);
for (const c of folderCycles) console.log(`  ${c.join(" <-> ")}`);
console.log(`file cycles: ${fileCycles.length}`);
for (const c of fileCycles) console.log(`  ${c.join(" <-> ")}`);
process.exitCode = folderCycles.length + fileCycles.length > 0 ? 1 : 0;
