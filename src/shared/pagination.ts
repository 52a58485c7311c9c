import { AppMeshError } from "./errors";

/**
 * Opaque list tokens: base64url of a small JSON cursor (the last name returned). Lists are
 * ordered by name, so a cursor stays valid while resources come and go: nothing is returned
 * twice and nothing that existed throughout is skipped.
 */
export function encodeNextToken(after: string): string {
  const bytes = new TextEncoder().encode(JSON.stringify({ a: after }));
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

/** The cursor inside a token; "" for none. A token this API did not issue is a BadRequest. */
export function decodeNextToken(token: string | undefined): string {
  if (token === undefined || token === "") return "";
  try {
    const bin = atob(token.replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    const cursor: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
    const a = (cursor as { a?: unknown } | null)?.a;
    if (typeof a === "string") return a;
  } catch {
    // fall through to the error below
  }
  throw new AppMeshError("BadRequestException", "nextToken: not a token this API issued");
}

/** A page of a list operation. */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * The page of up to `limit + 1` rows read in cursor order after the request's cursor: the first
 * `limit`, and when there were more, a token for the cursor of the last one returned.
 */
export function pageOf<T>(rows: readonly T[], limit: number, cursorOf: (item: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return rows.length > limit && last !== undefined ? { items, nextToken: encodeNextToken(cursorOf(last)) } : { items };
}

/** Default page size when `limit` is absent (App Mesh returns up to 100). */
export const DEFAULT_PAGE_SIZE = 100;
