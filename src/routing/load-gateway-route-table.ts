/**
 * Builds the runtime `GatewayRouteTable` from a snapshot: the same candidate index as routes,
 * plus the hostname condition and the path / Host rewrite of the winner.
 */
import { hostWithoutPort, LoadedConditions } from "./loaded-conditions";
import { MatchIndex } from "./match-index";
import { rewritePrefix } from "./rewrite-path";
import type {
  GatewayMatchRequest,
  GatewayRouteEntrySnapshot,
  GatewayRouteMatch,
  GatewayRouteTable,
  GatewayRouteTableSnapshot,
  RouteProtocol,
} from "./types";

const PROTOCOLS: readonly RouteProtocol[] = ["http", "http2", "grpc"];

class CompiledGatewayRouteTable implements GatewayRouteTable {
  readonly size: number;
  readonly #entries: readonly GatewayRouteEntrySnapshot[];
  readonly #conditions: LoadedConditions[];
  readonly #indexes: Partial<Record<RouteProtocol, MatchIndex>> = {};
  // Only tables with a hostname condition pay for lower-casing the Host.
  readonly #usesHost: boolean;
  #req: GatewayMatchRequest | null = null;
  #host = "";
  readonly #accept = (i: number): boolean => {
    const c = this.#conditions[i]!;
    return c.trivial || (c.checkHost(this.#host) && c.check(this.#req!));
  };

  constructor(s: GatewayRouteTableSnapshot) {
    this.#entries = s.entries;
    this.size = s.entries.length;
    this.#conditions = s.entries.map((e) => new LoadedConditions(e));
    this.#usesHost = s.entries.some((e) => e.hostname !== undefined);
    for (const p of PROTOCOLS) this.#indexes[p] = new MatchIndex(s.entries, p);
  }

  match(req: GatewayMatchRequest): GatewayRouteMatch | undefined {
    const index = this.#indexes[req.protocol];
    if (index === undefined) return undefined;
    this.#req = req;
    this.#host = this.#usesHost ? hostWithoutPort(req.host) : "";
    const i = index.find(req.path, this.#accept);
    this.#req = null;
    if (i < 0) return undefined;
    const e = this.#entries[i]!;
    const rw = e.rewrite;
    let path = req.path;
    if (rw.exactPath !== undefined) path = rw.exactPath;
    else if (rw.prefix !== undefined) path = rewritePrefix(req.path, e.path.value.length, rw.prefix);
    const result: { -readonly [K in keyof GatewayRouteMatch]: GatewayRouteMatch[K] } = {
      gatewayRouteName: e.name,
      protocol: e.protocol,
      virtualServiceName: e.virtualServiceName,
      index: i,
      path,
      host: rw.host ?? req.host,
    };
    if (e.targetPort !== undefined) result.port = e.targetPort;
    return result;
  }
}

/** Loads a snapshot made by `compileGatewayRouteTable` (possibly after a JSON round trip). */
export function loadGatewayRouteTable(snapshot: GatewayRouteTableSnapshot): GatewayRouteTable {
  if (snapshot.format !== 1) throw new Error(`unsupported gateway route table snapshot format ${String(snapshot.format)}`);
  return new CompiledGatewayRouteTable(snapshot);
}
