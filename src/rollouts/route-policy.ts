import * as v from "valibot";
import { nameProblem } from "../shared/name-rules";
import { nameDict, own } from "../shared/name-dict";

/**
 * Route policy: the project's extension of an App Mesh route (stored by the mesh Durable
 * Object next to the route, carried in the snapshot, applied by the edge proxy).
 *
 * - `splitKey`: the request header or cookie whose value picks the weighted target with weighted
 *   rendezvous hashing (`pickByKey`): the same key keeps its target while the weights stay, and a
 *   target whose weight grows only gains keys. Requests without the key fall back to the random
 *   weighted pick.
 * - `mirror`: a share of requests is copied, in the background, to a shadow virtual node; its
 *   answer is discarded and never changes or delays the client's answer.
 */

// RFC 9110 token: header field and cookie names.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const Name = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(128),
  v.regex(TOKEN, "must be an HTTP token (letters, digits, !#$%&'*+-.^_`|~)"),
);

/** The split key: exactly one of a header name or a cookie name. */
export const SplitKey = v.union(
  [v.strictObject({ header: Name }), v.strictObject({ cookie: Name })],
  'must be { "header": name } or { "cookie": name }',
);

/** The mirror: a shadow virtual node of the mesh and the percent (0-100, decimals allowed) copied. */
export const Mirror = v.strictObject({
  virtualNode: v.pipe(
    v.string(),
    v.minLength(1),
    v.maxLength(255),
    v.check((s) => nameProblem(s) === undefined, "must be well-formed Unicode without control characters"),
  ),
  percent: v.pipe(v.number(), v.minValue(0), v.maxValue(100)),
});

/** Body of `PUT .../routes/{route}/policy`. At least one of the two members. */
export const RoutePolicyInput = v.pipe(
  v.strictObject({ splitKey: v.optional(SplitKey), mirror: v.optional(Mirror) }),
  v.check((p) => p.splitKey !== undefined || p.mirror !== undefined, "must set splitKey, mirror or both"),
);

/** A validated route policy body. */
export type RoutePolicyInput = v.InferOutput<typeof RoutePolicyInput>;

/**
 * Body of `PATCH .../routes/{route}/policy`: a merge into the stored policy. A member left out
 * keeps what is stored, a value replaces it, `null` removes it. At least one member.
 */
export const RoutePolicyPatch = v.pipe(
  v.strictObject({ splitKey: v.optional(v.nullable(SplitKey)), mirror: v.optional(v.nullable(Mirror)) }),
  v.check((p) => p.splitKey !== undefined || p.mirror !== undefined, "must set splitKey, mirror or both (null removes one)"),
);
/** A validated route policy merge. */
export type RoutePolicyPatch = v.InferOutput<typeof RoutePolicyPatch>;

/** The policy body that results from merging `patch` into `stored` (undefined when nothing is left). */
export function mergeRoutePolicy(stored: RoutePolicyInput | undefined, patch: RoutePolicyPatch): RoutePolicyInput | undefined {
  const out: RoutePolicyInput = {};
  const splitKey = patch.splitKey === undefined ? stored?.splitKey : (patch.splitKey ?? undefined);
  const mirror = patch.mirror === undefined ? stored?.mirror : (patch.mirror ?? undefined);
  if (splitKey !== undefined) out.splitKey = splitKey;
  if (mirror !== undefined) out.mirror = mirror;
  return splitKey === undefined && mirror === undefined ? undefined : out;
}

/** A stored route policy (what describe returns). */
export interface RoutePolicyData {
  meshName: string;
  virtualRouterName: string;
  routeName: string;
  splitKey?: { header: string } | { cookie: string };
  mirror?: { virtualNode: string; percent: number };
  /** Bumped on every write of this policy. */
  version: number;
  lastUpdatedAt: number;
}

/** The policy as the edge needs it (in the snapshot): lower-cased header name, no metadata. */
export interface SnapshotRoutePolicy {
  splitHeader: string | null;
  splitCookie: string | null;
  mirror: { virtualNode: string; percent: number } | null;
}

/** Reduces stored policies to their snapshot form, keyed by `"{router}/{route}"`. */
export function compileRoutePolicies(policies: readonly RoutePolicyData[]): Record<string, SnapshotRoutePolicy> {
  return nameDict(
    policies.map((p) => [
      `${p.virtualRouterName}/${p.routeName}`,
      {
        splitHeader: p.splitKey && "header" in p.splitKey ? p.splitKey.header.toLowerCase() : null,
        splitCookie: p.splitKey && "cookie" in p.splitKey ? p.splitKey.cookie : null,
        mirror: p.mirror ? { virtualNode: p.mirror.virtualNode, percent: p.mirror.percent } : null,
      },
    ]),
  );
}

/**
 * Adds the compiled route policies to a compiled mesh snapshot (the mesh DO calls this right after
 * `compileMeshSnapshot`); the snapshot is returned unchanged when the mesh has no policy.
 */
export function withRoutePolicies<S extends object>(snapshot: S, policies: readonly RoutePolicyData[]): S & SnapshotPolicies {
  const out = snapshot as S & SnapshotPolicies;
  if (policies.length > 0) out.routePolicies = compileRoutePolicies(policies);
  return out;
}

/** The snapshot's extension member: route policies keyed by `"{router}/{route}"` (absent when none). */
export interface SnapshotPolicies {
  routePolicies?: Record<string, SnapshotRoutePolicy>;
}

/** The policy of one route in a snapshot, or null (the proxy calls this once per snapshot load). */
export function routePolicyOf(snapshot: object, router: string, route: string): SnapshotRoutePolicy | null {
  return own((snapshot as SnapshotPolicies).routePolicies, `${router}/${route}`) ?? null;
}
