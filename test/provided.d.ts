// Values that globalSetup files (Node side) hand to tests running inside workerd via inject().
declare module "vitest" {
  export interface ProvidedContext {
    upstreamPort: number;
    /** Named programmable upstreams (a, b, c, d) -> port; behaviours in test/setup/upstreams.ts. */
    upstreams: Record<string, number>;
    /** A 127.0.0.1 port nothing listens on (connection refused). */
    deadPort: number;
    /** Servers of the delivery tests (fast 200, slow 1500 ms then 503, error 500); see test/setup/delivery-upstreams.ts. */
    shadowPorts: { fast: number; slow: number; error: number };
  }
}
export {};
