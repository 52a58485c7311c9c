import { GATEWAY_ROUTE_PROTOCOLS, ROUTE_PROTOCOLS, type ResourceKind } from "../../src/shared/resource-kinds";
import type { Ref } from "./mesh-store";

type Obj = Record<string, unknown>;
const obj = (x: unknown): Obj | undefined => (typeof x === "object" && x !== null ? (x as Obj) : undefined);
const str = (x: unknown): string | undefined => (typeof x === "string" ? x : undefined);

/**
 * The names a resource's spec points at, which must exist in the same mesh when it is
 * written and keep it from being deleted while pointed at (App Mesh's rules):
 * route -> virtual nodes (weighted targets; "cannot be deleted because it is the target of
 * one or more routes", hashicorp/terraform-provider-aws#38444); virtual service -> its
 * provider node or router (aws/aws-app-mesh-controller-for-k8s#25); gateway route -> virtual
 * service (target; rebuy-de/aws-nuke#913).
 * A virtual node's `backends` are not references: App Mesh accepts a backend service that
 * does not exist yet (aws/aws-app-mesh-roadmap#372 asks for such a check; the App Mesh
 * Kubernetes controller's virtual node resource manager and aws/aws-cdk#17736 rely on it)
 * and lets that service be deleted while a node still lists it (the aws-cdk appmesh
 * integration stack has nodes naming their backends by plain string, with no CloudFormation
 * dependency that would order the deletes).
 * Parents (a route's router, a gateway route's gateway) are checked separately.
 */
export function refsOf(kind: ResourceKind, spec: unknown): Ref[] {
  const s = obj(spec) ?? {};
  const out: Ref[] = [];
  const add = (k: ResourceKind, name: string | undefined): void => {
    if (name !== undefined && !out.some((r) => r.kind === k && r.name === name)) out.push({ kind: k, name });
  };
  switch (kind) {
    case "route":
      for (const t of ROUTE_PROTOCOLS) {
        const targets = obj(obj(s[t])?.["action"])?.["weightedTargets"];
        if (Array.isArray(targets)) for (const w of targets) add("virtualNode", str(obj(w)?.["virtualNode"]));
      }
      break;
    case "virtualService": {
      const p = obj(s["provider"]);
      add("virtualNode", str(obj(p?.["virtualNode"])?.["virtualNodeName"]));
      add("virtualRouter", str(obj(p?.["virtualRouter"])?.["virtualRouterName"]));
      break;
    }
    case "gatewayRoute":
      for (const t of GATEWAY_ROUTE_PROTOCOLS) {
        const target = obj(obj(obj(s[t])?.["action"])?.["target"]);
        add("virtualService", str(obj(target?.["virtualService"])?.["virtualServiceName"]));
      }
      break;
    default:
      break;
  }
  return out;
}
