/**
 * Minimal structural views of the App Mesh `*Data` shapes (model 2019-01-25), holding only the
 * fields the snapshot compiler reads, with the model's field names. The full types generated
 * from the model live in `src/schema/`; these are deliberately a subset of them so that the
 * generated types are assignable here, and the snapshot does not depend on API-only fields.
 */

/** `Duration`: the model allows a missing unit/value; missing means "not configured". */
export interface Duration {
  unit?: "s" | "ms" | (string & {});
  value?: number;
}

export interface PortMapping {
  port: number;
  protocol: "http" | "tcp" | "http2" | "grpc" | (string & {});
}

export interface HttpTimeout {
  idle?: Duration;
  perRequest?: Duration;
}

export interface Listener {
  portMapping: PortMapping;
  outlierDetection?: {
    baseEjectionDuration: Duration;
    interval: Duration;
    maxEjectionPercent: number;
    maxServerErrors: number;
  };
  timeout?: { http?: HttpTimeout; http2?: HttpTimeout; grpc?: HttpTimeout; tcp?: { idle?: Duration } };
  tls?: { mode: string };
}

export interface VirtualNodeData {
  meshName: string;
  virtualNodeName: string;
  spec: {
    listeners?: Listener[];
    serviceDiscovery?: {
      dns?: { hostname: string };
      awsCloudMap?: { namespaceName: string; serviceName: string };
    };
  };
}

export interface VirtualServiceData {
  meshName: string;
  virtualServiceName: string;
  spec: {
    provider?: {
      virtualNode?: { virtualNodeName: string };
      virtualRouter?: { virtualRouterName: string };
    };
  };
}

export interface VirtualRouterData {
  meshName: string;
  virtualRouterName: string;
  spec: { listeners?: { portMapping: PortMapping }[] };
}

export interface WeightedTarget {
  virtualNode: string;
  weight: number;
  port?: number;
}

export interface RetryPolicy {
  maxRetries: number;
  perRetryTimeout: Duration;
  httpRetryEvents?: string[];
  tcpRetryEvents?: string[];
  grpcRetryEvents?: string[];
}

/** Shared part of httpRoute / http2Route / grpcRoute / tcpRoute. */
export interface AnyRoute {
  action: { weightedTargets: WeightedTarget[] };
  match?: unknown;
  retryPolicy?: RetryPolicy;
  timeout?: HttpTimeout;
}

export interface RouteData {
  meshName: string;
  virtualRouterName: string;
  routeName: string;
  spec: {
    priority?: number;
    httpRoute?: AnyRoute;
    http2Route?: AnyRoute;
    grpcRoute?: AnyRoute;
    tcpRoute?: AnyRoute;
  };
}

export interface VirtualGatewayData {
  meshName: string;
  virtualGatewayName: string;
  spec: { listeners: { portMapping: PortMapping }[] };
}

export interface GatewayRouteRewrite {
  hostname?: { defaultTargetHostname?: "ENABLED" | "DISABLED" | (string & {}) };
  path?: { exact?: string };
  prefix?: { defaultPrefix?: "ENABLED" | "DISABLED" | (string & {}); value?: string };
}

export interface AnyGatewayRoute {
  action: {
    target: { virtualService: { virtualServiceName: string }; port?: number };
    rewrite?: GatewayRouteRewrite;
  };
  match?: unknown;
}

export interface GatewayRouteData {
  meshName: string;
  virtualGatewayName: string;
  gatewayRouteName: string;
  spec: {
    priority?: number;
    httpRoute?: AnyGatewayRoute;
    http2Route?: AnyGatewayRoute;
    grpcRoute?: AnyGatewayRoute;
  };
}

export interface MeshData {
  meshName: string;
  spec: { egressFilter?: { type: string } };
}
