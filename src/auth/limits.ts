/**
 * Limits applied to the management API and the project's own endpoints (not to the data
 * plane, whose requests belong to the mesh's applications). The numbers are documented in
 * SECURITY.md; App Mesh's largest request (a virtual node with many listeners and backends)
 * is a few kilobytes, so these leave a wide margin while bounding memory and CPU per request.
 */
export const API_LIMITS = {
  /** Request body bytes; larger gets 413. */
  maxBodyBytes: 256 * 1024,
  /** Nesting depth of JSON objects/arrays in a body; deeper gets 400. */
  maxJsonDepth: 32,
  /** Number of request headers; more gets 431. */
  maxHeaderCount: 100,
  /** Bytes of one header (name + value); larger gets 431. */
  maxHeaderBytes: 16 * 1024,
  /** Bytes of all headers together; more gets 431. */
  maxTotalHeaderBytes: 64 * 1024,
  /** Characters of the whole URL (scheme, host, path and query); longer gets 414. */
  maxUrlLength: 8 * 1024,
} as const;

/** Returns a message naming the header limit a request breaks, or undefined if none. */
export function checkHeaderLimits(headers: Headers): string | undefined {
  let count = 0;
  let total = 0;
  for (const [name, value] of headers) {
    count++;
    const size = name.length + value.length;
    total += size;
    if (size > API_LIMITS.maxHeaderBytes) return `Header ${name.slice(0, 64)} is larger than ${API_LIMITS.maxHeaderBytes} bytes`;
  }
  if (count > API_LIMITS.maxHeaderCount) return `More than ${API_LIMITS.maxHeaderCount} request headers`;
  if (total > API_LIMITS.maxTotalHeaderBytes) return `Request headers exceed ${API_LIMITS.maxTotalHeaderBytes} bytes in total`;
  return undefined;
}

/**
 * True when JSON text nests objects/arrays deeper than `max`. A byte scan that skips string
 * contents, so a hostile `[[[[...` body is refused before JSON.parse builds it.
 */
export function jsonDepthExceeds(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (inString) {
      if (b === 0x5c)
        i++; // backslash: skip the escaped character
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x7b || b === 0x5b) {
      if (++depth > max) return true;
    } else if (b === 0x7d || b === 0x5d) depth--;
  }
  return false;
}
