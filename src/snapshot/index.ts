/** The mesh snapshot: compiled by the mesh Durable Object, loaded by the edge. */
export { compileMeshSnapshot } from "./compile-mesh-snapshot";
export type * from "./types";
export { SNAPSHOT_FORMAT } from "./types";
