import { isObject } from "./model";
import type { Resource } from "./resources";

/**
 * What the edge stores but will not do, per resource (README "App Mesh features"), so a
 * migrating user knows before traffic moves.
 */
export function edgeLimits(r: Resource): string[] {
  const out = new Set<string>();
  const s = r.spec;
  const has = (v: unknown) => v !== undefined && v !== null;
  for (const l of Array.isArray(s.listeners) ? s.listeners : []) {
    if (!isObject(l)) continue;
    if (has(l.healthCheck)) out.add("health checks are stored, not run (outlier detection is the passive alternative)");
    if (has(l.tls)) out.add("listener TLS: certificates are stored, not used (STRICT mode makes the edge call https)");
    if (has(l.connectionPool)) out.add("connection pools are stored, not enforced");
    const protocol = isObject(l.portMapping) ? l.portMapping.protocol : undefined;
    if (protocol === "tcp") out.add("TCP listeners: traffic is proxied as HTTP (Workers cannot proxy raw TCP)");
    if (protocol === "grpc") out.add("gRPC: matched and retried, but proxied over HTTP/1.1 without trailers");
  }
  const sd = s.serviceDiscovery;
  if (isObject(sd) && has(sd.awsCloudMap)) out.add("AWS Cloud Map discovery is not supported: traffic gets 503 discovery_unusable");
  if (isObject(sd) && isObject(sd.dns) && (has(sd.dns.responseType) || has(sd.dns.ipPreference)))
    out.add("DNS responseType / ipPreference are ignored (Cloudflare's fetch resolves)");
  const json = JSON.stringify(s);
  if (/"clientPolicy":\{"tls"/.test(json)) out.add("client policy TLS / mTLS validation is not done");
  if (isObject(s.logging) && has((s.logging as { accessLog?: unknown }).accessLog))
    out.add("access log file paths are ignored (one JSON line per request goes to the Worker log)");
  if (Array.isArray(s.backends) && s.backends.length > 0)
    out.add("backends are stored, not enforced (the proxy reaches only the mesh's own nodes)");
  if (r.kind === "route" && has(s.tcpRoute)) out.add("TCP route: matched by port, proxied as HTTP");
  if (r.kind === "route" && has(s.grpcRoute)) out.add("gRPC route: proxied over HTTP/1.1 without trailers");
  if (r.kind === "mesh" && isObject(s.egressFilter) && s.egressFilter.type === "ALLOW_ALL")
    out.add("egress filter ALLOW_ALL is not enforced: the proxy reaches only the mesh's own nodes");
  if (r.kind === "virtualGateway")
    out.add("virtual gateway listener ports are not bound (Workers listen on 80/443); served when SERVED_GATEWAYS (default *) names it");
  return [...out];
}
