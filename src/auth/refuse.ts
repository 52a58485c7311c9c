import { AppMeshError, renderAppMeshError, type AppMeshErrorType } from "../shared/errors";

/**
 * Builds a refusal through the API's one error renderer (`x-amzn-errortype` + JSON
 * `{"message"}`), which the AWS SDKs and CLI turn into a typed exception. `status` may differ
 * from the type's usual one where HTTP has a more precise code (401 with a Basic challenge,
 * 413, 414, 431); the SDKs go by the type. Guards return this response instead of throwing,
 * so a refusal never depends on how handlers map errors.
 */
export function refuse(type: AppMeshErrorType, status: number, message: string, headers?: Record<string, string>): Response {
  const rendered = renderAppMeshError(new AppMeshError(type, message));
  if (status === rendered.status && headers === undefined) return rendered;
  const merged = new Headers(rendered.headers);
  for (const [k, v] of Object.entries(headers ?? {})) merged.set(k, v);
  return new Response(rendered.body, { status, headers: merged });
}
