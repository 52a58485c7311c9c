import type { UiGrpcMatch, UiHttpMatch } from "./resource-input";

type StringMatch = NonNullable<NonNullable<UiHttpMatch["headers"]>[number]["match"]>;

/** `=v`, `^=v`, `$=v`, `~=re`, `in [a,b)`; empty for "present". */
function describeStringMatch(m: StringMatch | undefined): string {
  if (!m) return "";
  if (m.exact !== undefined) return `=${m.exact}`;
  if (m.prefix !== undefined) return `^=${m.prefix}`;
  if (m.suffix !== undefined) return `$=${m.suffix}`;
  if (m.regex !== undefined) return `~=${m.regex}`;
  if (m.range) return ` in [${m.range.start ?? "?"},${m.range.end ?? "?"})`;
  return "";
}

function describeHostname(h: UiHttpMatch["hostname"]): string | undefined {
  if (!h) return undefined;
  if (h.exact !== undefined) return `host ${h.exact}`;
  if (h.suffix !== undefined) return `host *${h.suffix}`;
  return undefined;
}

/**
 * One-line human summary of an HTTP route or gateway-route match, in the order the evaluator
 * cares about: method and path first, then hostname, headers, query and port.
 */
export function describeHttpMatch(m: UiHttpMatch | undefined): string {
  if (!m) return "any request";
  const parts: string[] = [];
  const path =
    m.path?.exact !== undefined
      ? m.path.exact
      : m.path?.regex !== undefined
        ? `~${m.path.regex}`
        : m.prefix !== undefined
          ? `${m.prefix}*`
          : undefined;
  parts.push([m.method, path].filter(Boolean).join(" ") || "any path");
  const host = describeHostname(m.hostname);
  if (host) parts.push(host);
  if (m.scheme) parts.push(`scheme ${m.scheme}`);
  for (const h of m.headers ?? []) parts.push(`header ${h.invert ? "!" : ""}${h.name ?? "?"}${describeStringMatch(h.match)}`);
  for (const q of m.queryParameters ?? []) parts.push(`query ${q.name ?? "?"}${q.match?.exact !== undefined ? `=${q.match.exact}` : ""}`);
  if (m.port !== undefined) parts.push(`port ${m.port}`);
  return parts.join(" · ");
}

/** One-line summary of a gRPC match: `service/method`, metadata, port. */
export function describeGrpcMatch(m: UiGrpcMatch | undefined): string {
  if (!m) return "any call";
  const parts = [m.serviceName ? `${m.serviceName}/${m.methodName ?? "*"}` : "any service"];
  const host = describeHostname(m.hostname);
  if (host) parts.push(host);
  for (const md of m.metadata ?? []) parts.push(`metadata ${md.invert ? "!" : ""}${md.name ?? "?"}${describeStringMatch(md.match)}`);
  if (m.port !== undefined) parts.push(`port ${m.port}`);
  return parts.join(" · ");
}
