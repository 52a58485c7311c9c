import { hostnameProblem } from "../shared/hostname-rule";
import { AppMeshError } from "../shared/errors";
import type { ResourceKind } from "../shared/resource-kinds";

type Obj = Record<string, unknown>;
const obj = (x: unknown): Obj | undefined => (typeof x === "object" && x !== null ? (x as Obj) : undefined);

/**
 * A virtual node's service discovery must name a host the edge can put into an upstream URL
 * (src/shared/hostname-rule.ts, meshedge's rule: the model types these as plain strings).
 * `dns.hostname` is the upstream's host; `awsCloudMap` is `{serviceName}.{namespaceName}`, a DNS
 * name too, checked the same way although the edge does not resolve Cloud Map yet.
 */
export function checkDiscoveryRules(kind: ResourceKind, spec: unknown): void {
  if (kind !== "virtualNode") return;
  const sd = obj(obj(spec)?.["serviceDiscovery"]);
  const hostname = obj(sd?.["dns"])?.["hostname"];
  if (typeof hostname === "string") {
    const problem = hostnameProblem(hostname);
    if (problem !== undefined) throw new AppMeshError("BadRequestException", `spec.serviceDiscovery.dns.hostname: ${problem}`);
  }
  const map = obj(sd?.["awsCloudMap"]);
  const service = map?.["serviceName"];
  const namespace = map?.["namespaceName"];
  if (typeof service === "string" && typeof namespace === "string") {
    const name = `${service}.${namespace}`;
    const problem = name.includes(":") || name.includes("[") ? "must be a DNS name" : hostnameProblem(name);
    if (problem !== undefined) {
      throw new AppMeshError("BadRequestException", `spec.serviceDiscovery.awsCloudMap: serviceName.namespaceName ${problem}`);
    }
  }
}
