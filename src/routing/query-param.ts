/**
 * Query parameter test on the raw query string, without splitting it (no allocation).
 * Like Envoy: names and values are compared as sent (no percent-decoding), and the first
 * occurrence of a parameter is the one that counts. "a" (no "=") has the value "".
 */

/** Does the raw query (no leading "?") satisfy `name` present, or `name` = `expected`? */
export function queryParamMatches(query: string, name: string, expected: string | undefined): boolean {
  const n = query.length;
  let i = 0;
  while (i < n) {
    let end = query.indexOf("&", i);
    if (end < 0) end = n;
    if (query.startsWith(name, i)) {
      const after = i + name.length;
      if (after === end) return expected === undefined || expected === "";
      if (query.charCodeAt(after) === 61 /* = */) {
        if (expected === undefined) return true;
        return end - after - 1 === expected.length && query.startsWith(expected, after + 1);
      }
    }
    i = end + 1;
  }
  return false;
}
