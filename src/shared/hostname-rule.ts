/**
 * Which `serviceDiscovery.dns.hostname` values the edge will build an upstream URL from.
 *
 * App Mesh's model types the hostname as a plain string, and the edge puts it into
 * `{scheme}://{hostname}:{port}{path}`: `127.0.0.1:8081/admin?` would redirect the port and turn
 * the client's path into a query, `user:pw@host` would add credentials, and CR/LF, NUL, `#` or a
 * space would change the URL or break it. This is meshedge's own rule, not App Mesh's: a DNS name
 * (dot-separated labels of letters, digits, `-` and `_`, each 1-63 characters, at most 253 in all,
 * one optional trailing dot), or an IPv4 literal (four decimal parts 0-255), or an IPv6 literal,
 * bare (`::1`) or bracketed (`[::1]`). A name whose last label is all digits must be an IPv4
 * literal (URLs would read `10.1` or `2130706433` as IPv4 addresses).
 */

const LABEL = /^[A-Za-z0-9_-]{1,63}$/;
const IPV4_PART = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;

function isIpv4(s: string): boolean {
  const parts = s.split(".");
  return parts.length === 4 && parts.every((p) => IPV4_PART.test(p));
}

/** A bare IPv6 literal (no zone id), as the URL parser accepts it between brackets. */
function isIpv6(s: string): boolean {
  if (!s.includes(":") || !IPV6.test(s)) return false;
  try {
    return new URL(`http://[${s}]/`).hostname !== "";
  } catch {
    return false;
  }
}

/** Why `hostname` cannot name an upstream, or undefined when it can. */
export function hostnameProblem(hostname: string): string | undefined {
  if (hostname.length === 0) return "must not be empty";
  if (hostname.startsWith("[") && hostname.endsWith("]")) {
    return isIpv6(hostname.slice(1, -1)) ? undefined : "must be a valid IPv6 address between '[' and ']'";
  }
  if (hostname.includes(":"))
    return isIpv6(hostname) ? undefined : "must be a DNS name or an IP address (no port, path, query or credentials)";
  const name = hostname.endsWith(".") ? hostname.slice(0, -1) : hostname;
  if (name.length > 253) return "must be at most 253 characters";
  const labels = name.split(".");
  for (const l of labels) {
    if (!LABEL.test(l)) {
      return l.length > 63
        ? "each DNS label must be at most 63 characters"
        : "must be a DNS name (labels of letters, digits, '-' and '_' separated by '.') or an IP address";
    }
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1]!) && !isIpv4(name))
    return "a name ending in a numeric label must be an IPv4 address (four parts 0-255)";
  return undefined;
}

/** The hostname as it goes into a URL's authority: a bare IPv6 literal gets its brackets. */
export function urlHost(hostname: string): string {
  return hostname.includes(":") && !hostname.startsWith("[") ? `[${hostname}]` : hostname;
}
