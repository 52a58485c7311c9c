/**
 * Bounds silence on a response body: if no chunk arrives for `idleMs`, the upstream fetch is
 * aborted and the client's stream errors (a truncated response, as Envoy's idle timeout does).
 * Only used when an idle timeout is configured, so the common path streams without a copy.
 */
export function idleGuard(body: ReadableStream<Uint8Array>, idleMs: number, abort: AbortController): ReadableStream<Uint8Array> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ts = new TransformStream<Uint8Array, Uint8Array>({
    start(ctrl) {
      timer = setTimeout(() => expire(ctrl), idleMs);
    },
    transform(chunk, ctrl) {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => expire(ctrl), idleMs);
      ctrl.enqueue(chunk);
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
    },
  });
  function expire(ctrl: TransformStreamDefaultController<Uint8Array>): void {
    ctrl.error(new Error(`timeout.idle (${idleMs} ms) elapsed on the response stream`));
    abort.abort();
  }
  return body.pipeThrough(ts);
}
