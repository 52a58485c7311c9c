/**
 * Minimal structural views of the App Mesh (2019-01-25) shapes that routing reads.
 *
 * Field names are the model's own; every optional member is optional and readonly, so the
 * valibot-generated types of the control plane (`RouteSpec`, `GatewayRouteSpec`, ...) are
 * assignable to these without casts (optional members also accept an explicit `undefined`). Only the fields that affect matching, the pick of a target
 * or the proxy's per-route behaviour are listed.
 */

/** `HeaderMatchMethod` / `GrpcRouteMetadataMatchMethod` / `GrpcMetadataMatchMethod` (a union: one member set). */
export interface HeaderMatchMethod {
  readonly exact?: string | undefined;
  readonly prefix?: string | undefined;
  readonly suffix?: string | undefined;
  readonly regex?: string | undefined;
  readonly range?: MatchRange | undefined;
}

/** `MatchRange`: integer range, start included, end excluded. */
export interface MatchRange {
  readonly start: number;
  readonly end: number;
}

/** `HttpRouteHeader`, `HttpGatewayRouteHeader`, `GrpcRouteMetadata`, `GrpcGatewayRouteMetadata`. */
export interface HttpRouteHeader {
  readonly name: string;
  readonly invert?: boolean | undefined;
  readonly match?: HeaderMatchMethod | undefined;
}

/** `QueryParameterMatch`. */
export interface QueryParameterMatch {
  readonly exact?: string | undefined;
}

/** `HttpQueryParameter`. */
export interface HttpQueryParameter {
  readonly name: string;
  readonly match?: QueryParameterMatch | undefined;
}

/** `HttpPathMatch`. */
export interface HttpPathMatch {
  readonly exact?: string | undefined;
  readonly regex?: string | undefined;
}

/** `HttpRouteMatch`. */
export interface HttpRouteMatch {
  readonly prefix?: string | undefined;
  readonly path?: HttpPathMatch | undefined;
  readonly method?: string | undefined;
  readonly scheme?: string | undefined;
  readonly port?: number | undefined;
  readonly headers?: readonly HttpRouteHeader[] | undefined;
  readonly queryParameters?: readonly HttpQueryParameter[] | undefined;
}

/** `GrpcRouteMatch`. */
export interface GrpcRouteMatch {
  readonly serviceName?: string | undefined;
  readonly methodName?: string | undefined;
  readonly port?: number | undefined;
  readonly metadata?: readonly HttpRouteHeader[] | undefined;
}

/** `WeightedTarget`: relative integer weight 0-100. */
export interface WeightedTarget {
  readonly virtualNode: string;
  readonly weight: number;
  readonly port?: number | undefined;
}

/** `Duration`. */
export interface Duration {
  readonly unit?: string | undefined;
  readonly value?: number | undefined;
}

/** `HttpRetryPolicy` and `GrpcRetryPolicy` (grpcRetryEvents only on the latter). */
export interface RetryPolicy {
  readonly maxRetries: number;
  readonly perRetryTimeout: Duration;
  readonly httpRetryEvents?: readonly string[] | undefined;
  readonly tcpRetryEvents?: readonly string[] | undefined;
  readonly grpcRetryEvents?: readonly string[] | undefined;
}

/** `HttpTimeout`, `GrpcTimeout`, `TcpTimeout`. */
export interface RouteTimeout {
  readonly perRequest?: Duration | undefined;
  readonly idle?: Duration | undefined;
}

/** `HttpRoute` (also the shape of `http2Route`). */
export interface HttpRoute {
  readonly match: HttpRouteMatch;
  readonly action: { readonly weightedTargets: readonly WeightedTarget[] };
  readonly retryPolicy?: RetryPolicy | undefined;
  readonly timeout?: RouteTimeout | undefined;
}

/** `GrpcRoute`. */
export interface GrpcRoute {
  readonly match: GrpcRouteMatch;
  readonly action: { readonly weightedTargets: readonly WeightedTarget[] };
  readonly retryPolicy?: RetryPolicy | undefined;
  readonly timeout?: RouteTimeout | undefined;
}

/** `TcpRoute`. */
export interface TcpRoute {
  readonly match?: { readonly port?: number | undefined } | undefined;
  readonly action: { readonly weightedTargets: readonly WeightedTarget[] };
  readonly timeout?: RouteTimeout | undefined;
}

/** `RouteSpec`: exactly one of the four route kinds is expected. */
export interface RouteSpec {
  readonly priority?: number | undefined;
  readonly httpRoute?: HttpRoute | undefined;
  readonly http2Route?: HttpRoute | undefined;
  readonly grpcRoute?: GrpcRoute | undefined;
  readonly tcpRoute?: TcpRoute | undefined;
}

/** `GatewayRouteHostnameMatch`. */
export interface GatewayRouteHostnameMatch {
  readonly exact?: string | undefined;
  readonly suffix?: string | undefined;
}

/** `HttpGatewayRouteMatch`. */
export interface HttpGatewayRouteMatch {
  readonly prefix?: string | undefined;
  readonly path?: HttpPathMatch | undefined;
  readonly method?: string | undefined;
  readonly port?: number | undefined;
  readonly hostname?: GatewayRouteHostnameMatch | undefined;
  readonly headers?: readonly HttpRouteHeader[] | undefined;
  readonly queryParameters?: readonly HttpQueryParameter[] | undefined;
}

/** `GatewayRouteHostnameRewrite`. */
export interface GatewayRouteHostnameRewrite {
  readonly defaultTargetHostname?: string | undefined;
}

/** `HttpGatewayRouteRewrite`. */
export interface HttpGatewayRouteRewrite {
  readonly hostname?: GatewayRouteHostnameRewrite | undefined;
  readonly path?: { readonly exact?: string | undefined } | undefined;
  readonly prefix?: { readonly defaultPrefix?: string | undefined; readonly value?: string | undefined } | undefined;
}

/** `GatewayRouteTarget`. */
export interface GatewayRouteTarget {
  readonly virtualService: { readonly virtualServiceName: string };
  readonly port?: number | undefined;
}

/** `HttpGatewayRoute` (also the shape of `http2Route`). */
export interface HttpGatewayRoute {
  readonly match: HttpGatewayRouteMatch;
  readonly action: { readonly target: GatewayRouteTarget; readonly rewrite?: HttpGatewayRouteRewrite | undefined };
}

/** `GrpcGatewayRouteMatch`. */
export interface GrpcGatewayRouteMatch {
  readonly serviceName?: string | undefined;
  readonly port?: number | undefined;
  readonly hostname?: GatewayRouteHostnameMatch | undefined;
  readonly metadata?: readonly HttpRouteHeader[] | undefined;
}

/** `GrpcGatewayRoute`. */
export interface GrpcGatewayRoute {
  readonly match: GrpcGatewayRouteMatch;
  readonly action: {
    readonly target: GatewayRouteTarget;
    readonly rewrite?: { readonly hostname?: GatewayRouteHostnameRewrite | undefined } | undefined;
  };
}

/** `GatewayRouteSpec`: exactly one of the three kinds is expected. */
export interface GatewayRouteSpec {
  readonly priority?: number | undefined;
  readonly httpRoute?: HttpGatewayRoute | undefined;
  readonly http2Route?: HttpGatewayRoute | undefined;
  readonly grpcRoute?: GrpcGatewayRoute | undefined;
}
