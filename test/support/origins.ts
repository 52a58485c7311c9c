/**
 * The two origins through which every test reaches the Worker (src/auth/admin-hosts.ts):
 * the admin plane (the App Mesh API, /_meshedge/*, the dashboard) answers only on the admin
 * hostnames; every other hostname is the data plane, which never serves the API.
 *
 * - Workers-pool tests (`exports.default.fetch`): admin origin {@link ADMIN_ORIGIN}; any other
 *   host (a virtual service name, {@link DATA_ORIGIN}) is data plane. vitest.config.ts sets
 *   `ADMIN_HOSTNAMES` to {@link TEST_ADMIN_HOSTNAMES}.
 * - Node tests over real HTTP (`startWorker()`): wrangler.toml's own `ADMIN_HOSTNAMES`
 *   ("127.0.0.1"), so `w.url` (http://127.0.0.1:PORT) is the admin origin and `w.dataUrl`
 *   (http://localhost:PORT, {@link dataOriginOf}) the data plane, exactly as `npm run dev`.
 */
export const ADMIN_HOST = "meshedge.test";
export const ADMIN_ORIGIN = `https://${ADMIN_HOST}`;
export const DATA_ORIGIN = "https://edge.test";
export const TEST_ADMIN_HOSTNAMES = ADMIN_HOST;

/** The data-plane origin of a local Worker whose admin origin is `adminUrl` (127.0.0.1 -> localhost). */
export function dataOriginOf(adminUrl: string): string {
  const u = new URL(adminUrl);
  if (u.hostname !== "127.0.0.1") throw new Error(`expected an admin URL on 127.0.0.1, got ${adminUrl}`);
  u.hostname = "localhost";
  return u.origin;
}
