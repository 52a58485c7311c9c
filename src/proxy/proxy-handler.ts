import { normalizePath } from "../routing";
import { proxyConfig } from "./config";
import { entryIndex, type ServiceEntry } from "./entry-points";
import { ERROR_HEADER, proxyError } from "./errors";
import { forward } from "./forward";
import { framingProblem, hopCount, loopProblem } from "./guards";
import { AUTHORITY_HEADER, requestIdOf, upstreamHeaders } from "./headers";
import { mirrorRequest } from "../extensions/proxy-mirror";
import { routeSeriesName } from "../metrics/series-key";
import { guardBody } from "./idle-body";
import { observeRequest, type EdgeContext, type ProxyObservation } from "./observe";
import { prepareBody } from "./request-body";
import { resolveTarget, type Target } from "./resolve-target";
import { durableSource, type SnapshotSource } from "./snapshot-source";
import { hostKey, splitUrl } from "./split-url";

/** App Mesh's default timeout.perRequest. */
const DEFAULT_PER_REQUEST_MS = 15_000;

const sources = new WeakMap<object, SnapshotSource>();

/**
 * The edge data plane: every request that is neither the management API nor `/_meshedge/*`.
 * Entry: Host = a served virtual service name, else the served gateways' gateway routes.
 * Then provider -> route -> weighted target -> virtual node upstream, with retries/timeouts.
 * `source` replaces the Durable Objects (tests of the data plane alone).
 */
export async function handleProxy(req: Request, env: object, ctx: EdgeContext, source?: SnapshotSource): Promise<Response> {
  const start = Date.now();
  const src = source ?? sources.get(env) ?? (sources.set(env, durableSource(env)), sources.get(env)!);
  const cfg = proxyConfig(env);
  const requestId = requestIdOf(req.headers);
  const url = splitUrl(req.url);
  const o: ProxyObservation = {
    mesh: null, gateway: null, virtualService: null, virtualRouter: null, route: null, virtualNode: null,
    status: 0, attempts: 0, durationMs: 0, requestId, error: null, method: req.method, path: url.path,
  };
  let res: Response;
  try {
    res = await route(req, env, ctx, src, cfg, url, requestId, o, start);
  } catch (err) {
    // Nothing above should throw; if it does the client still gets the edge's JSON shape.
    console.error(JSON.stringify({ kind: "meshedge.proxy_error", requestId, message: String(err) }));
    res = proxyError("internal_error", "the edge failed to handle the request");
  }
  o.status = res.status;
  o.durationMs = Date.now() - start;
  o.error = res.status >= 400 ? res.headers.get(ERROR_HEADER) : null;
  res.headers.set("x-request-id", requestId);
  try {
    observeRequest(o, env, ctx);
  } catch {
    // Observability must never break the data plane.
  }
  return res;
}

async function route(
  req: Request, env: object, ctx: EdgeContext, src: SnapshotSource, cfg: ReturnType<typeof proxyConfig>,
  url: ReturnType<typeof splitUrl>, requestId: string, o: ProxyObservation, start: number,
): Promise<Response> {
  const bad = framingProblem(req.headers);
  if (bad) return bad;
  const hops = hopCount(req.headers);
  const loop = loopProblem(hops, cfg.maxHops);
  if (loop) return loop;
  const path = normalizePath(url.path);
  if (path === null) return proxyError("bad_path", `the path ${JSON.stringify(url.path.slice(0, 200))} cannot be normalized`);
  const ep0 = entryIndex.current(cfg, src, start, ctx);
  const ep = ep0 instanceof Promise ? await ep0 : ep0;
  const host = req.headers.get("host") ?? url.host;
  let entry: ServiceEntry | undefined = ep.byHost.get(hostKey(host));
  let upstreamPath = path;
  let authority = host;
  let port: number | undefined;
  if (!entry) {
    for (let i = 0; i < ep.gateways.length && !entry; i++) {
      const g = ep.gateways[i]!;
      const m = g.table.match({
        protocol: g.listener.protocol, method: req.method, scheme: url.scheme, path, query: url.query,
        headers: req.headers, port: g.listener.port, host,
      });
      if (!m) continue;
      o.gateway = `${g.mesh}/${g.name}`;
      const mesh = entryIndex.snapshots.get(g.mesh)?.mesh;
      const service = mesh?.services.get(m.virtualServiceName);
      if (!mesh || !service) {
        o.mesh = g.mesh;
        return proxyError("no_target", `gateway route ${m.gatewayRouteName} targets virtual service ${m.virtualServiceName}, which does not exist`);
      }
      entry = { mesh, service };
      upstreamPath = m.path;
      authority = m.host;
      port = m.port;
    }
  }
  if (!entry) return proxyError("no_route", `no gateway route or virtual service matched host ${JSON.stringify(host)} and path ${JSON.stringify(path)}`);
  o.mesh = entry.mesh.name;
  o.virtualService = entry.service.name;
  const parts = { method: req.method, scheme: url.scheme, path: upstreamPath, query: url.query, headers: req.headers };
  const t = resolveTarget(entry, parts, port, start);
  if (t instanceof Response) return t;
  o.route = t.routeName;
  o.virtualRouter = entry.service.provider.kind === "virtualRouter" ? entry.service.provider.name : null;
  o.virtualNode = t.node.name;
  return send(req, cfg, t, entry, url, host, authority, upstreamPath, requestId, hops, o, start, env, ctx);
}

async function send(
  req: Request, cfg: ReturnType<typeof proxyConfig>, t: Target, entry: ServiceEntry, url: ReturnType<typeof splitUrl>,
  host: string, authority: string, path: string, requestId: string, hops: number, o: ProxyObservation, start: number,
  env: object, ctx: EdgeContext,
): Promise<Response> {
  const listener = t.upstream.listener;
  const configured = t.route.perRequestMs ?? listener.perRequestMs;
  const perRequest = configured ?? DEFAULT_PER_REQUEST_MS;
  const timed = configured !== null;
  const idle = t.route.idleMs ?? listener.idleMs ?? 0;
  const deadline = perRequest > 0 ? start + perRequest : Number.POSITIVE_INFINITY;
  const headers = upstreamHeaders(req, url.scheme, host, authority, requestId, hops);
  const prepared = await prepareBody(req, cfg.maxRetryBodyBytes);
  const result = await forward({
    url: url.query === "" ? t.upstream.origin + path : `${t.upstream.origin}${path}?${url.query}`,
    method: req.method,
    headers,
    body: prepared,
    retry: t.route.retry,
    deadline,
    mesh: entry.mesh.name,
    node: t.node.name,
    outlier: listener.outlier,
    routeNodes: t.targets,
  });
  o.attempts = result.attempts;
  // Route policy mirror (src/extensions): a copy to the shadow node in waitUntil, answer discarded.
  if (t.route.policy?.mirror && o.virtualRouter !== null) {
    const pathAndQuery = url.query === "" ? path : `${path}?${url.query}`;
    mirrorRequest(t.route.policy, entry.mesh, { method: req.method, pathAndQuery, headers, body: prepared, authorityHeader: AUTHORITY_HEADER, authority, routeSeries: routeSeriesName(o.virtualRouter, t.routeName!) }, env, ctx);
  }
  const res = "cause" in result ? proxyError(result.cause, result.message) : passOn(result, idle, timed ? deadline : Number.POSITIVE_INFINITY);
  res.headers.set("x-meshedge-attempts", String(result.attempts));
  if (cfg.routeHeaders) {
    if (t.routeName) res.headers.set("x-meshedge-route", t.routeName);
    res.headers.set("x-meshedge-virtual-node", t.node.name);
  }
  return res;
}

/**
 * The upstream's answer as a response of our own (so headers can be added). The default 15 s
 * perRequest bounds the attempts; the body is only guarded (a stream copy through JS) when a
 * timeout is configured (`deadline` finite or `idle` > 0), so the common path streams natively.
 */
function passOn(result: { response: Response; abort: AbortController }, idle: number, deadline: number): Response {
  const up = result.response;
  const guarded = up.body !== null && (idle > 0 || deadline !== Number.POSITIVE_INFINITY);
  return new Response(guarded ? keepLength(guardBody(up.body, idle, deadline, result.abort), up.headers) : up.body, up);
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
