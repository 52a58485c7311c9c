import { exports } from "cloudflare:workers";
import { expect, it, inject } from "vitest";
it("reaches the DO and a local upstream", async () => {
  const a = await exports.default.fetch("http://x/_meshedge/ping");
  expect(await a.json()).toEqual({ n: 1 });
  const port = inject("upstreamPort");
  const b = await exports.default.fetch(`http://x/q?u=http://127.0.0.1:${port}/abc`);
  expect(await b.text()).toBe("hello from upstream /abc");
});
