/** C0 and C1 control characters and DEL (`\p{Cc}`), and lone UTF-16 surrogates (`\p{Cs}`). */
const UNSAFE = /[\p{Cc}\p{Cs}]/u;

/**
 * Why `value` cannot be a name, or undefined. A name must survive every place it travels:
 * - not well-formed Unicode (a lone surrogate such as `"bad\ud800"`, which JSON can escape but
 *   UTF-8 cannot hold): SQLite and URLs would store and address a different string, so the
 *   resource could never be described or deleted again;
 * - a control character (NUL, CR/LF, DEL, C1): invisible, and cut or refused by logs, headers and
 *   the data plane's path rules.
 * App Mesh's model only bounds the length (1-255); these are meshedge's rules.
 */
export function nameProblem(value: string): string | undefined {
  const bad = UNSAFE.exec(value);
  if (bad === null) return undefined;
  const code = bad[0].codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return code >= 0xd800 && code <= 0xdfff
    ? `must be well-formed Unicode (a lone UTF-16 surrogate ${hex} at index ${bad.index})`
    : `must not contain control characters (${hex} at index ${bad.index})`;
}
