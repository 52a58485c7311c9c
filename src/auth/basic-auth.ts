import type { AccessKey, AccessKeyTable } from "./access-keys";
import { constantTimeEqual } from "./constant-time";

/** Outcome of checking `Authorization: Basic ...`. */
export type BasicResult = { ok: true; key: AccessKey } | { ok: false; message: string };

// Compared against when the key id is unknown, so a miss costs the same as a wrong secret.
const DUMMY_SECRET = "meshedge-no-such-key-0000000000000000";

/**
 * Checks HTTP Basic credentials (`access key id : secret access key`), which browsers can
 * send to the dashboard. Only the project's own `/_meshedge/*` endpoints accept this; the
 * App Mesh API itself requires SigV4.
 */
export function verifyBasic(header: string, table: AccessKeyTable): BasicResult {
  const encoded = header.slice("Basic ".length).trim();
  let decoded: string;
  try {
    decoded = atob(encoded);
  } catch {
    return { ok: false, message: "Basic credentials are not valid base64" };
  }
  const colon = decoded.indexOf(":");
  if (colon <= 0) return { ok: false, message: "Basic credentials must be ACCESS_KEY_ID:SECRET" };
  const key = table.keys.get(decoded.slice(0, colon));
  const secretMatches = constantTimeEqual(decoded.slice(colon + 1), key?.secretAccessKey ?? DUMMY_SECRET);
  if (key === undefined || !secretMatches) return { ok: false, message: "The access key id or secret is wrong" };
  return { ok: true, key };
}
