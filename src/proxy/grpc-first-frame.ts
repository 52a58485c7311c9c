import { type GrpcFamily, grpcCodeOfConnect, grpcCodeOfHttp } from "./grpc-family";

/** The most the edge reads of an answer to learn its gRPC status (a trailer frame, an error body). */
const MAX_STATUS_BYTES = 64 * 1024;

/**
 * An upstream answer after its gRPC status was looked for: `response` carries the whole body
 * again (what was read first, then the rest streamed as it comes); `grpcStatus` is the status
 * when the answer starts with it (trailers-only, an error frame first, a Connect unary answer),
 * null when a message comes first (the status then ends the stream, which the edge does not wait for).
 */
export interface GrpcOutcome {
  response: Response;
  grpcStatus: number | null;
}

/**
 * Reads only what decides the status: nothing when the headers carry `grpc-status` or a Connect
 * unary call succeeded; the first frame's 5-byte prefix, and the frame itself only when it is the
 * trailer (gRPC-Web, flag 0x80) or end-of-stream (Connect, flag 0x02) frame; a Connect unary error
 * body. Throws when the body fails or is aborted before that (the attempt failed). gRPC-Web text
 * is decoded (base64) only as far as those bytes.
 */
export async function grpcOutcome(res: Response, family: GrpcFamily): Promise<GrpcOutcome> {
  const header = res.headers.get("grpc-status");
  if (header !== null) return { response: res, grpcStatus: Number(header) };
  if (family === "connect-unary") return res.status === 200 ? { response: res, grpcStatus: 0 } : connectUnaryError(res);
  if (res.status !== 200 || res.body === null) return { response: res, grpcStatus: null };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let have = 0;
  let need = 5;
  let status: number | null = null;
  const text = family === "grpc-web-text";
  /** The first n bytes of the (decoded) body, or null while fewer have arrived. */
  const first = (n: number): Uint8Array | null => (text ? fromBase64Prefix(chunks, have, n) : have >= n ? joined(chunks, n) : null);
  // Never more than a status frame's worth (base64 included) is read, whatever the body holds.
  while (have <= 2 * MAX_STATUS_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    have += value.byteLength;
    if (need === 5) {
      const head = first(5);
      if (head === null) continue;
      const flags = head[0]!;
      const last = family === "connect-stream" ? (flags & 0x02) !== 0 : (flags & 0x80) !== 0;
      const length = ((head[1]! << 24) | (head[2]! << 16) | (head[3]! << 8) | head[4]!) >>> 0;
      // A message first: its status is at the end of the stream. An oversized last frame is not read.
      if (!last || length > MAX_STATUS_BYTES) break;
      need = 5 + length;
    }
    const frame = first(need);
    if (frame === null) continue;
    status = family === "connect-stream" ? connectEndStatus(frame.subarray(5)) : grpcWebTrailerStatus(frame.subarray(5));
    break;
  }
  return { response: new Response(replay(chunks, reader), res), grpcStatus: status };
}

/**
 * gRPC-Web text: the first n bytes decoded from the base64 received so far (`have` characters),
 * or null while too few characters have arrived. Decoding a prefix of whole 4-character groups is
 * valid whether the server encoded each frame on its own (padding after each) or the whole body.
 */
function fromBase64Prefix(chunks: Uint8Array[], have: number, n: number): Uint8Array | null {
  const chars = Math.ceil(n / 3) * 4;
  if (have < chars) return null;
  const ascii = new TextDecoder().decode(joined(chunks, chars).subarray(0, chars));
  let bin: string;
  try {
    bin = atob(ascii);
  } catch {
    return null;
  }
  if (bin.length < n) return null;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** `grpc-status: N` among a gRPC-Web trailer frame's header lines. */
function grpcWebTrailerStatus(frame: Uint8Array): number | null {
  const m = /(?:^|\r?\n)grpc-status:\s*(\d+)/i.exec(new TextDecoder().decode(frame));
  return m ? Number(m[1]) : null;
}

/** A Connect end-of-stream message: `{"error": {"code": ...}}` or success (0). */
function connectEndStatus(frame: Uint8Array): number | null {
  try {
    const end = JSON.parse(new TextDecoder().decode(frame)) as { error?: { code?: unknown } };
    return end.error ? grpcCodeOfConnect(end.error.code) : 0;
  } catch {
    return null;
  }
}

/** A Connect unary error: read its (bounded) JSON body for the code, and pass the body on. */
async function connectUnaryError(res: Response): Promise<GrpcOutcome> {
  const declared = Number(res.headers.get("content-length") ?? 0);
  if (res.body === null || declared > MAX_STATUS_BYTES) return { response: res, grpcStatus: grpcCodeOfHttp(res.status) };
  const text = await res.text();
  let status = grpcCodeOfHttp(res.status);
  try {
    const body = JSON.parse(text) as { code?: unknown };
    if (body.code !== undefined) status = grpcCodeOfConnect(body.code);
  } catch {
    // Not Connect's error JSON: the HTTP status decides.
  }
  const headers = new Headers(res.headers);
  // The text is what fetch decoded: its own length, no encoding.
  headers.delete("content-length");
  headers.delete("content-encoding");
  return { response: new Response(text, { status: res.status, statusText: res.statusText, headers }), grpcStatus: status };
}

/** The first `n` bytes of `chunks` (which hold at least n). */
function joined(chunks: Uint8Array[], n: number): Uint8Array {
  if (chunks[0]!.byteLength >= n) return chunks[0]!;
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    if (at >= n) break;
    const part = c.subarray(0, n - at);
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** The chunks already read, then the rest of `reader` chunk by chunk as it comes (no buffering). */
function replay(chunks: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    async pull(ctrl) {
      if (i < chunks.length) return ctrl.enqueue(chunks[i++]!);
      const { done, value } = await reader.read();
      if (done) ctrl.close();
      else ctrl.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
