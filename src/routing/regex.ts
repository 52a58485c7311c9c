/**
 * User regexes (path.regex, header / metadata regex) run only on RE2 (re2js, linear time), as a
 * full match. Patterns are bounded so that one route cannot make matching expensive: at most
 * 255 characters (the model's own limit) and an RE2 program of at most 1,000 instructions.
 */
import { RE2JS } from "re2js";

/** Longest accepted pattern, in UTF-16 code units. */
export const MAX_REGEX_LENGTH = 255;
/** Largest accepted RE2 program (RE2's rough cost measure). */
export const MAX_REGEX_PROGRAM_SIZE = 1000;

/** Compiles a user pattern, or returns the reason it is refused. */
export function compileUserRegex(pattern: string): RE2JS | string {
  if (pattern.length > MAX_REGEX_LENGTH) return `regex longer than ${MAX_REGEX_LENGTH} characters`;
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (err) {
    return `invalid RE2 regex: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (re.programSize() > MAX_REGEX_PROGRAM_SIZE) return `regex too complex (RE2 program over ${MAX_REGEX_PROGRAM_SIZE})`;
  return re;
}
