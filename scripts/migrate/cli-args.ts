/** `Key=Value` options (`--param`, `--import`), repeated. */
export function keyValues(values: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const i = v.indexOf("=");
    if (i <= 0) throw new Error(`${flag} ${v}: expected Key=Value`);
    out[v.slice(0, i)] = v.slice(i + 1);
  }
  return out;
}

/** Prints an error the way the tools end: one line, exit status 1. */
export function fail(e: unknown): never {
  const err = e as { name?: string; message?: string };
  console.error(
    `error: ${err.name && err.name !== "Error" && err.name !== "ImportError" ? `${err.name}: ` : ""}${err.message ?? String(e)}`,
  );
  process.exit(1);
}
