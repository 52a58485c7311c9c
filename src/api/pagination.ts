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

/** Default page size when `limit` is absent (App Mesh returns up to 100). */
export const DEFAULT_PAGE_SIZE = 100;
