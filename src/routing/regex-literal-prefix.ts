/**
 * The literal text every full match of a regex must start with, so that regex routes can sit in
 * the radix index under that text instead of being tried on every request. Conservative: any
 * construct it does not fully understand ends the prefix (an empty prefix = not indexable).
 *   "/api/v[0-9]+" -> "/api/v";  "/pkg\.Svc/.*" -> "/pkg.Svc/";  "/ab?c" -> "/a";
 *   "(?i)/a" -> "";  "/a|/b" -> "" (top-level alternation);  "^/x" -> "/x".
 */

const PLAIN = /[A-Za-z0-9/_\-,=:;@~%&'"<>! #`]/;
const ESCAPABLE_LITERAL = /[.\-/\\+*?()[\]{}|^$]/;

/** True when `|` appears outside any group or class: then no common prefix exists. */
function hasTopLevelAlternation(p: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) return true;
  }
  return false;
}

/** Literal prefix of a full-match RE2 pattern ("" when there is none worth indexing). */
export function regexLiteralPrefix(pattern: string): string {
  if (hasTopLevelAlternation(pattern)) return "";
  let i = pattern.startsWith("^") ? 1 : 0;
  let out = "";
  while (i < pattern.length) {
    const c = pattern[i]!;
    let lit: string;
    let next: number;
    if (c === "\\" && i + 1 < pattern.length && ESCAPABLE_LITERAL.test(pattern[i + 1]!)) {
      lit = pattern[i + 1]!;
      next = i + 2;
    } else if (PLAIN.test(c)) {
      lit = c;
      next = i + 1;
    } else break;
    // A quantifier after this literal makes it optional or repeated: it cannot join the prefix.
    const q = pattern[next];
    if (q === "*" || q === "?" || q === "{" || q === "+") {
      if (q === "+") out += lit; // "a+" still starts with "a"
      break;
    }
    out += lit;
    i = next;
  }
  return out;
}
