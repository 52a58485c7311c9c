import { isObject } from "./model";
import { ImportError } from "./resources";

/** `Ref: AWS::NoValue`: the property is removed, as CloudFormation removes it. */
export const NO_VALUE = Symbol("AWS::NoValue");

/** What the evaluator asks the template for. Every lookup may throw an ImportError. */
export interface CfnScope {
  /** `Ref` of a parameter, pseudo parameter or resource. */
  ref(name: string, where: string): unknown;
  /** `Fn::GetAtt` of a resource. */
  getAtt(id: string, attr: string, where: string): unknown;
  condition(name: string, where: string): boolean;
  findInMap(map: string, top: string, second: string, where: string): unknown;
  importValue(name: string, where: string): unknown;
  region: string;
}

const KNOWN = new Set([
  "Ref",
  "Condition",
  "Fn::Sub",
  "Fn::GetAtt",
  "Fn::Join",
  "Fn::If",
  "Fn::ImportValue",
  "Fn::Select",
  "Fn::Split",
  "Fn::FindInMap",
  "Fn::Equals",
  "Fn::Not",
  "Fn::And",
  "Fn::Or",
  "Fn::Base64",
  "Fn::GetAZs",
  "Fn::Length",
  "Fn::ToJsonString",
  "Fn::Cidr",
  "Fn::Transform",
]);

/** Evaluates every intrinsic function in `node`; `where` names the property for errors. */
export function evaluate(node: unknown, s: CfnScope, where: string): unknown {
  if (Array.isArray(node)) {
    return node.map((v, i) => evaluate(v, s, `${where}[${i}]`)).filter((v) => v !== NO_VALUE);
  }
  if (!isObject(node)) return node;
  const keys = Object.keys(node);
  if (keys.length === 1 && (keys[0] === "Ref" || keys[0]!.startsWith("Fn::") || keys[0] === "Condition")) {
    const fn = keys[0]!;
    // `Condition` is a function only inside Conditions / Fn::If operands; elsewhere a property name.
    if (fn !== "Condition" || typeof node.Condition === "string") {
      if (!KNOWN.has(fn)) throw new ImportError(`${where}: unknown intrinsic function ${fn}`);
      return call(fn, node[fn], s, where);
    }
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    if (k.startsWith("Fn::") && !KNOWN.has(k)) throw new ImportError(`${where}.${k}: unknown intrinsic function ${k}`);
    const v = evaluate(node[k], s, `${where}.${k}`);
    if (v !== NO_VALUE) out[k] = v;
  }
  return out;
}

function call(fn: string, arg: unknown, s: CfnScope, where: string): unknown {
  const at = `${where} (${fn})`;
  const list = (n: number | undefined): unknown[] => {
    if (!Array.isArray(arg) || (n !== undefined && arg.length !== n)) {
      throw new ImportError(`${at}: expects a list${n !== undefined ? ` of ${n}` : ""}, got ${JSON.stringify(arg)}`);
    }
    return arg;
  };
  const str = (v: unknown, what: string): string => {
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    throw new ImportError(`${at}: ${what} must be a string, got ${JSON.stringify(v)}`);
  };
  const bool = (v: unknown): boolean => {
    const b = evaluate(v, s, where);
    if (typeof b !== "boolean") throw new ImportError(`${at}: expects a condition, got ${JSON.stringify(b)}`);
    return b;
  };
  switch (fn) {
    case "Ref":
      if (arg === "AWS::NoValue") return NO_VALUE;
      return s.ref(str(evaluate(arg, s, where), "the name"), where);
    case "Condition":
      return s.condition(str(arg, "the condition name"), where);
    case "Fn::GetAtt": {
      const parts = typeof arg === "string" ? splitOnce(arg) : list(2).map((v) => str(evaluate(v, s, where), "the name"));
      if (!parts) throw new ImportError(`${at}: expects "Resource.Attribute", got ${JSON.stringify(arg)}`);
      return s.getAtt(parts[0]!, parts[1]!, where);
    }
    case "Fn::Sub": {
      const [text, vars] = typeof arg === "string" ? [arg, {}] : list(2);
      if (!isObject(vars)) throw new ImportError(`${at}: the variables must be a map`);
      const values = new Map(Object.entries(vars).map(([k, v]) => [k, evaluate(v, s, `${where}.${k}`)]));
      return str(text, "the text").replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
        if (name.startsWith("!")) return `\${${name.slice(1)}}`;
        const key = name.trim();
        if (values.has(key)) return str(values.get(key), `\${${key}}`);
        const dot = splitOnce(key);
        return str(dot && !key.startsWith("AWS::") ? s.getAtt(dot[0]!, dot[1]!, where) : s.ref(key, where), whole);
      });
    }
    case "Fn::Join": {
      const [sep, items] = list(2);
      const values = evaluate(items, s, where);
      if (!Array.isArray(values)) throw new ImportError(`${at}: the values must be a list`);
      return values.map((v) => str(v, "each value")).join(str(sep, "the delimiter"));
    }
    case "Fn::Select": {
      const [index, items] = list(2).map((v) => evaluate(v, s, where));
      const i = Number(index);
      if (!Array.isArray(items) || !Number.isInteger(i) || i < 0 || i >= items.length) {
        throw new ImportError(`${at}: index ${JSON.stringify(index)} is not in ${JSON.stringify(items)}`);
      }
      return items[i];
    }
    case "Fn::Split": {
      const [sep, text] = list(2).map((v) => evaluate(v, s, where));
      return str(text, "the text").split(str(sep, "the delimiter"));
    }
    case "Fn::If": {
      const [cond, yes, no] = list(3);
      return s.condition(str(cond, "the condition name"), where) ? evaluate(yes, s, where) : evaluate(no, s, where);
    }
    case "Fn::Equals": {
      const [a, b] = list(2).map((v) => evaluate(v, s, where));
      return JSON.stringify(a) === JSON.stringify(b) || (typeof a !== "object" && typeof b !== "object" && String(a) === String(b));
    }
    case "Fn::Not":
      return !bool(list(1)[0]);
    case "Fn::And":
      return list(undefined).every(bool);
    case "Fn::Or":
      return list(undefined).some(bool);
    case "Fn::FindInMap": {
      const [m, a, b] = list(3).map((v) => str(evaluate(v, s, where), "each key"));
      return s.findInMap(m!, a!, b!, where);
    }
    case "Fn::ImportValue":
      return s.importValue(str(evaluate(arg, s, where), "the export name"), where);
    case "Fn::Base64":
      return Buffer.from(str(evaluate(arg, s, where), "the text"), "utf8").toString("base64");
    case "Fn::GetAZs":
      return ["a", "b", "c"].map((z) => `${s.region}${z}`);
    case "Fn::Length": {
      const v = evaluate(arg, s, where);
      if (!Array.isArray(v)) throw new ImportError(`${at}: expects a list`);
      return v.length;
    }
    case "Fn::ToJsonString":
      return JSON.stringify(evaluate(arg, s, where));
    default:
      throw new ImportError(`${at}: ${fn} is not supported by the import (it needs a deployed stack)`);
  }
}

function splitOnce(s: string): [string, string] | undefined {
  const i = s.indexOf(".");
  return i > 0 && i < s.length - 1 ? [s.slice(0, i), s.slice(i + 1)] : undefined;
}
