import { hasDotSegment } from "../routing";
import { AppMeshError } from "../shared/errors";
import type { ResourceKind } from "../shared/resource-kinds";

type Obj = Record<string, unknown>;
const obj = (x: unknown): Obj | undefined => (typeof x === "object" && x !== null ? (x as Obj) : undefined);
const bad = (msg: string): never => {
  throw new AppMeshError("BadRequestException", msg);
};

/**
 * Gateway route rewrites that could take a request outside its rewrite target, refused when the
 * gateway route is written (the data plane also refuses such a rewritten path per request).
 *
 * - A prefix rewrite `value` needs a match `prefix` ending in `/`, and the value must start and
 *   end with `/`. App Mesh's API reference and user guide only bound the value's length; the
 *   rule is the AWS CDK's (aws/aws-cdk, packages/@aws-cdk/aws-appmesh/lib/http-route-path-match.ts,
 *   `HttpGatewayRoutePrefixPathMatch`: "When prefix path for the rewrite is specified, prefix path
 *   for the match must end with '/'" and "Prefix path for the rewrite must start and end with
 *   '/'"). Without it, prefix `/api` + value `/v2/public/` sends `/api../admin` to `/v2/admin`.
 * - An exact path rewrite must start with `/` (the CDK's `HttpGatewayRouteWholePathMatch` rule).
 * - Neither may hold a `.` or `..` segment (meshedge's rule: the edge never forwards one).
 */
export function checkRewriteRules(kind: ResourceKind, spec: unknown): void {
  if (kind !== "gatewayRoute") return;
  for (const type of ["httpRoute", "http2Route"] as const) {
    const route = obj(obj(spec)?.[type]);
    const rewrite = obj(obj(route?.["action"])?.["rewrite"]);
    if (rewrite === undefined) continue;
    const where = `spec.${type}`;
    const value = obj(rewrite["prefix"])?.["value"];
    if (typeof value === "string") {
      const prefix = obj(route?.["match"])?.["prefix"];
      if (typeof prefix === "string" && !prefix.endsWith("/")) {
        bad(`${where}.match.prefix: must end with '/' when rewrite.prefix.value is set (App Mesh's rule, as the AWS CDK enforces it)`);
      }
      if (!value.startsWith("/") || !value.endsWith("/")) bad(`${where}.action.rewrite.prefix.value: must start and end with '/'`);
      if (hasDotSegment(value)) bad(`${where}.action.rewrite.prefix.value: must not contain a '.' or '..' segment`);
    }
    const exact = obj(rewrite["path"])?.["exact"];
    if (typeof exact === "string") {
      if (!exact.startsWith("/")) bad(`${where}.action.rewrite.path.exact: must start with '/'`);
      if (hasDotSegment(exact)) bad(`${where}.action.rewrite.path.exact: must not contain a '.' or '..' segment`);
    }
  }
}
