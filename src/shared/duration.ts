/** An App Mesh `Duration` (the model's shape; the generated schema validates it). */
export interface Duration {
  unit?: "s" | "ms" | undefined;
  value?: number | undefined;
}

/** Converts an App Mesh `Duration` to milliseconds; null when it is absent or has no value. */
export function durationMs(d: Duration | undefined): number | null {
  if (!d || typeof d.value !== "number" || !Number.isFinite(d.value)) return null;
  return d.unit === "s" ? d.value * 1000 : d.value;
}
