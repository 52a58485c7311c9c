import type { Identity } from "../../src/shared/arn";
import type { MeshStore } from "./mesh-store";

/** What the mesh operations need: the store, the identity for ARNs, quotas and the clock. */
export interface OpContext {
  store: MeshStore;
  id: Identity;
  /** The Worker env (quota variables are read from it). */
  env: object;
  /** Epoch seconds of this operation. */
  now: number;
}
