/** How `envInt` treats a whole number outside `min`..`max`. */
export type OutOfRange = "clamp" | "fallback";

export interface EnvIntRule {
  /** The value when the var is unset, empty or not a whole number. */
  fallback: number;
  min?: number;
  max?: number;
  /** "fallback" (the default): a value outside the range is ignored; "clamp": it is moved into it. */
  outOfRange?: OutOfRange;
}

/**
 * The one reader of integer vars (wrangler `[vars]` arrive as strings, tests may pass numbers):
 * a whole number written in decimal digits (surrounding blanks allowed) or a number that is an
 * integer; anything else (`"5000ms"`, `"1.5"`, `"-"`) is the fallback.
 */
export function envInt(raw: unknown, rule: EnvIntRule): number {
  const n = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n)) return rule.fallback;
  const min = rule.min ?? Number.MIN_SAFE_INTEGER;
  const max = rule.max ?? Number.MAX_SAFE_INTEGER;
  if (n >= min && n <= max) return n;
  return rule.outOfRange === "clamp" ? Math.min(Math.max(n, min), max) : rule.fallback;
}
