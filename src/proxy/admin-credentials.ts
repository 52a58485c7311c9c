import { parseAccessKeys } from "../auth";

/**
 * Defence in depth for the admin/data split (src/auth/admin-hosts.ts): a data-plane request
 * whose `Authorization` names one of the deployment's own access keys (HTTP Basic user or SigV4
 * credential) is an operator's credential that went to the wrong origin. Such a header is
 * never forwarded to an upstream. Other `Authorization` values are the application's own and
 * pass untouched.
 */
let cachedRaw: string | undefined;
let cachedIds: ReadonlySet<string> = new Set();

function adminKeyIds(env: object): ReadonlySet<string> {
  const raw = (env as { MESHEDGE_ACCESS_KEYS?: string }).MESHEDGE_ACCESS_KEYS;
  if (raw !== cachedRaw) {
    cachedIds = new Set(parseAccessKeys(raw).keys.keys());
    cachedRaw = raw;
  }
  return cachedIds;
}

/** The access key id an `Authorization` value carries (Basic user or SigV4 credential), if any. */
export function accessKeyIdOf(authorization: string): string | null {
  if (/^basic /i.test(authorization)) {
    try {
      const decoded = atob(authorization.slice(6).trim());
      const colon = decoded.indexOf(":");
      return colon > 0 ? decoded.slice(0, colon) : null;
    } catch {
      return null;
    }
  }
  const m = /Credential=([^/,\s]+)\//.exec(authorization);
  return m ? (m[1] as string) : null;
}

/** True when `authorization` carries one of this deployment's access keys. */
export function carriesAdminKey(authorization: string, env: object): boolean {
  const id = accessKeyIdOf(authorization);
  return id !== null && adminKeyIds(env).has(id);
}
