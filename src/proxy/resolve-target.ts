import type { HeaderLookup, WeightedTarget } from "../routing";
import { pickTarget } from "./sticky-pick";
import { routeSeriesName } from "../metrics/series-key";
import { proxyError } from "./errors";
import type { ServiceEntry } from "./entry-points";
import type { LoadedNode, LoadedPort, LoadedRoute, LoadedUpstream } from "./loaded-mesh";
import { outliers } from "./outlier";

/** The parts of a request the route match needs (the path is already normalized/rewritten). */
export interface RequestParts {
  method: string;
  scheme: "http" | "https";
  path: string;
  query: string;
  headers: HeaderLookup;
}

/** Where a request goes: the route (or the direct-node policy), node and listener. */
export interface Target {
  route: LoadedRoute;
  routeName: string | null;
  /** The metrics series (`{router}/{route}`, or NO_ROUTE for a node-provided service). */
  series: string;
  node: LoadedNode;
  upstream: LoadedUpstream;
  targets: readonly WeightedTarget[];
}

/**
 * Weighted pick that skips ejected nodes (the filtered copy is only made while one is ejected).
 * With a route policy's split key in the request the pick is sticky (pickByKey, src/proxy/sticky-pick.ts).
 */
function pick(
  mesh: string,
  targets: readonly WeightedTarget[],
  now: number,
  route: LoadedRoute,
  headers: HeaderLookup,
): WeightedTarget | undefined {
  if (!outliers.anyEjected(mesh, targets, now)) return pickTarget(targets, route.policy, headers, Math.random());
  const healthy = targets.filter((t) => !outliers.isEjected(mesh, t.virtualNode, now));
  return healthy.length === 0 ? undefined : pickTarget(healthy, route.policy, headers, Math.random());
}

/** The router listener for a gateway route's target port, else the first one. */
function listenerFor(listeners: readonly LoadedPort[], port: number | undefined): LoadedPort | undefined {
  if (port !== undefined) for (let i = 0; i < listeners.length; i++) if (listeners[i]!.port === port) return listeners[i];
  return listeners[0];
}

/** What an anonymous client is told (src/proxy/errors.ts); the names go to the access log. */
export const NO_ROUTE_MATCHED = "no route matched this request";
const NO_TARGET = "the mesh has no target for this request";

/**
 * Virtual service -> provider -> (route match, weighted pick) -> virtual node -> listener.
 * `port` is the gateway route's target port (the provider listener to use), if any.
 * Returns the edge's failure answer when the chain breaks.
 */
export function resolveTarget(entry: ServiceEntry, req: RequestParts, port: number | undefined, now: number): Target | Response {
  const { mesh, service } = entry;
  const p = service.provider;
  let targets: readonly WeightedTarget[];
  let route = mesh.directRoute;
  let routeName: string | null = null;
  let series = route.series;
  if (p.kind === "virtualRouter") {
    const router = mesh.routers.get(p.name);
    if (!router) return proxyError("no_target", NO_TARGET, `virtual router ${p.name} of virtual service ${service.name} does not exist`);
    const listener = listenerFor(router.listeners, port);
    if (!listener) return proxyError("no_target", NO_TARGET, `virtual router ${p.name} has no listener`);
    const m = router.table.match({
      protocol: listener.protocol,
      method: req.method,
      scheme: req.scheme,
      path: req.path,
      query: req.query,
      headers: req.headers,
      port: listener.port,
    });
    if (!m)
      return proxyError("no_route", NO_ROUTE_MATCHED, `no route of virtual router ${p.name} (virtual service ${service.name}) matched`);
    const matched = router.routes.get(m.routeName);
    route = matched ?? route;
    routeName = m.routeName;
    // A route without a policy entry (not written by this compiler) still gets its own series.
    series = matched ? matched.series : routeSeriesName(p.name, m.routeName);
    targets = m.targets;
  } else if (p.kind === "virtualNode") {
    targets = mesh.nodeTargets.get(p.name)!; // loadMesh made one per node provider
  } else {
    return proxyError("no_target", NO_TARGET, `virtual service ${service.name} has no provider`);
  }
  const t = pick(mesh.name, targets, now, route, req.headers);
  if (!t) {
    return targets.some((x) => x.weight > 0)
      ? proxyError(
          "no_healthy_target",
          "every target of the matched route is ejected by outlier detection",
          `every target of ${routeName ?? service.name} is ejected by outlier detection`,
        )
      : proxyError("no_target", NO_TARGET, `${routeName ?? service.name} has no target with a weight above 0`);
  }
  const node = mesh.nodes.get(t.virtualNode);
  if (!node) return proxyError("no_target", NO_TARGET, `virtual node ${t.virtualNode} does not exist`);
  if (node.unusable)
    return proxyError(
      "discovery_unusable",
      "the target's service discovery cannot be used by the edge",
      `virtual node ${node.name}: ${node.unusable}`,
    );
  const upstream = t.port !== undefined ? node.byPort.get(t.port) : node.first;
  if (!upstream) return proxyError("no_target", NO_TARGET, `virtual node ${node.name} has no listener on port ${t.port}`);
  return { route, routeName, series, node, upstream, targets };
}
