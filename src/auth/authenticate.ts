import type { AccessKeyTable } from "./access-keys";
import { verifyBasic } from "./basic-auth";
import { refuse } from "./refuse";
import { isSameOriginRequest } from "./same-origin";
import { verifySigV4 } from "./verify-sigv4";

/** Who made an authenticated management request (set as the `principal` context variable). */
export interface Principal {
  readonly accessKeyId: string;
  readonly readOnly: boolean;
  readonly scheme: "sigv4" | "basic";
}

const BASIC_CHALLENGE = { "www-authenticate": 'Basic realm="meshedge", charset="UTF-8"' };

/**
 * Authenticates a request of the API (`admin` false: SigV4 only) or of `/_meshedge/*` (`admin`
 * true: SigV4, or HTTP Basic for browsers), returning the principal or the refusal to send.
 * `body` is the exact body received (its hash is part of the signature).
 */
export async function authenticate(raw: Request, admin: boolean, table: AccessKeyTable, body: Uint8Array): Promise<Principal | Response> {
  const authorization = raw.headers.get("authorization") ?? "";
  if (admin && !authorization.startsWith("AWS4-")) {
    // Browsers: a 401 with a Basic challenge makes them prompt for the key id and secret.
    if (!authorization.startsWith("Basic ")) {
      return refuse("ForbiddenException", 401, "Authentication required: SigV4 or HTTP Basic (access key id / secret)", BASIC_CHALLENGE);
    }
    const basic = verifyBasic(authorization, table);
    if (!basic.ok) return refuse("ForbiddenException", 401, basic.message, BASIC_CHALLENGE);
    if (!isSameOriginRequest(raw)) {
      return refuse("ForbiddenException", 403, "Cross-site request refused: Basic-authenticated writes must come from this origin");
    }
    return { accessKeyId: basic.key.accessKeyId, readOnly: basic.key.readOnly, scheme: "basic" };
  }
  if (authorization === "") return refuse("ForbiddenException", 403, "Missing Authentication Token: sign requests with AWS SigV4");
  const verified = await verifySigV4({ method: raw.method, url: new URL(raw.url), headers: raw.headers, body }, table, Date.now());
  if (!verified.ok) return refuse("ForbiddenException", 403, verified.message);
  return { accessKeyId: verified.key.accessKeyId, readOnly: verified.key.readOnly, scheme: "sigv4" };
}
