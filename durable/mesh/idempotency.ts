import { AppMeshError } from "../../src/shared/errors";
import type { MeshStore } from "./mesh-store";

/** How long a clientToken is remembered (App Mesh documents idempotency as best effort). */
export const CLIENT_TOKEN_TTL_SECONDS = 24 * 3600;

/**
 * Runs a write at most once per clientToken: the same token with the same input answers
 * the stored response again (and writes nothing); the same token with another input is a
 * ConflictException. Called inside the write's transaction, so the token and the write
 * commit together. Failed writes store nothing, so a retry runs again.
 */
export function idempotent<T>(store: MeshStore, token: string | undefined, inputKey: string, now: number, write: () => T): T {
  if (token === undefined || token === "") return write();
  const seen = store.getToken(token);
  if (seen) {
    if (seen.input === inputKey) return JSON.parse(seen.response) as T;
    throw new AppMeshError("ConflictException", `clientToken ${token} was already used with a different request`);
  }
  const out = write();
  store.putToken(token, inputKey, JSON.stringify(out), now);
  store.purgeTokens(now - CLIENT_TOKEN_TTL_SECONDS);
  return out;
}
