import { exports } from "cloudflare:workers";
import { signedRequest } from "../security/support/sign";
import { ADMIN_ORIGIN } from "./origins";

/**
 * Calls the Worker (`exports.default.fetch`) with a SigV4-signed request, as the AWS SDK
 * would send it. `path` may carry a query string; `body` is sent as JSON unless a string.
 */
export async function signedFetch(method: string, path: string, body?: unknown): Promise<Response> {
  const text = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  return exports.default.fetch(await signedRequest({ method, path, origin: ADMIN_ORIGIN, ...(text !== undefined ? { body: text } : {}) }));
}

/** A management answer: status, the x-amzn-errortype header and the parsed JSON body. */
export interface Answer<T = Record<string, unknown>> {
  status: number;
  errorType: string | null;
  /** The `x-amzn-requestid` header (AWS SDKs surface it as `$metadata.requestId`). */
  requestId: string | null;
  body: T;
}

/** {@link signedFetch} and parse: never throws on an error status. */
export async function call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
  const res = await signedFetch(method, path, body);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* keep the text */
  }
  return {
    status: res.status,
    errorType: res.headers.get("x-amzn-errortype"),
    requestId: res.headers.get("x-amzn-requestid"),
    body: parsed as T,
  };
}

/** {@link call} that fails the test unless the answer is 200. */
// biome-ignore lint/suspicious/noExplicitAny: the default lets tests read answer fields without a cast
export async function ok<T = Record<string, any>>(method: string, path: string, body?: unknown): Promise<T> {
  const a = await call<T>(method, path, body);
  if (a.status !== 200) throw new Error(`${method} ${path} -> ${a.status} ${a.errorType}: ${JSON.stringify(a.body)}`);
  return a.body;
}
