/**
 * Called after a write to a mesh served by this isolate. The entry point wires it to the data
 * plane's `invalidateMesh` so that this isolate routes by the write at once (other isolates
 * follow within SNAPSHOT_TTL_MS); the APIs themselves never import the data plane.
 */
export type MeshWriteHook = (meshName: string) => void;
