/**
 * Bounds a response body in time: silence longer than `idleMs` (timeout.idle) or the request
 * deadline (timeout.perRequest, which covers the body too) aborts the upstream fetch and errors
 * the client's stream (a truncated response, as Envoy does). Needed because workerd streams a
 * passed-through fetch body natively, out of reach of the fetch's AbortSignal.
 */
export function guardBody(
  body: ReadableStream<Uint8Array>,
  idleMs: number,
  deadline: number,
  abort: AbortController,
): ReadableStream<Uint8Array> {
  let idle: ReturnType<typeof setTimeout> | undefined;
  let end: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    if (idle !== undefined) clearTimeout(idle);
    if (end !== undefined) clearTimeout(end);
  };
  const ts = new TransformStream<Uint8Array, Uint8Array>({
    start(ctrl) {
      if (idleMs > 0) idle = setTimeout(() => expire(ctrl, `timeout.idle (${idleMs} ms)`), idleMs);
      if (deadline !== Number.POSITIVE_INFINITY) {
        end = setTimeout(() => expire(ctrl, "timeout.perRequest"), Math.max(0, deadline - Date.now()));
      }
    },
    transform(chunk, ctrl) {
      if (idleMs > 0) {
        if (idle !== undefined) clearTimeout(idle);
        idle = setTimeout(() => expire(ctrl, `timeout.idle (${idleMs} ms)`), idleMs);
      }
      ctrl.enqueue(chunk);
    },
    flush: stop,
  });
  function expire(ctrl: TransformStreamDefaultController<Uint8Array>, what: string): void {
    stop();
    ctrl.error(new Error(`${what} elapsed on the response stream`));
    abort.abort();
  }
  return body.pipeThrough(ts);
}
