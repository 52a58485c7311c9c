import { afterAll, beforeAll, expect, it } from "vitest";
import { startWorker, type RunningWorker } from "./support/start-worker";

let w: RunningWorker;
beforeAll(async () => { w = await startWorker(); }, 60_000);
afterAll(() => w?.stop());

it("serves the bundled Worker from workerd", async () => {
  const r = await fetch(`${w.url}/_meshedge/ping`);
  expect(await r.json()).toEqual({ n: 1 });
});
