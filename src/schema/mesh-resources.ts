import type {
  GatewayRouteData,
  MeshData,
  RouteData,
  VirtualGatewayData,
  VirtualNodeData,
  VirtualRouterData,
  VirtualServiceData,
} from "./appmesh.gen";

/**
 * Every ACTIVE resource of one mesh, as the API returns them: the input of the snapshot
 * compiler and the answer of the mesh Durable Object's `getResources()`.
 * Lists are sorted by name (routes and gateway routes by parent, then name).
 */
export interface MeshResources {
  mesh: MeshData;
  virtualNodes: VirtualNodeData[];
  virtualServices: VirtualServiceData[];
  virtualRouters: VirtualRouterData[];
  routes: RouteData[];
  virtualGateways: VirtualGatewayData[];
  gatewayRoutes: GatewayRouteData[];
}
