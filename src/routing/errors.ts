/**
 * Raised by `compileRouteTable` / `compileGatewayRouteTable` for a spec that cannot be
 * evaluated (a regex RE2 rejects or one over the size bound, a methodName without serviceName).
 * The control plane can check specs up front with `routeSpecProblem` / `gatewayRouteSpecProblem`.
 */
export class RouteCompileError extends Error {
  override readonly name = "RouteCompileError";

  constructor(
    /** Name of the offending route or gateway route. */
    readonly routeName: string,
    /** Dotted path of the offending field, e.g. "httpRoute.match.headers[0].match.regex". */
    readonly field: string,
    detail: string,
  ) {
    super(`${routeName}: ${field}: ${detail}`);
  }
}

/**
 * `compile` applied to each item; with `skipRefused`, an item it throws `RouteCompileError` for
 * is left out instead (each item is still compiled once).
 */
export function compileEach<T, E>(items: readonly T[], compile: (item: T) => E, skipRefused?: boolean): E[] {
  const out: E[] = [];
  for (const item of items) {
    try {
      out.push(compile(item));
    } catch (err) {
      if (!skipRefused || !(err instanceof RouteCompileError)) throw err;
    }
  }
  return out;
}
