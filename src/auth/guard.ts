import type { MiddlewareHandler } from "hono";
import { parseAccessKeys } from "./access-keys";
import { authenticate, type Principal } from "./authenticate";
import { noteFailure, throttledNow } from "./auth-throttle";
import { API_LIMITS, checkHeaderLimits, jsonDepthExceeds } from "./limits";
import { hardenResponse } from "./harden-response";
import { readBodyCapped } from "./read-body";
import { refuse } from "./refuse";

export type { Principal };

/** Hono context variables set by {@link managementGuard}. */
export interface AuthVariables {
  principal: Principal;
}

/** Which part of the URL space a path is in, for authentication purposes. */
export type Area = "api" | "admin" | "public";

/**
 * Classifies the path Hono routes on (`c.req.path`, already percent-decoded the way the
 * router decodes it), so a spelling such as `/_me%73hedge/ui` cannot reach a handler
 * without passing the guard. Health stays public for load balancers and uptime checks.
 */
export function areaOf(path: string): Area {
  if (path === "/v20190125" || path.startsWith("/v20190125/")) return "api";
  if (path === "/_meshedge/health") return "public";
  if (path === "/_meshedge" || path.startsWith("/_meshedge/")) return "admin";
  return "public";
}

/**
 * The management guard: limits (URL, headers, body size, JSON depth), then SigV4 (API and
 * admin) or HTTP Basic (admin only, for browsers), then the read-only check. Registered
 * for every path of the app; data-plane traffic skips the app altogether (`src/index.ts`),
 * and a public path that does reach it (health) passes after the area check.
 */
export function managementGuard(): MiddlewareHandler<{ Bindings: Env; Variables: AuthVariables }> {
  return async (c, next) => {
    const area = areaOf(c.req.path);
    if (area === "public") return next();
    const raw = c.req.raw;
    if (raw.url.length > API_LIMITS.maxUrlLength) {
      return refuse("BadRequestException", 414, `The URL is longer than ${API_LIMITS.maxUrlLength} characters`);
    }
    const headerProblem = checkHeaderLimits(raw.headers);
    if (headerProblem !== undefined) return refuse("BadRequestException", 431, headerProblem);
    const body = await readBodyCapped(raw, API_LIMITS.maxBodyBytes);
    if (body === undefined) {
      return refuse("BadRequestException", 413, `The request body is larger than ${API_LIMITS.maxBodyBytes} bytes`);
    }
    if (jsonDepthExceeds(body, API_LIMITS.maxJsonDepth)) {
      return refuse("BadRequestException", 400, `The request body nests deeper than ${API_LIMITS.maxJsonDepth} levels`);
    }

    const table = parseAccessKeys((c.env as unknown as Record<string, unknown>)["MESHEDGE_ACCESS_KEYS"] as string | undefined);
    if (table.error !== undefined) {
      console.error(table.error);
      return refuse(
        "ForbiddenException",
        403,
        "MESHEDGE_ACCESS_KEYS is malformed, so every request is refused (details in the Worker log)",
      );
    }
    if (table.keys.size === 0) {
      return refuse("ForbiddenException", 403, "No access keys are configured: set the MESHEDGE_ACCESS_KEYS secret (see SECURITY.md)");
    }

    const client = raw.headers.get("cf-connecting-ip");
    const credentialed = raw.headers.has("authorization");
    if (credentialed) {
      const throttled = throttledNow(client, Date.now());
      if (throttled) return throttled;
    }
    const principal = await authenticate(raw, area === "admin", table, body);
    if (principal instanceof Response) {
      // Only a wrong credential is a failure: a browser's first, bare request is not.
      const over = credentialed ? await noteFailure(c.env.AUTH_FAILURES, client, Date.now()) : null;
      return over ?? forBrowser(raw, principal);
    }
    if (principal.readOnly && raw.method !== "GET" && raw.method !== "HEAD") {
      return refuse(
        "ForbiddenException",
        403,
        `Access key ${principal.accessKeyId} is read-only: only Describe and List operations are allowed`,
      );
    }

    c.set("principal", principal);
    // The body stream was consumed to verify it; hand handlers the same bytes.
    if (raw.body !== null && raw.method !== "GET" && raw.method !== "HEAD") {
      c.req.raw = new Request(raw, { body });
    }
    await next();
    c.res = hardenResponse(c.res);
  };
}

/**
 * A browser that navigated to the dashboard and was refused (no or wrong Basic credentials)
 * gets the refusal as a short page, not raw JSON; API clients keep the App Mesh error shape.
 */
function forBrowser(raw: Request, refusal: Response): Response {
  if (refusal.status !== 401 || raw.headers.get("sec-fetch-mode") !== "navigate") return refusal;
  const headers = new Headers(refusal.headers);
  headers.set("content-type", "text/html; charset=utf-8");
  const page =
    "<!doctype html><meta charset=utf-8><title>meshedge: sign in</title>" +
    "<p>The access key id or secret was not accepted. Reload the page to sign in again " +
    "(user: an access key id of <code>MESHEDGE_ACCESS_KEYS</code>, password: its secret).</p>";
  return new Response(page, { status: 401, headers });
}
