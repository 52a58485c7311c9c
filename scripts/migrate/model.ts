import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/** The App Mesh API model (botocore's service-2 JSON): the contract for every field name. */
interface Shape {
  type: string;
  members?: Record<string, { shape: string; locationName?: string }>;
  member?: { shape: string };
  value?: { shape: string };
}
const MODEL_PATH = resolve(import.meta.dirname, "../../src/schema/model/appmesh-2019-01-25.service-2.json");
const shapes: Record<string, Shape> = JSON.parse(readFileSync(MODEL_PATH, "utf8")).shapes;

/** The spec shape of each resource kind, named as the API names them. */
export const SPEC_SHAPE = {
  mesh: "MeshSpec",
  virtualNode: "VirtualNodeSpec",
  virtualRouter: "VirtualRouterSpec",
  route: "RouteSpec",
  virtualService: "VirtualServiceSpec",
  virtualGateway: "VirtualGatewaySpec",
  gatewayRoute: "GatewayRouteSpec",
} as const;

/** A conversion error: `path` names the property, as the source wrote it. */
export class ConvertError extends Error {}

/**
 * Converts `value` (from CloudFormation's PascalCase, the Kubernetes controller's camelCase
 * with `ARN`, or the API's own names) to the API's shape `shapeName`. A key matches the model
 * member whose name is equal ignoring case: this is exactly how CloudFormation's names map
 * (`DNS` -> `dns`, `AWSCloudMap` -> `awsCloudMap`, `TLS` -> `tls`, `SDS` -> `sds`,
 * `Http2Route` -> `http2Route`) and how the controller's `certificateARN` maps to
 * `certificateArn`. Numbers and booleans given as strings (CloudFormation parameters are
 * strings) are converted as CloudFormation converts them. Unknown keys are errors.
 */
export function toApiShape(value: unknown, shapeName: string, path: string): unknown {
  const shape = shapes[shapeName];
  if (!shape) throw new ConvertError(`${path}: unknown shape ${shapeName}`);
  switch (shape.type) {
    case "structure": {
      if (!isObject(value)) throw new ConvertError(`${path}: expected an object, got ${describe(value)}`);
      const out: Record<string, unknown> = {};
      const members = shape.members ?? {};
      const byLower = new Map(Object.keys(members).map((k) => [k.toLowerCase(), k]));
      for (const [key, v] of Object.entries(value)) {
        const name = byLower.get(key.toLowerCase());
        if (!name) {
          throw new ConvertError(`${path}.${key}: no such property (expected one of ${Object.keys(members).join(", ")})`);
        }
        out[members[name]!.locationName ?? name] = toApiShape(v, members[name]!.shape, `${path}.${key}`);
      }
      return out;
    }
    case "list": {
      if (!Array.isArray(value)) throw new ConvertError(`${path}: expected a list, got ${describe(value)}`);
      return value.map((v, i) => toApiShape(v, shape.member!.shape, `${path}[${i}]`));
    }
    case "map": {
      if (!isObject(value)) throw new ConvertError(`${path}: expected a map, got ${describe(value)}`);
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toApiShape(v, shape.value!.shape, `${path}.${k}`)]));
    }
    case "integer":
    case "long": {
      const n = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
      if (typeof n !== "number" || !Number.isInteger(n)) throw new ConvertError(`${path}: expected an integer, got ${describe(value)}`);
      return n;
    }
    case "double":
    case "float": {
      const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      if (typeof n !== "number" || Number.isNaN(n)) throw new ConvertError(`${path}: expected a number, got ${describe(value)}`);
      return n;
    }
    case "boolean": {
      if (value === "true" || value === "false") return value === "true";
      if (typeof value !== "boolean") throw new ConvertError(`${path}: expected true or false, got ${describe(value)}`);
      return value;
    }
    case "string": {
      if (typeof value === "number" || typeof value === "boolean") return String(value);
      if (typeof value !== "string") throw new ConvertError(`${path}: expected a string, got ${describe(value)}`);
      return value;
    }
    default:
      throw new ConvertError(`${path}: cannot convert a ${shape.type}`);
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return "a list";
  if (v === null || v === undefined) return "nothing";
  if (typeof v === "object") return `an object with ${Object.keys(v).join(", ") || "no keys"}`;
  return JSON.stringify(v);
}
