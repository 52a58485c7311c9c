/**
 * Reads a request body into memory, stopping as soon as it passes `maxBytes` (the stream is
 * cancelled, so a huge or endless upload costs at most `maxBytes`). Returns undefined when
 * the body is too large, whether announced by Content-Length or discovered while reading.
 */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<Uint8Array | undefined> {
  const announced = Number(request.headers.get("content-length") ?? "0");
  if (announced > maxBytes) return undefined;
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}
