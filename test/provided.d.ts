// Values that globalSetup files (Node side) hand to tests running inside workerd via inject().
declare module "vitest" {
  export interface ProvidedContext {
    upstreamPort: number;
  }
}
export {};
