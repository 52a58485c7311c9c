/**
 * Request path normalization before matching, after Envoy's `normalize_path` (RFC 3986 section
 * 6 via Chromium's canonicalizer) plus `merge_slashes`, which App Mesh's Envoy configuration
 * turns on. The normalized path is both matched and sent upstream.
 *
 * Decisions (each tested):
 * - the path must start with "/";
 * - percent-encoded unreserved characters (A-Z a-z 0-9 - . _ ~) are decoded, so "%2e%2e" is a
 *   dot segment; every other escape is kept, its hex digits upper-cased ("%2f" -> "%2F");
 * - "%2F" / "%5C" stay encoded and are not separators (Envoy's default
 *   `path_with_escaped_slashes_action: KEEP_UNCHANGED`);
 * - "." and ".." segments are resolved, ".." never climbs above "/"; then runs of "/" become
 *   one "/" (Envoy's order: "/a//../b" -> "/a/b");
 * - refused (null, the caller answers 400): a malformed escape ("%", "%4", "%zz"), a NUL byte
 *   raw or as "%00", and any other raw control character (below 0x20, or 0x7F).
 */

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

/** True when the path needs none of the work below (the common case: return it unchanged). */
function isPlain(p: string): boolean {
  let prev = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c === 37 /* % */ || c < 32 || c === 127) return false;
    if (prev === 47 /* / */ && (c === 47 || c === 46) /* . */) return false;
    prev = c;
  }
  return true;
}

/** Decodes unreserved escapes and checks the rest; null when the path must be refused. */
function decodeEscapes(p: string): string | null {
  let out = "";
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c < 32 || c === 127) return null;
    if (c !== 37) {
      out += p[i];
      continue;
    }
    const hi = hexValue(p.charCodeAt(i + 1));
    const lo = hexValue(p.charCodeAt(i + 2));
    if (hi < 0 || lo < 0) return null;
    const byte = hi * 16 + lo;
    if (byte === 0) return null;
    const ch = String.fromCharCode(byte);
    out += UNRESERVED.test(ch) ? ch : `%${p.slice(i + 1, i + 3).toUpperCase()}`;
    i += 2;
  }
  return out;
}

/**
 * Resolves dot segments (RFC 3986 5.2.4, empty segments count as segments), then merges
 * slashes: the order of Envoy, whose merge_slashes runs after normalize_path, so
 * "/a//../b" -> "/a/b" (the ".." removes the empty segment).
 */
function resolveSegments(p: string): string {
  const segments = p.split("/");
  const out: string[] = [];
  for (let i = 1; i < segments.length; i++) {
    const s = segments[i]!;
    const last = i === segments.length - 1;
    if (s === ".") {
      // A final "." leaves a trailing slash: "/a/." -> "/a/".
      if (last) out.push("");
      continue;
    }
    if (s === "..") {
      out.pop();
      if (last) out.push("");
      continue;
    }
    out.push(s);
  }
  return `/${out.join("/")}`.replace(/\/{2,}/g, "/");
}

/**
 * Normalizes a raw request path (no query string, no fragment).
 * Returns null when the path cannot be normalized: the request deserves a 400.
 */
export function normalizePath(rawPathWithoutQuery: string): string | null {
  if (rawPathWithoutQuery.charCodeAt(0) !== 47 /* / */) return null;
  if (isPlain(rawPathWithoutQuery)) return rawPathWithoutQuery;
  const decoded = decodeEscapes(rawPathWithoutQuery);
  return decoded === null ? null : resolveSegments(decoded);
}
