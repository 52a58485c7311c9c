/**
 * Identity of a metrics series inside one mesh: a `route` and the virtual `node` that answered.
 * `route` is `"{virtualRouter}/{route}"` for requests routed by a virtual router's route, and
 * `"-"` when a virtual service's provider is a virtual node directly (no route involved).
 */

/** The `route` part of a series for a route of a virtual router. */
export function routeSeriesName(virtualRouterName: string, routeName: string): string {
  return `${virtualRouterName}/${routeName}`;
}

/** Series name used when no route was involved. */
export const NO_ROUTE = "-";

/** One map key for a series; "\n" cannot occur in App Mesh names, so the key is unambiguous. */
export function seriesKey(route: string, node: string): string {
  return `${route}\n${node}`;
}
