import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AccessKey, AccessKeyTable } from "./access-keys";
import { parseQueryForSigning } from "./canonical-query";
import { constantTimeEqual } from "./constant-time";
import { parseSigV4Authorization } from "./parse-authorization";

/** The parts of an incoming request that a SigV4 signature covers. */
export interface SignedRequestParts {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  /** The exact body bytes received (empty for no body). */
  readonly body: Uint8Array;
}

/** Verification outcome: the key that signed, or why the request is refused. */
export type VerifyResult = { ok: true; key: AccessKey } | { ok: false; message: string };

/** The service name in the credential scope (`aws appmesh` signs with it). */
export const SIGNING_SERVICE = "appmesh";
/** Largest accepted distance between `x-amz-date` and the server clock, as in AWS. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const signers = new WeakMap<AccessKey, SignatureV4>();

/**
 * Verifies an `Authorization: AWS4-HMAC-SHA256` request: parses the header, finds the key,
 * checks date, scope and body hash, then recomputes the signature with the AWS SDK's own
 * signer over exactly the headers the client signed, and compares in constant time.
 */
export async function verifySigV4(req: SignedRequestParts, table: AccessKeyTable, nowMs: number): Promise<VerifyResult> {
  const parsed = parseSigV4Authorization(req.headers.get("authorization") ?? "");
  if (!parsed.ok) return parsed;
  const auth = parsed.value;
  if (auth.service !== SIGNING_SERVICE) return fail(`Credential scope service must be '${SIGNING_SERVICE}'`);
  const key = table.keys.get(auth.accessKeyId);
  if (key === undefined) return fail("The access key id is not recognised");

  const amzDate = req.headers.get("x-amz-date") ?? "";
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined) return fail("x-amz-date must be present as YYYYMMDDTHHMMSSZ");
  if (amzDate.slice(0, 8) !== auth.scopeDate) return fail("Credential scope date does not match x-amz-date");
  if (Math.abs(nowMs - signedAt) > MAX_CLOCK_SKEW_MS) {
    return fail("Signature expired: x-amz-date is more than 15 minutes away from the server time");
  }
  for (const required of ["host", "x-amz-date"]) {
    if (!auth.signedHeaders.includes(required)) return fail(`SignedHeaders must include ${required}`);
  }

  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    // Workers may not expose Host as a header on every path; the URL authority is what it was.
    const value = name === "host" ? (req.headers.get("host") ?? req.url.host) : req.headers.get(name);
    if (value === null) return fail(`Signed header ${name} is missing from the request`);
    headers[name] = value;
  }
  const bodyHash = await sha256Hex(req.body);
  const claimed = req.headers.get("x-amz-content-sha256");
  if (claimed !== null && claimed !== bodyHash) {
    return fail("The request body does not match x-amz-content-sha256 (unsigned payloads are not accepted)");
  }
  const query = parseQueryForSigning(req.url.search.slice(1));
  if (query === undefined) return fail("The query string has an invalid percent-escape");

  const signed = await signerFor(key).sign(
    {
      method: req.method,
      protocol: req.url.protocol,
      hostname: req.url.hostname,
      path: req.url.pathname,
      query,
      headers,
      body: req.body,
    },
    {
      signingDate: new Date(signedAt),
      signingRegion: auth.region,
      signingService: SIGNING_SERVICE,
      signableHeaders: new Set(auth.signedHeaders),
    },
  );
  const expected = /Signature=([0-9a-f]{64})$/.exec(signed.headers["authorization"] ?? "")?.[1] ?? "";
  if (!constantTimeEqual(expected, auth.signature)) {
    return fail("The request signature does not match: check the secret access key and that nothing changed after signing");
  }
  return { ok: true, key };
}

function signerFor(key: AccessKey): SignatureV4 {
  let signer = signers.get(key);
  if (signer === undefined) {
    signer = new SignatureV4({
      credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
      region: "us-east-1", // overridden per request by the client's credential scope
      service: SIGNING_SERVICE,
      sha256: Sha256,
      // Only what the client signed may be in the canonical request; the signer must not add
      // an x-amz-content-sha256 header of its own.
      applyChecksum: false,
    });
    signers.set(key, signer);
  }
  return signer;
}

/** Parses `YYYYMMDDTHHMMSSZ` to epoch ms, rejecting impossible dates such as month 13. */
function parseAmzDate(value: string): number | undefined {
  const m = AMZ_DATE.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return ms;
}

async function sha256Hex(body: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
  let hex = "";
  for (let i = 0; i < digest.length; i++) hex += (digest[i] as number).toString(16).padStart(2, "0");
  return hex;
}

function fail(message: string): VerifyResult {
  return { ok: false, message };
}
