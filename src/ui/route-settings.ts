import type { UiRoute, UiRouteSettings } from "./resource-input";

/** The sticky split key and mirror of a route policy (the delivery API's shape), as far as shown. */
export interface UiRoutePolicy {
  virtualRouterName: string;
  routeName: string;
  splitKey?: { header: string } | { cookie: string };
  mirror?: { virtualNode: string; percent: number };
}

/** One labelled setting of a route, e.g. `retry` / `2 × 1 s on server-error`. */
export interface RouteSetting {
  name: "retry" | "timeout" | "sticky" | "mirror";
  text: string;
}

const duration = (d: { unit?: string; value?: number } | undefined): string | undefined =>
  d?.value === undefined ? undefined : `${d.value} ${d.unit ?? "ms"}`;

function retryText(r: UiRouteSettings["retryPolicy"]): string {
  // No retryPolicy is not "no retries": App Mesh's default policy applies (README, "The default retry policy").
  if (r === undefined) return "App Mesh default (2× on 503 / unavailable / connect failure)";
  const events = [...(r.httpRetryEvents ?? []), ...(r.grpcRetryEvents ?? []), ...(r.tcpRetryEvents ?? [])];
  const per = duration(r.perRetryTimeout);
  return `${r.maxRetries ?? 0}×${per !== undefined ? `, ${per} each` : ""}${events.length ? ` on ${events.join(", ")}` : ""}`;
}

function timeoutText(t: UiRouteSettings["timeout"]): string {
  const parts: string[] = [];
  const perRequest = duration(t?.perRequest);
  const idle = duration(t?.idle);
  if (perRequest !== undefined) parts.push(`${perRequest} per request`);
  if (idle !== undefined) parts.push(`${idle} idle`);
  return parts.length ? parts.join(", ") : "defaults";
}

/** The route's retry policy, timeouts, sticky split key and mirror, each as one short text. */
export function routeSettings(r: UiRoute, policy: UiRoutePolicy | undefined): RouteSetting[] {
  const s = r.spec ?? {};
  const kind: UiRouteSettings = s.httpRoute ?? s.http2Route ?? s.grpcRoute ?? s.tcpRoute ?? {};
  const key = policy?.splitKey;
  return [
    { name: "retry", text: retryText(kind.retryPolicy) },
    { name: "timeout", text: timeoutText(kind.timeout) },
    { name: "sticky", text: key === undefined ? "off" : "header" in key ? `header ${key.header}` : `cookie ${key.cookie}` },
    { name: "mirror", text: policy?.mirror === undefined ? "off" : `${policy.mirror.percent}% to ${policy.mirror.virtualNode}` },
  ];
}
