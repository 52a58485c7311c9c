/**
 * The edge data plane. `handleProxy` answers every request of a data-plane hostname outside
 * `/_meshedge`; `invalidateMesh` lets the management API make its isolate see a write at once.
 */
export { handleProxy } from "./proxy-handler";
export { dataPlaneReserved } from "./split-url";
export { invalidateMesh } from "./entry-points";
export type { SnapshotSource } from "./snapshot-source";
export type { EdgeContext, ProxyObservation } from "./observe";
