import { AppMeshError } from "./errors";

/**
 * A resource name must come back through the REST path it is addressed by: `.` and `..` are
 * eaten by URL normalization and `/` splits the segment (and makes the ARN ambiguous), so a
 * resource stored under such a name could never be described, updated or deleted. App Mesh's
 * model only bounds the length; meshedge refuses these few names at create time.
 */
export function checkResourceNames(input: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(input)) {
    if (!key.endsWith("Name") || typeof value !== "string") continue;
    if (value === "." || value === ".." || value.includes("/")) {
      throw new AppMeshError("BadRequestException", `${key}: must not be '.' or '..' or contain '/' (it could not be addressed in a URL path)`);
    }
  }
}
