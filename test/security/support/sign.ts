import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { DEV_KEY, DEV_REGION, READONLY_KEY, TEST_ACCESS_KEYS } from "../../support/credentials";
import { ADMIN_ORIGIN } from "../../support/origins";

export { DEV_KEY, READONLY_KEY };
/** `MESHEDGE_ACCESS_KEYS` as vitest.config.ts sets it: the development key and the read-only key. */
export const TEST_KEYS = TEST_ACCESS_KEYS;
/** The admin origin of the workers-pool tests (test/support/origins.ts). */
export const ORIGIN = ADMIN_ORIGIN;

export interface SignOptions {
  method?: string;
  /** Path plus optional query, e.g. `/v20190125/meshes?limit=2`. */
  path: string;
  body?: string;
  headers?: Record<string, string>;
  key?: { accessKeyId: string; secretAccessKey: string };
  date?: Date;
  region?: string;
  service?: string;
  /** Where the request goes (default {@link ORIGIN}); node tests pass a running Worker's URL. */
  origin?: string;
  /** Sign `x-amz-content-sha256` like the JS SDK (true) or not like botocore / the CLI (false). */
  contentSha?: boolean;
}

/**
 * Signs a request with the AWS SDK's own SigV4 signer, the way a real client would, and
 * returns a Request ready for the Worker (tests then tamper with it to exercise refusals).
 */
export async function signedRequest(o: SignOptions): Promise<Request> {
  const url = new URL(o.path, o.origin ?? ORIGIN);
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const headers: Record<string, string> = {
    host: url.host,
    ...(o.body !== undefined ? { "content-type": "application/json" } : {}),
    ...o.headers,
  };
  const signer = new SignatureV4({
    credentials: o.key ?? DEV_KEY,
    region: o.region ?? DEV_REGION,
    service: o.service ?? "appmesh",
    sha256: Sha256,
    applyChecksum: o.contentSha ?? true,
  });
  const signed = await signer.sign(
    { method: o.method ?? "GET", protocol: "https:", hostname: url.hostname, path: url.pathname, query, headers, body: o.body },
    { signingDate: o.date ?? new Date() },
  );
  const sent = new Headers(signed.headers);
  sent.delete("host"); // fetch derives Host from the URL authority
  return new Request(url, { method: o.method ?? "GET", headers: sent, ...(o.body !== undefined ? { body: o.body } : {}) });
}

/** Copies a request with some headers replaced (a tampering helper). */
export function withHeaders(req: Request, changes: Record<string, string | null>, body?: string): Request {
  const headers = new Headers(req.headers);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) headers.delete(k);
    else headers.set(k, v);
  }
  return new Request(req.url, { method: req.method, headers, ...(body !== undefined ? { body } : {}) });
}
