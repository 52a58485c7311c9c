import { hasDotSegment, hostWithoutPort, normalizePath } from "../routing";
import { carriesAdminKey } from "./admin-credentials";
import { proxyConfig, type ProxyConfig } from "./config";
import { entryIndex, type EntryPoints, type ServiceEntry } from "./entry-points";
import { edgeDetailOf, edgeErrorOf, grpcUnsupported, proxyError } from "./errors";
import { grpcFamilyOf } from "./grpc-family";
import { forward } from "./forward";
import { framingProblem, hopCount, loopProblem } from "./guards";
import { AUTHORITY_HEADER, requestIdOf, setRouteHeaders, upstreamHeaders } from "./headers";
import { mirrorRequest } from "./proxy-mirror";
import { NO_ROUTE } from "../metrics/series-key";
import { guardBody } from "./idle-body";
import { upgraded } from "./websocket";
import { observeRequest, type EdgeContext, type ProxyObservation } from "./observe";
import { prepareBody } from "./request-body";
import { NO_ROUTE_MATCHED, resolveTarget, type Target } from "./resolve-target";
import { durableSource, type SnapshotSource } from "./snapshot-source";
import { splitUrl, type UrlParts } from "./split-url";
import { effectiveTimeouts } from "./timeouts";

const sources = new WeakMap<object, SnapshotSource>();

/** One proxied request as it goes through the edge (values fixed on arrival). */
interface Flight {
  req: Request;
  env: object;
  ctx: EdgeContext;
  cfg: ProxyConfig;
  src: SnapshotSource;
  url: UrlParts;
  requestId: string;
  /** The access-log line / metrics observation, filled in on the way. */
  o: ProxyObservation;
  /** The metrics series of the target's route (set with `o.virtualNode`). */
  series: string;
  start: number;
}

/**
 * The edge data plane: every request that is neither the management API nor `/_meshedge/*`.
 * Entry: Host = a served virtual service name, else the served gateways' gateway routes.
 * Then provider -> route -> weighted target -> virtual node upstream, with retries/timeouts.
 * `source` replaces the Durable Objects (tests of the data plane alone).
 * Awaited: the upstream fetch, the buffering of a request body for retries (prepareBody), and the
 * entry points only when they must wait for the Durable Objects (EntryIndex.current). Everything
 * else runs synchronously, since each async layer costs the runtime a promise and microtasks per
 * request.
 */
export async function handleProxy(req: Request, env: object, ctx: EdgeContext, source?: SnapshotSource): Promise<Response> {
  const start = Date.now();
  const src = source ?? sources.get(env) ?? (sources.set(env, durableSource(env)), sources.get(env)!);
  const cfg = proxyConfig(env);
  const requestId = requestIdOf(req.headers);
  const url = splitUrl(req.url);
  const o: ProxyObservation = {
    kind: "meshedge.access",
    mesh: null,
    gateway: null,
    virtualService: null,
    virtualRouter: null,
    route: null,
    virtualNode: null,
    status: 0,
    attempts: 0,
    durationMs: 0,
    requestId,
    error: null,
    detail: null,
    stale: false,
    method: req.method,
    path: url.path,
  };
  const f: Flight = { req, env, ctx, cfg, src, url, requestId, o, series: NO_ROUTE, start };
  let res: Response;
  try {
    const r = route(f);
    res = r instanceof Promise ? await r : r;
  } catch (err) {
    // Nothing above should throw; if it does the client still gets the edge's JSON shape.
    console.error(JSON.stringify({ kind: "meshedge.proxy_error", requestId, message: String(err) }));
    res = proxyError("internal_error", "the edge failed to handle the request");
  }
  o.status = res.status;
  o.durationMs = Date.now() - start;
  o.error = edgeErrorOf(res);
  if (o.error !== null) o.detail = edgeDetailOf(res);
  // The edge's own answers always name the request; upstream answers do unless ROUTE_HEADERS is off (send).
  if (o.error !== null) res.headers.set("x-request-id", requestId);
  try {
    observeRequest(o, f.series, cfg, env, ctx);
  } catch {
    // Observability must never break the data plane.
  }
  return res;
}

/** Request guards, then the entry points (awaited only when EntryIndex.current must wait). */
function route(f: Flight): Response | Promise<Response> {
  const h = f.req.headers;
  const bad = framingProblem(h);
  if (bad) return bad;
  const hops = hopCount(h);
  const loop = loopProblem(hops, f.cfg.maxHops);
  if (loop) return loop;
  const path = normalizePath(f.url.path);
  if (path === null) return proxyError("bad_path", `the path ${JSON.stringify(f.url.path.slice(0, 200))} cannot be normalized`);
  const ep = entryIndex.current(f.cfg, f.src, f.start, f.ctx);
  return ep instanceof Promise ? ep.then((e) => enter(f, e, path, hops)) : enter(f, ep, path, hops);
}

/** Host = a served virtual service, else the served gateways' routes; then the mesh's target. */
function enter(f: Flight, ep: EntryPoints, path: string, hops: number): Response | Promise<Response> {
  const { req, url, o } = f;
  const host = req.headers.get("host") ?? url.host;
  let entry: ServiceEntry | undefined = ep.byHost.get(hostWithoutPort(host));
  let upstreamPath = path;
  let authority = host;
  let port: number | undefined;
  if (!entry) {
    for (let i = 0; i < ep.gateways.length && !entry; i++) {
      const g = ep.gateways[i]!;
      const m = g.table.match({
        protocol: g.listener.protocol,
        method: req.method,
        scheme: url.scheme,
        path,
        query: url.query,
        headers: req.headers,
        port: g.listener.port,
        host,
      });
      if (!m) continue;
      o.gateway = g.id;
      // The request path was normalized, so a dot segment now comes from the rewrite and would
      // take the request outside its rewrite target (src/routing/rewrite-path.ts).
      if (hasDotSegment(m.path))
        return proxyError(
          "bad_path",
          "the gateway's rewrite would turn this path into a dot segment",
          `gateway route ${m.gatewayRouteName} would rewrite the path to a dot segment`,
        );
      const mesh = entryIndex.snapshots.get(g.mesh)?.mesh;
      const service = mesh?.services.get(m.virtualServiceName);
      if (!mesh || !service) {
        o.mesh = g.mesh;
        return proxyError(
          "no_target",
          "the mesh has no target for this request",
          `gateway route ${m.gatewayRouteName} targets virtual service ${m.virtualServiceName}, which does not exist`,
        );
      }
      entry = { mesh, service };
      upstreamPath = m.path;
      authority = m.host;
      port = m.port;
    }
  }
  if (!entry) {
    o.stale = entryIndex.missed(f.cfg, f.src, f.start, f.ctx);
    // Part of the config is unknown (its Durable Object never answered): not "no such route".
    if (ep.unavailable !== null)
      return proxyError("config_unavailable", "the edge could not load its configuration yet; try again shortly", ep.unavailable);
    return proxyError(
      "no_route",
      NO_ROUTE_MATCHED,
      `no gateway route or virtual service matched host ${JSON.stringify(host)} and path ${JSON.stringify(path)}`,
    );
  }
  o.mesh = entry.mesh.name;
  // Only meshes requests are routed to are refreshed (background); a stale snapshot is served and said so.
  o.stale = entryIndex.routed(o.mesh, f.cfg, f.src, f.start, f.ctx);
  o.virtualService = entry.service.name;
  const parts = { method: req.method, scheme: url.scheme, path: upstreamPath, query: url.query, headers: req.headers };
  const t = resolveTarget(entry, parts, port, f.start);
  if (t instanceof Response) return t;
  o.route = t.routeName;
  o.virtualRouter = entry.service.provider.kind === "virtualRouter" ? entry.service.provider.name : null;
  o.virtualNode = t.node.name;
  f.series = t.series;
  const headers = upstreamHeaders(req, url.scheme, host, authority, f.requestId, hops);
  // An operator's own key never reaches an application (src/proxy/admin-credentials.ts).
  const auth = req.headers.get("authorization");
  if (auth !== null && carriesAdminKey(auth, f.env)) headers.delete("authorization");
  return send(f, t, entry, headers, authority, upstreamPath);
}

async function send(f: Flight, t: Target, entry: ServiceEntry, headers: Headers, authority: string, path: string): Promise<Response> {
  const { req, cfg, url, o } = f;
  const listener = t.upstream.listener;
  // Two hops, as App Mesh's two Envoys: the route bounds the request, the listener each attempt.
  const { requestMs, attemptMs } = effectiveTimeouts(t.route.perRequestMs, listener.perRequestMs);
  const idle = t.route.idleMs ?? listener.idleMs ?? 0;
  const deadline = f.start + requestMs;
  // fetch cannot send a GET or HEAD with a body: the client's request cannot be forwarded as is.
  if (req.body !== null && (req.method === "GET" || req.method === "HEAD")) {
    return proxyError("body_not_allowed", `a ${req.method} request with a body cannot be forwarded`);
  }
  // gRPC-Web / Connect to a gRPC listener: the status is read from the first frame (plain HTTP never looks).
  const grpc = listener.protocol === "grpc" ? grpcFamilyOf(req.headers) : null;
  if (grpc === "grpc") return grpcUnsupported();
  const body = prepareBody(req, cfg.maxRetryBodyBytes, deadline);
  const prepared = body instanceof Promise ? await body : body;
  if (typeof prepared === "string") {
    return proxyError(
      prepared,
      prepared === "client_timeout" ? "the request body did not arrive in time" : "the client closed the connection during its upload",
    );
  }
  const result = await forward({
    url: url.query === "" ? t.upstream.origin + path : `${t.upstream.origin}${path}?${url.query}`,
    method: req.method,
    headers,
    body: prepared,
    retry: t.route.retry,
    deadline,
    attemptMs,
    mesh: entry.mesh.name,
    node: t.node.name,
    outlier: listener.outlier,
    routeNodes: t.targets,
    grpc,
  });
  o.attempts = result.attempts;
  if (grpc !== null && "response" in result) o.grpcStatus = result.grpcStatus;
  // Route policy mirror (src/proxy/proxy-mirror.ts): a copy to the shadow node in waitUntil, answer discarded.
  // Never an upgrade: a copy cannot be a second socket, and the shadow would answer a plain request.
  if (t.route.policy?.mirror && o.virtualRouter !== null && req.headers.get("upgrade") === null) {
    const pathAndQuery = url.query === "" ? path : `${path}?${url.query}`;
    mirrorRequest(
      t.route.policy,
      entry.mesh,
      { method: req.method, pathAndQuery, headers, body: prepared, authorityHeader: AUTHORITY_HEADER, authority, routeSeries: t.series },
      f.env,
      f.ctx,
    );
  }
  if ("cause" in result) {
    const res = proxyError(result.cause, result.message);
    res.headers.set("x-meshedge-attempts", String(result.attempts));
    return res;
  }
  const up = result.response;
  // A WebSocket: the upstream's 101 with its socket, as it came (src/proxy/websocket.ts).
  if (up.status === 101) return upgraded(up, cfg.routeHeaders, f.requestId, result.attempts, t.routeName, t.node.name);
  // The default 15 s timeouts bound the attempts only; the body is guarded (a stream copy
  // through JS) by the configured ones (route: the request; listener: this attempt), so the
  // common path streams natively.
  const bodyEnd = Math.min(
    t.route.perRequestMs !== null ? deadline : Number.POSITIVE_INFINITY,
    listener.perRequestMs !== null ? result.attemptEnd : Number.POSITIVE_INFINITY,
  );
  const guarded = up.body !== null && (idle > 0 || bodyEnd !== Number.POSITIVE_INFINITY);
  // Nothing to add and nothing to guard: the upstream's answer goes out as it came, uncopied.
  if (!cfg.routeHeaders && !guarded) return up;
  const res = new Response(guarded ? keepLength(guardBody(up.body, idle, bodyEnd, result.abort), up.headers) : up.body, up);
  if (cfg.routeHeaders) setRouteHeaders(res.headers, f.requestId, result.attempts, t.routeName, t.node.name);
  return res;
}

/**
 * A guarded body is a JS stream of unknown length, so workerd would answer chunked and, when the
 * guard cuts it, end the chunked answer cleanly: the client could not tell the cut. Declaring
 * the upstream's length (FixedLengthStream) keeps Content-Length, and a cut then aborts the
 * client's connection short of it, as Envoy's does. Encoded bodies are left alone (fetch may
 * have decoded them, so the upstream's length no longer holds).
 */
function keepLength(body: ReadableStream<Uint8Array>, headers: Headers): ReadableStream<Uint8Array> {
  const raw = headers.get("content-length");
  if (raw === null || headers.has("content-encoding") || !/^\d{1,15}$/.test(raw)) return body;
  return body.pipeThrough(new FixedLengthStream(Number(raw)));
}
