/** The parts of an `Authorization: AWS4-HMAC-SHA256 ...` header. */
export interface SigV4Authorization {
  readonly accessKeyId: string;
  /** `YYYYMMDD` from the credential scope. */
  readonly scopeDate: string;
  readonly region: string;
  readonly service: string;
  /** Lower-case header names, in the order the client listed them. */
  readonly signedHeaders: readonly string[];
  /** 64 lower-case hex characters. */
  readonly signature: string;
}

/** A parse result: the authorization, or a message saying what is wrong with the header. */
export type ParseResult = { ok: true; value: SigV4Authorization } | { ok: false; message: string };

const ALGORITHM = "AWS4-HMAC-SHA256";
const SCOPE = /^([A-Za-z0-9]{16,128})\/(\d{8})\/([a-z0-9-]{1,64})\/([a-z0-9-]{1,64})\/aws4_request$/;
const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]{1,128}$/;
const SIGNATURE = /^[0-9a-f]{64}$/;
const MAX_LENGTH = 4096;

/**
 * Parses a SigV4 `Authorization` header strictly: the algorithm, then exactly one each of
 * `Credential=`, `SignedHeaders=` and `Signature=` (comma separated, spaces optional).
 * Anything else is refused with a message that says which part is wrong, never echoing
 * the header back (it may carry a secret pasted by mistake).
 */
export function parseSigV4Authorization(header: string): ParseResult {
  if (header.length > MAX_LENGTH) return bad("Authorization header is too long");
  const space = header.indexOf(" ");
  if (space < 0 || header.slice(0, space) !== ALGORITHM) {
    return bad(`Authorization header must use the ${ALGORITHM} algorithm`);
  }
  const fields = new Map<string, string>();
  for (const part of header.slice(space + 1).split(",")) {
    const item = part.trim();
    const eq = item.indexOf("=");
    if (eq <= 0) return bad("Authorization header is malformed");
    const name = item.slice(0, eq);
    if (fields.has(name)) return bad(`Authorization header repeats ${name}`);
    fields.set(name, item.slice(eq + 1));
  }
  const credential = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (credential === undefined || signedHeaders === undefined || signature === undefined || fields.size !== 3) {
    return bad("Authorization header needs exactly Credential, SignedHeaders and Signature");
  }
  const scope = SCOPE.exec(credential);
  if (!scope) return bad("Credential must be ACCESS_KEY_ID/YYYYMMDD/region/service/aws4_request");
  const headers = signedHeaders.split(";");
  if (headers.length > 64 || !headers.every((h) => HEADER_NAME.test(h))) {
    return bad("SignedHeaders must be a ';' separated list of lower-case header names");
  }
  if (!SIGNATURE.test(signature)) return bad("Signature must be 64 lower-case hex characters");
  return {
    ok: true,
    value: {
      accessKeyId: scope[1] as string,
      scopeDate: scope[2] as string,
      region: scope[3] as string,
      service: scope[4] as string,
      signedHeaders: headers,
      signature,
    },
  };
}

function bad(message: string): ParseResult {
  return { ok: false, message };
}
