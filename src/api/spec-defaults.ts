import type { ResourceKind } from "../shared/resource-kinds";

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);

/**
 * An HTTP or HTTP/2 route match with neither `prefix` nor `path` (port, headers, method or
 * query only) matches every path: App Mesh stored it with `prefix: "/"` (an App Mesh engineer
 * in aws/aws-cdk#15395: "if the path is omitted, backend service will set the prefix match
 * to /"). gRPC matches have no prefix and are left as written.
 */
function withDefaultPrefix(spec: Obj): Obj {
  let out = spec;
  for (const kind of ["httpRoute", "http2Route"] as const) {
    const route = spec[kind];
    if (!isObj(route) || !isObj(route["match"])) continue;
    const match = route["match"];
    if (match["prefix"] !== undefined || match["path"] !== undefined) continue;
    out = { ...out, [kind]: { ...route, match: { ...match, prefix: "/" } } };
  }
  return out;
}

/**
 * A listener health check without `port` checks the listener's own port: App Mesh filled
 * it in, which is why the App Mesh Kubernetes controller compares specs with
 * `IgnoreLeftHandUnset(HealthCheckPolicy{}, "Port")` (pkg/equality/virtualnode_types_equality.go,
 * virtualgateway_types_equality.go).
 */
function withHealthCheckPorts(spec: Obj): Obj {
  const listeners = spec["listeners"];
  if (!Array.isArray(listeners)) return spec;
  let changed = false;
  const filled = listeners.map((l: unknown) => {
    if (!isObj(l) || !isObj(l["healthCheck"]) || l["healthCheck"]["port"] !== undefined) return l;
    const port = isObj(l["portMapping"]) ? l["portMapping"]["port"] : undefined;
    if (typeof port !== "number") return l;
    changed = true;
    return { ...l, healthCheck: { ...l["healthCheck"], port } };
  });
  return changed ? { ...spec, listeners: filled } : spec;
}

/**
 * The spec as App Mesh stored it: the fields App Mesh filled in on create and update, applied
 * after schema validation and before the spec rules. Returns the input unchanged (same object)
 * when there is nothing to fill in.
 */
export function withAppMeshDefaults(kind: ResourceKind, spec: unknown): unknown {
  if (!isObj(spec)) return spec;
  if (kind === "route") return withDefaultPrefix(spec);
  if (kind === "virtualNode" || kind === "virtualGateway") return withHealthCheckPorts(spec);
  return spec;
}
