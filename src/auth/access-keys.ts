/** One configured credential of the management API. */
export interface AccessKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Read-only keys may only Describe / List (GET and HEAD). */
  readonly readOnly: boolean;
}

/** The parsed `MESHEDGE_ACCESS_KEYS` value: keys by access key id, or why it was refused. */
export interface AccessKeyTable {
  readonly keys: ReadonlyMap<string, AccessKey>;
  /** Set when the value was present but malformed; then `keys` is empty (fail closed). */
  readonly error?: string;
}

const ACCESS_KEY_ID = /^[A-Za-z0-9]{16,128}$/;
// A secret must survive the `id:secret[:readonly]` list format, so `:` and `,` are out; AWS
// secrets (base64 with `/` and `+`) fit. 16 characters is a floor against trivial secrets.
const SECRET = /^[^\s:,]{16,256}$/;

const EMPTY: AccessKeyTable = { keys: new Map() };
let cachedRaw: string | undefined;
let cachedTable: AccessKeyTable = EMPTY;

/**
 * Parses `MESHEDGE_ACCESS_KEYS`: a comma (or newline) separated list of
 * `ACCESS_KEY_ID:SECRET` or `ACCESS_KEY_ID:SECRET:readonly` entries. Any malformed entry
 * rejects the whole value (a typo must not silently drop or widen a key). The result is
 * memoised on the raw string, since env values are fixed for the life of an isolate.
 */
export function parseAccessKeys(raw: string | undefined): AccessKeyTable {
  if (raw === undefined || raw.trim() === "") return EMPTY;
  if (raw === cachedRaw) return cachedTable;
  cachedTable = parseUncached(raw);
  cachedRaw = raw;
  return cachedTable;
}

function parseUncached(raw: string): AccessKeyTable {
  const keys = new Map<string, AccessKey>();
  const entries = raw
    .split(/[,\n]/)
    .map((e) => e.trim())
    .filter((e) => e !== "");
  for (let i = 0; i < entries.length; i++) {
    const parts = (entries[i] as string).split(":");
    const [accessKeyId = "", secretAccessKey = "", mode] = parts;
    const fail = (why: string): AccessKeyTable => ({
      keys: new Map(),
      error: `MESHEDGE_ACCESS_KEYS entry ${i + 1} is malformed: ${why}`,
    });
    if (parts.length < 2 || parts.length > 3) return fail("expected ACCESS_KEY_ID:SECRET[:readonly]");
    if (!ACCESS_KEY_ID.test(accessKeyId)) return fail("access key id must be 16-128 letters or digits");
    if (!SECRET.test(secretAccessKey)) return fail("secret must be 16-256 characters without spaces, ':' or ','");
    if (mode !== undefined && mode !== "readonly") return fail(`unknown mode '${mode}' (only 'readonly')`);
    if (keys.has(accessKeyId)) return fail(`duplicate access key id ${accessKeyId}`);
    keys.set(accessKeyId, { accessKeyId, secretAccessKey, readOnly: mode === "readonly" });
  }
  return { keys };
}
