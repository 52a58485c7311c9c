/**
 * Minimal structural views of the App Mesh (2019-01-25) shapes that routing reads.
 *
 * Field names are the model's own; every optional member is optional and readonly, so the
 * valibot-generated types of the control plane (`RouteSpec`, `GatewayRouteSpec`, ...) are
 * assignable to these without casts. Only the fields that affect matching, the pick of a target
 * or the proxy's per-route behaviour are listed.
 */

/** `HeaderMatchMethod` / `GrpcRouteMetadataMatchMethod` / `GrpcMetadataMatchMethod` (a union: one member set). */
export interface HeaderMatchMethod {
  readonly exact?: string;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly regex?: string;
  readonly range?: MatchRange;
}

/** `MatchRange`: integer range, start included, end excluded. */
export interface MatchRange {
  readonly start: number;
  readonly end: number;
}

/** `HttpRouteHeader`, `HttpGatewayRouteHeader`, `GrpcRouteMetadata`, `GrpcGatewayRouteMetadata`. */
export interface HttpRouteHeader {
  readonly name: string;
  readonly invert?: boolean;
  readonly match?: HeaderMatchMethod;
}

/** `QueryParameterMatch`. */
export interface QueryParameterMatch {
  readonly exact?: string;
}

/** `HttpQueryParameter`. */
export interface HttpQueryParameter {
  readonly name: string;
  readonly match?: QueryParameterMatch;
}

/** `HttpPathMatch`. */
export interface HttpPathMatch {
  readonly exact?: string;
  readonly regex?: string;
}

/** `HttpRouteMatch`. */
export interface HttpRouteMatch {
  readonly prefix?: string;
  readonly path?: HttpPathMatch;
  readonly method?: string;
  readonly scheme?: string;
  readonly port?: number;
  readonly headers?: readonly HttpRouteHeader[];
  readonly queryParameters?: readonly HttpQueryParameter[];
}

/** `GrpcRouteMatch`. */
export interface GrpcRouteMatch {
  readonly serviceName?: string;
  readonly methodName?: string;
  readonly port?: number;
  readonly metadata?: readonly HttpRouteHeader[];
}

/** `WeightedTarget`: relative integer weight 0-100. */
export interface WeightedTarget {
  readonly virtualNode: string;
  readonly weight: number;
  readonly port?: number;
}

/** `Duration`. */
export interface Duration {
  readonly unit?: string;
  readonly value?: number;
}

/** `HttpRetryPolicy` and `GrpcRetryPolicy` (grpcRetryEvents only on the latter). */
export interface RetryPolicy {
  readonly maxRetries: number;
  readonly perRetryTimeout: Duration;
  readonly httpRetryEvents?: readonly string[];
  readonly tcpRetryEvents?: readonly string[];
  readonly grpcRetryEvents?: readonly string[];
}

/** `HttpTimeout`, `GrpcTimeout`, `TcpTimeout`. */
export interface RouteTimeout {
  readonly perRequest?: Duration;
  readonly idle?: Duration;
}

/** `HttpRoute` (also the shape of `http2Route`). */
export interface HttpRoute {
  readonly match: HttpRouteMatch;
  readonly action: { readonly weightedTargets: readonly WeightedTarget[] };
  readonly retryPolicy?: RetryPolicy;
  readonly timeout?: RouteTimeout;
}

/** `GrpcRoute`. */
export interface GrpcRoute {
  readonly match: GrpcRouteMatch;
  readonly action: { readonly weightedTargets: readonly WeightedTarget[] };
  readonly retryPolicy?: RetryPolicy;
  readonly timeout?: RouteTimeout;
}

/** `TcpRoute`. */
export interface TcpRoute {
  readonly match?: { readonly port?: number };
  readonly action: { readonly weightedTargets: readonly WeightedTarget[] };
  readonly timeout?: RouteTimeout;
}

/** `RouteSpec`: exactly one of the four route kinds is expected. */
export interface RouteSpec {
  readonly priority?: number;
  readonly httpRoute?: HttpRoute;
  readonly http2Route?: HttpRoute;
  readonly grpcRoute?: GrpcRoute;
  readonly tcpRoute?: TcpRoute;
}

/** `GatewayRouteHostnameMatch`. */
export interface GatewayRouteHostnameMatch {
  readonly exact?: string;
  readonly suffix?: string;
}

/** `HttpGatewayRouteMatch`. */
export interface HttpGatewayRouteMatch {
  readonly prefix?: string;
  readonly path?: HttpPathMatch;
  readonly method?: string;
  readonly port?: number;
  readonly hostname?: GatewayRouteHostnameMatch;
  readonly headers?: readonly HttpRouteHeader[];
  readonly queryParameters?: readonly HttpQueryParameter[];
}

/** `GatewayRouteHostnameRewrite`. */
export interface GatewayRouteHostnameRewrite {
  readonly defaultTargetHostname?: string;
}

/** `HttpGatewayRouteRewrite`. */
export interface HttpGatewayRouteRewrite {
  readonly hostname?: GatewayRouteHostnameRewrite;
  readonly path?: { readonly exact?: string };
  readonly prefix?: { readonly defaultPrefix?: string; readonly value?: string };
}

/** `GatewayRouteTarget`. */
export interface GatewayRouteTarget {
  readonly virtualService: { readonly virtualServiceName: string };
  readonly port?: number;
}

/** `HttpGatewayRoute` (also the shape of `http2Route`). */
export interface HttpGatewayRoute {
  readonly match: HttpGatewayRouteMatch;
  readonly action: { readonly target: GatewayRouteTarget; readonly rewrite?: HttpGatewayRouteRewrite };
}

/** `GrpcGatewayRouteMatch`. */
export interface GrpcGatewayRouteMatch {
  readonly serviceName?: string;
  readonly port?: number;
  readonly hostname?: GatewayRouteHostnameMatch;
  readonly metadata?: readonly HttpRouteHeader[];
}

/** `GrpcGatewayRoute`. */
export interface GrpcGatewayRoute {
  readonly match: GrpcGatewayRouteMatch;
  readonly action: {
    readonly target: GatewayRouteTarget;
    readonly rewrite?: { readonly hostname?: GatewayRouteHostnameRewrite };
  };
}

/** `GatewayRouteSpec`: exactly one of the three kinds is expected. */
export interface GatewayRouteSpec {
  readonly priority?: number;
  readonly httpRoute?: HttpGatewayRoute;
  readonly http2Route?: HttpGatewayRoute;
  readonly grpcRoute?: GrpcGatewayRoute;
}
