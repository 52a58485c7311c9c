import { AppMeshError } from "./errors";
import type { ResourceKey } from "./resource-kinds";

/** Region and account the ARNs and owner fields carry (from `[vars]`). */
export interface Identity {
  region: string;
  account: string;
}

/** The identity configured in wrangler.toml `[vars]` (AWS_REGION, AWS_ACCOUNT_ID). */
export function identityOf(env: { AWS_REGION?: string; AWS_ACCOUNT_ID?: string }): Identity {
  return { region: env.AWS_REGION ?? "us-east-1", account: env.AWS_ACCOUNT_ID ?? "000000000000" };
}

/**
 * `arn:aws:appmesh:{region}:{account}:mesh/{mesh}[/virtualNode/{n} | /virtualService/{n} |
 * /virtualRouter/{r}[/route/{n}] | /virtualGateway/{g}[/gatewayRoute/{n}]]`.
 * Routes and gateway routes nest under their parent kind's segment.
 */
export function arnOf(id: Identity, k: ResourceKey): string {
  const base = `arn:aws:appmesh:${id.region}:${id.account}:mesh/${k.meshName}`;
  switch (k.kind) {
    case "mesh":
      return base;
    case "route":
      return `${base}/virtualRouter/${k.parent}/route/${k.name}`;
    case "gatewayRoute":
      return `${base}/virtualGateway/${k.parent}/gatewayRoute/${k.name}`;
    default:
      return `${base}/${k.kind}/${k.name}`;
  }
}

const SIMPLE = new Set(["virtualNode", "virtualService", "virtualRouter", "virtualGateway"]);

/**
 * Parses a resource ARN of this deployment back into its key. An ARN of another region or
 * account, or of no App Mesh resource shape, names nothing here: NotFoundException
 * (a malformed string is a BadRequestException).
 */
export function parseArn(id: Identity, arn: string): ResourceKey {
  const m = /^arn:aws:appmesh:([^:]*):([^:]*):mesh\/(.+)$/.exec(arn);
  if (!m) throw new AppMeshError("BadRequestException", `resourceArn: not an App Mesh ARN: ${arn}`);
  if (m[1] !== id.region || m[2] !== id.account) {
    throw new AppMeshError("NotFoundException", `No resource with ARN ${arn} (this endpoint serves ${id.region}:${id.account})`);
  }
  const parts = m[3]!.split("/");
  const meshName = parts[0]!;
  const bad = (): never => {
    throw new AppMeshError("BadRequestException", `resourceArn: not an App Mesh resource ARN: ${arn}`);
  };
  if (parts.some((p) => p === "")) bad();
  if (parts.length === 1) return { meshName, kind: "mesh", parent: "", name: meshName };
  if (parts.length === 3 && SIMPLE.has(parts[1]!)) {
    return { meshName, kind: parts[1] as ResourceKey["kind"], parent: "", name: parts[2]! };
  }
  if (parts.length === 5 && parts[1] === "virtualRouter" && parts[3] === "route") {
    return { meshName, kind: "route", parent: parts[2]!, name: parts[4]! };
  }
  if (parts.length === 5 && parts[1] === "virtualGateway" && parts[3] === "gatewayRoute") {
    return { meshName, kind: "gatewayRoute", parent: parts[2]!, name: parts[4]! };
  }
  return bad();
}
