/**
 * Runtime helpers the generated schemas call (kept out of the generated file so the
 * generator stays a plain template).
 */

/**
 * Check for `union: true` shapes: exactly one member is set. JSON has no `undefined`,
 * so "set" means present with a non-null value.
 */
export function exactlyOne(keys: readonly string[]): (input: Record<string, unknown>) => boolean {
  return (input) => {
    let n = 0;
    for (const k of keys) if (input[k] !== undefined && input[k] !== null) n++;
    return n === 1;
  };
}
