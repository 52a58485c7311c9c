/**
 * The slice of App Mesh `*Data` shapes the dashboard reads. Declared structurally (only the
 * fields used, all optional below the names) so that the dashboard keeps working while the
 * schema grows. `MeshResources` from `src/schema/` is read into it with a cast (env-source.ts):
 * the generated types carry explicit `undefined` members, which `exactOptionalPropertyTypes`
 * keeps from assigning.
 */

interface Meta {
  metadata?: { version?: number };
}
interface PortMapping {
  portMapping?: { port?: number; protocol?: string };
}
interface StringMatch {
  exact?: string;
  prefix?: string;
  suffix?: string;
  regex?: string;
  range?: { start?: number; end?: number };
}
interface HeaderMatch {
  name?: string;
  invert?: boolean;
  match?: StringMatch;
}
interface QueryMatch {
  name?: string;
  match?: { exact?: string };
}

/** HTTP / HTTP2 route or gateway route match. */
export interface UiHttpMatch {
  prefix?: string;
  path?: { exact?: string; regex?: string };
  method?: string;
  scheme?: string;
  port?: number;
  headers?: HeaderMatch[];
  queryParameters?: QueryMatch[];
  hostname?: { exact?: string; suffix?: string };
}

export interface UiGrpcMatch {
  serviceName?: string;
  methodName?: string;
  port?: number;
  metadata?: { name?: string; invert?: boolean; match?: StringMatch }[];
  hostname?: { exact?: string; suffix?: string };
}

interface WeightedTarget {
  virtualNode: string;
  weight: number;
}
interface UiDuration {
  unit?: string;
  value?: number;
}
/** The retry policy and timeouts of a route (any protocol's; the dashboard shows what is set). */
export interface UiRouteSettings {
  retryPolicy?: {
    maxRetries?: number;
    perRetryTimeout?: UiDuration;
    httpRetryEvents?: string[];
    grpcRetryEvents?: string[];
    tcpRetryEvents?: string[];
  };
  timeout?: { perRequest?: UiDuration; idle?: UiDuration };
}
interface RouteAction extends UiRouteSettings {
  action?: { weightedTargets?: WeightedTarget[] };
}

export interface UiRoute extends Meta {
  routeName: string;
  virtualRouterName: string;
  spec?: {
    priority?: number;
    httpRoute?: RouteAction & { match?: UiHttpMatch };
    http2Route?: RouteAction & { match?: UiHttpMatch };
    grpcRoute?: RouteAction & { match?: UiGrpcMatch };
    tcpRoute?: RouteAction & { match?: { port?: number } };
  };
}

interface GatewayAction {
  action?: { target?: { virtualService?: { virtualServiceName?: string }; port?: number } };
}

export interface UiGatewayRoute extends Meta {
  gatewayRouteName: string;
  virtualGatewayName: string;
  spec?: {
    priority?: number;
    httpRoute?: GatewayAction & { match?: UiHttpMatch };
    http2Route?: GatewayAction & { match?: UiHttpMatch };
    grpcRoute?: GatewayAction & { match?: UiGrpcMatch };
  };
}

/** Input of `buildMeshView`: all resources of one mesh. */
export interface UiResources {
  mesh: { meshName: string };
  virtualNodes: ({
    virtualNodeName: string;
    spec?: { listeners?: (PortMapping & { tls?: unknown })[]; serviceDiscovery?: { dns?: { hostname?: string }; awsCloudMap?: unknown } };
  } & Meta)[];
  virtualServices: ({
    virtualServiceName: string;
    spec?: { provider?: { virtualNode?: { virtualNodeName?: string }; virtualRouter?: { virtualRouterName?: string } } };
  } & Meta)[];
  virtualRouters: ({ virtualRouterName: string; spec?: { listeners?: PortMapping[] } } & Meta)[];
  routes: UiRoute[];
  virtualGateways: ({ virtualGatewayName: string; spec?: { listeners?: PortMapping[] } } & Meta)[];
  gatewayRoutes: UiGatewayRoute[];
}
