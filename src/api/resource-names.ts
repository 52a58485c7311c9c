import { nameProblem } from "../shared/name-rules";
import { AppMeshError } from "../shared/errors";

/** Throws BadRequestException `${field}: ${rule}` when `value` is not a usable name. */
export function checkName(field: string, value: string): void {
  const problem = nameProblem(value);
  if (problem !== undefined) throw new AppMeshError("BadRequestException", `${field}: ${problem}`);
}

/** Keys whose string values name a resource: `*Name` members and weighted targets' `virtualNode`. */
const isNameKey = (key: string): boolean => key.endsWith("Name") || key === "virtualNode";

/** Walks `value` and checks every string under a name key; `path` is the field path so far. */
function checkNamesIn(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) checkNamesIn(value[i], `${path}[${i}]`);
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const field = path === "" ? k : `${path}.${k}`;
      if (typeof v === "string") {
        if (isNameKey(k)) checkName(field, v);
      } else {
        checkNamesIn(v, field);
      }
    }
  }
}

/**
 * A resource name must come back through the REST path it is addressed by: `.` and `..` are
 * eaten by URL normalization and `/` splits the segment (and makes the ARN ambiguous), so a
 * resource stored under such a name could never be described, updated or deleted. Every name
 * (path parameters, body names, and the names a spec refers to) must also pass `nameProblem`.
 */
export function checkResourceNames(input: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(input)) {
    if (!key.endsWith("Name") || typeof value !== "string") continue;
    if (value === "." || value === ".." || value.includes("/")) {
      throw new AppMeshError(
        "BadRequestException",
        `${key}: must not be '.' or '..' or contain '/' (it could not be addressed in a URL path)`,
      );
    }
  }
  checkNamesIn(input, "");
}
