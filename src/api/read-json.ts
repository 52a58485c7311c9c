import { AppMeshError } from "./errors";

/** Deepest nesting of objects/arrays accepted in a request body. */
export const MAX_JSON_DEPTH = 32;
/** Largest request body accepted, in bytes (App Mesh's largest inputs are a few KB). */
export const MAX_BODY_BYTES = 256 * 1024;

/** True when `text` nests objects/arrays deeper than `max` (string-aware, no recursion). */
export function jsonTooDeep(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}

/**
 * Parses a request body as a JSON object. Empty means `{}`. Too large, too deep, not JSON
 * or not an object are BadRequestExceptions, checked before parsing so that no input can
 * exhaust the parser's stack.
 */
export function parseJsonObject(text: string): Record<string, unknown> {
  if (text.trim() === "") return {};
  if (text.length > MAX_BODY_BYTES) {
    throw new AppMeshError("BadRequestException", `The request body is larger than ${MAX_BODY_BYTES} bytes`);
  }
  if (jsonTooDeep(text, MAX_JSON_DEPTH)) {
    throw new AppMeshError("BadRequestException", `The request body nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new AppMeshError("BadRequestException", `The request body is not valid JSON: ${e instanceof Error ? e.message : "parse error"}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AppMeshError("BadRequestException", "The request body must be a JSON object");
  }
  return value as Record<string, unknown>;
}
