/** Waits until something accepts HTTP on the port (nginx and workerd start asynchronously). */
export async function waitForHttp(url: string, timeoutMs = 10_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    try {
      const r = await fetch(url);
      await r.arrayBuffer();
      return;
    } catch (err) {
      if (Date.now() - t0 > timeoutMs) throw new Error(`${url} did not come up: ${String(err)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
