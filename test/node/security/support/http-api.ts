import { signedRequest, type SignOptions } from "../../../security/support/sign";

/** A management API answer with its body parsed when it is JSON. */
export interface ApiAnswer {
  status: number;
  errorType: string | null;
  text: string;
  json: unknown;
}

/** A signed HTTP client (development key) for a Worker running at `origin`. */
export interface HttpApi {
  api(method: string, path: string, body?: unknown, extra?: Partial<SignOptions>): Promise<ApiAnswer>;
  /** Like `api` but throws unless the answer is 200. */
  ok<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
}

/** Builds a client that signs every request with the AWS SDK's SigV4 signer and sends it over real HTTP. */
export function httpApi(origin: string): HttpApi {
  const api = async (method: string, path: string, body?: unknown, extra: Partial<SignOptions> = {}): Promise<ApiAnswer> => {
    const text = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const req = await signedRequest({ method, path, origin, ...(text !== undefined ? { body: text } : {}), ...extra });
    const res = await fetch(req);
    const out = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(out);
    } catch {
      json = undefined;
    }
    return { status: res.status, errorType: res.headers.get("x-amzn-errortype"), text: out, json };
  };
  const ok = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const a = await api(method, path, body);
    if (a.status !== 200) throw new Error(`${method} ${path} -> ${a.status} ${a.errorType}: ${a.text.slice(0, 300)}`);
    return a.json as T;
  };
  return { api, ok };
}

/** A virtual node spec served on 127.0.0.1:`port` (DNS discovery, one http listener). */
export function localNodeSpec(port: number) {
  return { serviceDiscovery: { dns: { hostname: "127.0.0.1" } }, listeners: [{ portMapping: { port, protocol: "http" } }] };
}

/** Every item of a paginated List answer (`key` names its array), following nextToken to the end. */
export async function listAll(ok: HttpApi["ok"], path: string, key: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let token: string | undefined;
  do {
    const page = await ok<Record<string, unknown>>("GET", token === undefined ? path : `${path}?nextToken=${encodeURIComponent(token)}`);
    out.push(...((page[key] as Record<string, unknown>[] | undefined) ?? []));
    token = (page["nextToken"] as string | null | undefined) ?? undefined;
  } while (token !== undefined);
  return out;
}
