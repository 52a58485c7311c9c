import { Agent } from "node:http";
import type { AppMeshClient } from "@aws-sdk/client-app-mesh";
import { edgeRequest } from "../../test/node/support/edge-request";
import { SERVICE, updateSplit } from "./mesh-setup";

export interface ConvergenceTrial {
  /** ms from UpdateRoute's answer to the start of the last request that still took the old target. */
  convergedMs: number;
  requests: number;
  /** Requests sent after UpdateRoute's answer that the old target still answered. */
  oldAnswers: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Keep-alive sockets: the loops measure request handling, not connection set-up. */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/**
 * With `clients` request loops already running (so the isolate is warm and refreshing in the
 * background, as under real traffic), flips the route to send everything to `to` at a random
 * moment, then keeps the loops going for `windowMs`. The trial converged at the send time of
 * the last request (sent after UpdateRoute's answer) that the old node answered; 0 when none.
 */
export async function convergence(c: AppMeshClient, url: string, to: "a" | "b", windowMs = 2000, clients = 4): Promise<ConvergenceTrial> {
  const want = to === "a" ? "node-a" : "node-b";
  let t0 = Number.POSITIVE_INFINITY;
  let lastOld = -1;
  let requests = 0;
  let oldAnswers = 0;
  let stop = false;
  async function loop() {
    while (!stop) {
      const sent = performance.now();
      const res = await edgeRequest(url, SERVICE, "/", {}, agent);
      if (sent < t0) continue;
      requests++;
      if (res.headers["x-meshedge-virtual-node"] !== want) {
        oldAnswers++;
        lastOld = Math.max(lastOld, sent - t0);
      }
    }
  }
  const loops = Array.from({ length: clients }, loop);
  // A random phase relative to the isolate's refresh cycle.
  await sleep(1000 + Math.random() * 1000);
  await updateSplit(c, to === "a" ? 100 : 0, to === "a" ? 0 : 100);
  t0 = performance.now();
  await sleep(windowMs);
  stop = true;
  await Promise.all(loops);
  return { convergedMs: lastOld < 0 ? 0 : lastOld, requests, oldAnswers };
}
