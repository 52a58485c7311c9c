/**
 * valibot schemas and TypeScript types of the App Mesh API (2019-01-25), one per model shape
 * and under the model's shape names (e.g. `RouteData`, `HttpRoute`, `WeightedTarget`), plus the
 * generated REST operation table.
 */
export * from "./appmesh.gen";
export { operations, type OperationName } from "./operations.gen";
export type { OperationSpec, MemberLocation } from "./operation-spec";
export type { MeshResources } from "./mesh-resources";
