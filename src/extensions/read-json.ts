import { AppMeshError } from "../api/errors";

/** The request's JSON body, or a BadRequestException naming the problem (never a 500). */
export async function readJsonBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.trim() === "") throw new AppMeshError("BadRequestException", "input: a JSON body is required");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppMeshError("BadRequestException", "input: the body is not valid JSON");
  }
}

/** A path parameter that names a resource: 1-255 characters. */
export function nameParam(value: string | undefined, what: string): string {
  if (value === undefined || value.length < 1 || value.length > 255) {
    throw new AppMeshError("BadRequestException", `${what}: length must be between 1 and 255`);
  }
  return value;
}
