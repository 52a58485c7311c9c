import { durationMs } from "../shared/duration";
import type { Duration, Listener, VirtualNodeData } from "../schema";
import type { SnapshotDiscovery, SnapshotListener, SnapshotNode } from "./types";

/** The model's unions (one member set), read structurally whatever the generated type says. */
interface DiscoveryUnion {
  dns?: { hostname: string };
  awsCloudMap?: { namespaceName: string; serviceName: string };
}
type TimeoutUnion = Partial<Record<"http" | "http2" | "grpc" | "tcp", { perRequest?: Duration; idle?: Duration }>>;

function discovery(n: VirtualNodeData): SnapshotDiscovery {
  const sd = n.spec.serviceDiscovery as DiscoveryUnion | undefined;
  if (sd?.dns?.hostname) return { kind: "dns", hostname: sd.dns.hostname };
  if (sd?.awsCloudMap) {
    const { namespaceName, serviceName } = sd.awsCloudMap;
    return {
      kind: "unusable",
      reason: `virtual node ${n.virtualNodeName} uses AWS Cloud Map discovery (${serviceName}.${namespaceName}), which the edge cannot resolve; use serviceDiscovery.dns`,
    };
  }
  return { kind: "unusable", reason: `virtual node ${n.virtualNodeName} has no service discovery` };
}

function listener(l: Listener): SnapshotListener {
  const proto = l.portMapping.protocol;
  const lt = l.timeout as TimeoutUnion | undefined;
  const t = proto === "http2" ? lt?.http2 : proto === "grpc" ? lt?.grpc : proto === "tcp" ? lt?.tcp : lt?.http;
  const od = l.outlierDetection;
  return {
    port: l.portMapping.port,
    protocol: proto,
    // PERMISSIVE accepts plaintext too, so only STRICT (or port 443) makes the edge speak TLS.
    tls: l.tls?.mode === "STRICT" || l.portMapping.port === 443,
    perRequestMs: durationMs(t?.perRequest),
    idleMs: durationMs(t?.idle),
    outlier: od
      ? {
          maxServerErrors: od.maxServerErrors,
          baseEjectionMs: durationMs(od.baseEjectionDuration) ?? 0,
          intervalMs: durationMs(od.interval) ?? 0,
          maxEjectionPercent: od.maxEjectionPercent,
        }
      : null,
  };
}

/** A virtual node as the edge needs it: how to reach it and its listeners' policies. */
export function compileNode(n: VirtualNodeData): SnapshotNode {
  return { name: n.virtualNodeName, discovery: discovery(n), listeners: (n.spec.listeners ?? []).map(listener) };
}
