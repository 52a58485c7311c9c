/**
 * Why a request failed because of its client, not its upstream: the edge answers these itself,
 * never retries them, and never counts them against a node (outlier detection, success rates).
 * - `client_closed`: the client went away or broke its upload (reset, abort, short body);
 * - `client_timeout`: the client stopped sending its body and the request deadline passed.
 */
export type ClientFault = "client_closed" | "client_timeout";

/** A request body ready to send: replayable bodies can be sent again on a retry. */
export interface PreparedBody {
  body: ArrayBuffer | ReadableStream<Uint8Array> | null;
  replayable: boolean;
  /**
   * For a body streamed to the upstream: the client's fault, asked when an attempt failed (a
   * stalled read from the client is `client_timeout`, a broken one `client_closed`); null when
   * the client did its part and the failure is the upstream's.
   */
  clientFault: (() => ClientFault | null) | null;
}

const NONE: PreparedBody = Object.freeze({ body: null, replayable: true, clientFault: null }) as PreparedBody;

function concat(chunks: Uint8Array[], total: number): ArrayBuffer {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out.buffer;
}

/**
 * A stream that yields the chunks already read, then the rest of `reader`, keeping track of the
 * client's side: whether a read from it is under way (the upstream wants bytes the client has
 * not sent) and whether it failed. With a declared length (`Content-Length`) the upstream gets
 * that length too, and a body that ends short of it (workerd ends the stream quietly when the
 * client goes away) is an error, so the upstream never takes a cut upload for a whole one.
 */
function resume(chunks: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>, declared: number | null): PreparedBody {
  let i = 0;
  let waiting = false;
  let failed = false;
  let received = 0;
  for (const c of chunks) received += c.byteLength;
  const stream = new ReadableStream<Uint8Array>({
    async pull(ctrl) {
      if (i < chunks.length) return ctrl.enqueue(chunks[i++] as Uint8Array);
      waiting = true;
      try {
        const { done, value } = await reader.read();
        if (!done) {
          received += value.byteLength;
          ctrl.enqueue(value);
        } else if (declared !== null && received < declared) {
          throw new Error(`the client sent ${received} of the ${declared} bytes it declared`);
        } else ctrl.close();
      } catch (err) {
        failed = true;
        throw err;
      } finally {
        waiting = false;
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const body = declared === null ? stream : stream.pipeThrough(new FixedLengthStream(declared));
  return { body, replayable: false, clientFault: () => (failed ? "client_closed" : waiting ? "client_timeout" : null) };
}

const TIMED_OUT = Symbol("timed out");

/**
 * Buffers the request body up to `limit` bytes so retries can resend it; a larger body (known
 * from Content-Length, or found while reading a chunked one) is streamed once, not retried.
 * Synchronous for a request without a body (most requests), so the caller needs no await then.
 * Buffering waits for the client at most until `deadline` (epoch ms): a client that stalls its
 * upload gets `client_timeout`, one that breaks it `client_closed`; no upstream is contacted.
 */
export function prepareBody(req: Request, limit: number, deadline: number): PreparedBody | Promise<PreparedBody | ClientFault> {
  return req.body === null ? NONE : readBody(req, req.body, limit, deadline);
}

async function readBody(
  req: Request,
  stream: ReadableStream<Uint8Array>,
  limit: number,
  deadline: number,
): Promise<PreparedBody | ClientFault> {
  const cl = req.headers.get("content-length");
  const declared = cl === null ? null : Number(cl);
  const reader = stream.getReader();
  if (declared !== null && declared > limit) return resume([], reader, declared);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired =
    deadline === Number.POSITIVE_INFINITY
      ? null
      : new Promise<typeof TIMED_OUT>((r) => (timer = setTimeout(() => r(TIMED_OUT), Math.max(0, deadline - Date.now()))));
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const read = expired === null ? await reader.read() : await Promise.race([reader.read(), expired]);
      if (read === TIMED_OUT) {
        void reader.cancel("the client stopped sending its body").catch(() => {});
        return "client_timeout";
      }
      if (read.done) {
        // A body cut short of its declared length: the client went away mid-upload.
        if (declared !== null && total < declared) return "client_closed";
        return { body: concat(chunks, total), replayable: true, clientFault: null };
      }
      chunks.push(read.value);
      total += read.value.byteLength;
      if (total > limit) return resume(chunks, reader, declared);
    }
  } catch {
    return "client_closed";
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
