import { AppMeshError, type AppMeshErrorData } from "./errors";

/**
 * What a Durable Object RPC method returns: data, never a thrown error, so the App Mesh
 * error type survives the RPC boundary intact.
 */
export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: AppMeshErrorData };

/** Runs `fn`, turning an AppMeshError into `{ ok: false }` (anything else is re-thrown). */
export function capture<T>(fn: () => T): RpcResult<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (e instanceof AppMeshError) return { ok: false, error: e.toData() };
    throw e;
  }
}

/** `capture` for an async `fn`: an AppMeshError it throws or rejects with becomes `{ ok: false }`. */
export async function captureAsync<T>(fn: () => Promise<T>): Promise<RpcResult<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    if (e instanceof AppMeshError) return { ok: false, error: e.toData() };
    throw e;
  }
}

/** The Worker side: the value, or the AppMeshError the Durable Object reported. */
export function unwrap<T>(r: RpcResult<T>): T {
  if (r.ok) return r.value;
  throw AppMeshError.from(r.error);
}
