import type { AppMeshClient } from "@aws-sdk/client-app-mesh";
import { httpGet } from "./http-get";
import { SERVICE, updateSplit } from "./mesh-setup";

export interface ConvergenceTrial {
  /** ms from UpdateRoute's answer to the start of the last request that still took the old target. */
  convergedMs: number;
  requests: number;
}

/**
 * Flips the route to send everything to `to` and keeps `clients` request loops running for
 * `windowMs`; the trial converged at the send time of the last request answered by the old
 * node (0 when none was). Host header selects the service.
 */
export async function convergence(c: AppMeshClient, url: string, to: "a" | "b", windowMs = 3000, clients = 4): Promise<ConvergenceTrial> {
  const want = to === "a" ? "node-a" : "node-b";
  await updateSplit(c, to === "a" ? 100 : 0, to === "a" ? 0 : 100);
  const t0 = performance.now();
  let lastOld = -1;
  let requests = 0;
  async function loop() {
    while (performance.now() - t0 < windowMs) {
      const sent = performance.now() - t0;
      const res = await httpGet(`${url}/`, SERVICE);
      requests++;
      if (res.headers["x-meshedge-virtual-node"] !== want) lastOld = Math.max(lastOld, sent);
    }
  }
  await Promise.all(Array.from({ length: clients }, loop));
  return { convergedMs: lastOld < 0 ? 0 : lastOld, requests };
}
