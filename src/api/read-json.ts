import { API_LIMITS, jsonDepthExceeds } from "../auth/limits";
import { AppMeshError } from "../shared/errors";

/**
 * Parses a request body as a JSON object. Empty means `{}`. Too large, too deep, not JSON
 * or not an object are BadRequestExceptions, checked before parsing so that no input can
 * exhaust the parser's stack. The size and depth bounds are the management guard's
 * (`API_LIMITS`, the same scan): the guard refuses such bodies before any handler runs, and
 * this parser holds to the same numbers for any caller that reaches it another way.
 */
export function parseJsonObject(text: string): Record<string, unknown> {
  if (text.trim() === "") return {};
  // A text never has more characters than UTF-8 bytes: one too long is refused unencoded.
  const bytes = text.length > API_LIMITS.maxBodyBytes ? undefined : new TextEncoder().encode(text);
  if (bytes === undefined || bytes.length > API_LIMITS.maxBodyBytes) {
    throw new AppMeshError("BadRequestException", `The request body is larger than ${API_LIMITS.maxBodyBytes} bytes`);
  }
  if (jsonDepthExceeds(bytes, API_LIMITS.maxJsonDepth)) {
    throw new AppMeshError("BadRequestException", `The request body nests deeper than ${API_LIMITS.maxJsonDepth} levels`);
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
