/**
 * Gateway prefix rewrite: replace the matched prefix of `path` by `replacement`, joining the
 * two with exactly one "/" where both sides bring one. Follows the App Mesh user guide's example
 * (prefix `/chapter`, request `/chapter/1` -> `/1`) and Envoy's advice to pair `/prefix/` with `/`:
 *   prefix `/chapter`,  `/chapter`   -> `/`
 *   prefix `/chapter`,  `/chapter/1` -> `/1`
 *   prefix `/chapter/`, `/chapter/1` -> `/1`
 *   prefix `/chapter`,  `/chapters`  -> `/s`   (a prefix is a plain string prefix)
 *   value `/book/`,     `/chapter/1` -> `/book/1`;  value `/book`, `/chapter/1` -> `/book/1`
 */
export function rewritePrefix(path: string, prefixLength: number, replacement: string): string {
  const rest = path.slice(prefixLength);
  if (rest.length === 0) return replacement;
  if (rest.charCodeAt(0) === 47 /* / */ && replacement.endsWith("/")) return replacement + rest.slice(1);
  return replacement + rest;
}
