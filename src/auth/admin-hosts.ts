/**
 * The admin plane's hostnames (`ADMIN_HOSTNAMES`): the management API, `/_meshedge/*` and the
 * dashboard answer only there, and those hostnames proxy nothing. Every other hostname is data
 * plane. Browsers keep Basic credentials and page scripts per origin, so an operator's
 * dashboard login can never reach a proxied app, nor can a proxied page call the API as the
 * operator (App Mesh's control plane never shared a host with its data plane either).
 *
 * The value is a comma-separated list of hostnames, ports ignored, case-insensitive; IPv6
 * literals in brackets (`[::1]`). Empty or unset: no admin hostname at all (nothing answers the
 * management API), the safe default of a deployment that forgot to set it.
 */
let cachedRaw: string | undefined;
let cachedSet: ReadonlySet<string> = new Set();

/** The admin hostnames configured in `env` (parsed once per distinct value). */
export function adminHostnames(env: { ADMIN_HOSTNAMES?: string }): ReadonlySet<string> {
  const raw = env.ADMIN_HOSTNAMES ?? "";
  if (raw !== cachedRaw) {
    cachedSet = new Set(
      raw
        .split(",")
        .map((s) => hostnameOf(s.trim()))
        .filter((s) => s.length > 0),
    );
    cachedRaw = raw;
  }
  return cachedSet;
}

/**
 * The lower-cased hostname of `authority` (`host`, `host:port`, `[v6]:port`), without the port.
 * Cheap enough for every request: no URL parse.
 */
export function hostnameOf(authority: string): string {
  let end = authority.length;
  if (authority.charCodeAt(0) === 91 /* [ */) {
    const close = authority.indexOf("]");
    if (close > 0) end = close + 1;
  } else {
    const colon = authority.indexOf(":");
    if (colon >= 0) end = colon;
  }
  return authority.slice(0, end).toLowerCase();
}

/** The hostname of an absolute request URL (`scheme://host[:port]/...`). */
export function urlHostname(url: string): string {
  const s = url.indexOf("://");
  const from = s < 0 ? 0 : s + 3;
  let to = url.indexOf("/", from);
  if (to < 0) to = url.length;
  return hostnameOf(url.slice(from, to));
}

/** True when the request's URL names one of the admin hostnames. */
export function isAdminRequest(url: string, env: { ADMIN_HOSTNAMES?: string }): boolean {
  const admins = adminHostnames(env);
  return admins.size > 0 && admins.has(urlHostname(url));
}
