import type { Context } from "hono";
import type { OperationSpec } from "../schema";
import { AppMeshError } from "../shared/errors";
import { parseJsonObject } from "./read-json";

/** A querystring/header value turned into the member's model type, when it reads as one. */
function coerce(raw: string, type: string): unknown {
  if ((type === "integer" || type === "long") && /^-?\d{1,15}$/.test(raw)) return Number(raw);
  if (type === "boolean" && (raw === "true" || raw === "false")) return raw === "true";
  // Anything else stays a string, so validation reports "must be a number" etc.
  return raw;
}

/**
 * Assembles an operation's raw input from the HTTP request, as the model's REST binding
 * says: `uri` members from the path, `querystring` and `header` members from there, all
 * other members from the JSON body. The result is validated by the caller.
 */
export async function bindRequest(spec: OperationSpec, c: Context): Promise<Record<string, unknown>> {
  const input: Record<string, unknown> = {};
  const url = new URL(c.req.url);
  let hasBody = false;
  for (const [name, m] of Object.entries(spec.members)) {
    const wire = m.locationName ?? name;
    if (m.location === "uri") {
      input[name] = c.req.param(wire);
    } else if (m.location === "querystring") {
      const raw = url.searchParams.get(wire);
      if (raw !== null) input[name] = coerce(raw, m.type);
    } else if (m.location === "header") {
      const raw = c.req.header(wire);
      if (raw !== undefined) input[name] = coerce(raw, m.type);
    } else {
      hasBody = true;
    }
  }
  if (!hasBody) return input;
  const body = parseJsonObject(await c.req.text());
  for (const [k, value] of Object.entries(body)) {
    const m = spec.members[k];
    if (m && m.location !== "body") {
      throw new AppMeshError("BadRequestException", `${k}: travels in the ${m.location === "uri" ? "path" : m.location}, not in the body`);
    }
    if (Object.hasOwn(input, k)) continue;
    // defineProperty: a body key "__proto__" must stay a (rejected) field, not a prototype.
    Object.defineProperty(input, k, { value, enumerable: true, writable: true, configurable: true });
  }
  return input;
}
