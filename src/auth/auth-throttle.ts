import { refuse } from "./refuse";

/**
 * Throttles repeated failed SigV4 / Basic attempts per client address with the Workers
 * rate-limiting binding `AUTH_FAILURES` (wrangler.toml `[[ratelimits]]`: 20 failures a minute).
 * Only failures are counted (a caller that signs correctly never spends the budget); once an
 * address is over it, every credentialed attempt from it is refused with 429 before its
 * signature is checked, for one period, in this isolate.
 *
 * What it does not stop (SECURITY.md): the binding counts per Cloudflare location and
 * approximately, the isolate's memory of a throttled address is per isolate, and many
 * addresses (a botnet) each get their own budget. The address is `CF-Connecting-IP`; a
 * request without it (never on Cloudflare; tests calling the Worker in-process) is not counted.
 */
const PERIOD_MS = 60_000;
/** Addresses over the budget -> until when (epoch ms). Bounded: oldest dropped first. */
const throttled = new Map<string, number>();
const MAX_REMEMBERED = 10_000;

/** The binding's surface (`RateLimit` in worker-configuration.d.ts). */
interface Limiter {
  limit(o: { key: string }): Promise<{ success: boolean }>;
}

function tooMany(): Response {
  return refuse("TooManyRequestsException", 429, "Too many failed authentication attempts from this address: wait a minute", {
    "retry-after": "60",
  });
}

/** The 429 to answer when `client` is throttled now, else null. */
export function throttledNow(client: string | null, now: number): Response | null {
  if (client === null) return null;
  const until = throttled.get(client);
  if (until === undefined) return null;
  if (until > now) return tooMany();
  throttled.delete(client);
  return null;
}

/**
 * Counts one failed attempt of `client`; returns the 429 to answer instead of the refusal when
 * that failure went over the budget. Never throws: a limiter that fails counts nothing.
 */
export async function noteFailure(limiter: Limiter | undefined, client: string | null, now: number): Promise<Response | null> {
  if (client === null || limiter === undefined) return null;
  let success = true;
  try {
    ({ success } = await limiter.limit({ key: `auth:${client}` }));
  } catch (err) {
    console.error(JSON.stringify({ kind: "meshedge.auth_throttle_error", message: String(err) }));
  }
  if (success) return null;
  if (throttled.size >= MAX_REMEMBERED) throttled.delete(throttled.keys().next().value as string);
  throttled.set(client, now + PERIOD_MS);
  return tooMany();
}
