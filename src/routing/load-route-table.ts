/**
 * Builds the runtime `RouteTable` from a snapshot, once per snapshot version: re2js matchers,
 * one candidate index per protocol and one prebuilt result object per route, so that `match`
 * allocates nothing.
 */
import { LoadedConditions } from "./loaded-conditions";
import { MatchIndex } from "./match-index";
import type { MatchRequest, RouteMatch, RouteProtocol, RouteTable, RouteTableSnapshot } from "./types";

const PROTOCOLS: readonly RouteProtocol[] = ["http", "http2", "grpc", "tcp"];

class CompiledRouteTable implements RouteTable {
  readonly size: number;
  readonly #conditions: LoadedConditions[];
  // 1 = accept without reading the entry (keeps big tables' lookups on compact memory).
  readonly #trivial: Uint8Array;
  readonly #results: RouteMatch[];
  readonly #indexes: Record<RouteProtocol, MatchIndex>;
  // The request under evaluation, read by #accept (bound once, so match creates no closure).
  #req: MatchRequest | null = null;
  readonly #accept = (i: number): boolean => this.#trivial[i] === 1 || this.#conditions[i]!.check(this.#req!);

  constructor(s: RouteTableSnapshot) {
    const entries = s.entries;
    this.size = entries.length;
    this.#conditions = entries.map((e) => new LoadedConditions(e));
    this.#trivial = Uint8Array.from(this.#conditions, (c) => (c.trivial ? 1 : 0));
    this.#results = entries.map((e, index) => {
      const r: { -readonly [K in keyof RouteMatch]: RouteMatch[K] } = {
        routeName: e.name,
        protocol: e.protocol,
        targets: e.targets,
        index,
      };
      if (e.retryPolicy !== undefined) r.retryPolicy = e.retryPolicy;
      if (e.timeout !== undefined) r.timeout = e.timeout;
      return Object.freeze(r);
    });
    const indexes = {} as Record<RouteProtocol, MatchIndex>;
    for (const p of PROTOCOLS) indexes[p] = new MatchIndex(entries, p);
    this.#indexes = indexes;
  }

  match(req: MatchRequest): RouteMatch | undefined {
    const index = this.#indexes[req.protocol];
    if (index === undefined) return undefined;
    this.#req = req;
    const i = index.find(req.path, this.#accept);
    this.#req = null;
    return i < 0 ? undefined : this.#results[i];
  }
}

/** Loads a snapshot made by `compileRouteTable` (possibly after a JSON round trip). */
export function loadRouteTable(snapshot: RouteTableSnapshot): RouteTable {
  if (snapshot.format !== 1) throw new Error(`unsupported route table snapshot format ${String(snapshot.format)}`);
  return new CompiledRouteTable(snapshot);
}
