import * as v from "valibot";
import { AppMeshError } from "../shared/errors";

/** `a.b[0].c` from a valibot issue path (empty for the root). */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  let out = "";
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Human words for the rule behind one issue (valibot's `type` and `requirement`). */
export function issueRule(issue: v.BaseIssue<unknown>): string {
  const req = issue.requirement;
  switch (issue.type) {
    case "min_length":
      return `length must be >= ${String(req)}`;
    case "max_length":
      return `length must be <= ${String(req)}`;
    case "min_value":
      return `must be >= ${String(req)}`;
    case "max_value":
      return `must be <= ${String(req)}`;
    case "integer":
    case "safe_integer":
      return "must be an integer";
    case "finite":
      return "must be a finite number";
    case "regex":
      return `must match the pattern ${String(req)}`;
    case "picklist":
      return `must be one of ${issue.expected ?? "the allowed values"}`;
    case "check":
      return issue.message;
    case "string":
      return "must be a string";
    case "number":
      return "must be a number";
    case "boolean":
      return "must be a boolean";
    case "array":
      return "must be a list";
    case "object":
    case "strict_object":
      if (issue.received === "undefined") return "is required";
      if (issue.expected === "never") return "is not a field of this shape";
      return "must be an object";
    default:
      return issue.message;
  }
}

/** One message naming the field and the rule, e.g. `spec.x[0].weight: must be <= 100`. */
export function formatIssue(issue: v.BaseIssue<unknown>): string {
  const path = issuePath(issue);
  // A missing required member is reported on its key; type issues of a present value too.
  const rule = issue.received === "undefined" && issue.type !== "check" ? "is required" : issueRule(issue);
  return path === "" ? `input: ${rule}` : `${path}: ${rule}`;
}

/**
 * Validates `input` against a generated schema. Returns the typed output, or throws one
 * BadRequestException naming the first failing field (further failures follow in the message).
 */
export function parseInput<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const [first, ...rest] = result.issues;
  let message = formatIssue(first);
  if (rest.length > 0) message += ` (and ${rest.length} more: ${rest.slice(0, 3).map(formatIssue).join("; ")})`;
  throw new AppMeshError("BadRequestException", message);
}
