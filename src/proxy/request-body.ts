/** A request body ready to send: replayable bodies can be sent again on a retry. */
export interface PreparedBody {
  body: ArrayBuffer | ReadableStream<Uint8Array> | null;
  replayable: boolean;
}

const NONE: PreparedBody = Object.freeze({ body: null, replayable: true }) as PreparedBody;

function concat(chunks: Uint8Array[], total: number): ArrayBuffer {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out.buffer;
}

/** A stream that yields the chunks already read, then the rest of `reader`. */
function resume(chunks: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    async pull(ctrl) {
      if (i < chunks.length) return ctrl.enqueue(chunks[i++] as Uint8Array);
      const { done, value } = await reader.read();
      if (done) ctrl.close();
      else ctrl.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/**
 * Buffers the request body up to `limit` bytes so retries can resend it; a larger body (known
 * from Content-Length, or found while reading a chunked one) is streamed once, not retried.
 * Synchronous for a request without a body (most requests), so the caller needs no await then.
 */
export function prepareBody(req: Request, limit: number): PreparedBody | Promise<PreparedBody> {
  return req.body === null ? NONE : readBody(req, req.body, limit);
}

async function readBody(req: Request, stream: ReadableStream<Uint8Array>, limit: number): Promise<PreparedBody> {
  const cl = req.headers.get("content-length");
  if (cl !== null) {
    if (Number(cl) <= limit) return { body: await req.arrayBuffer(), replayable: true };
    return { body: stream, replayable: false };
  }
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { body: concat(chunks, total), replayable: true };
    chunks.push(value);
    total += value.byteLength;
    if (total > limit) return { body: resume(chunks, reader), replayable: false };
  }
}
