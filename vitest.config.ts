import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { TEST_ACCESS_KEYS } from "./test/support/credentials";
import { TEST_ADMIN_HOSTNAMES } from "./test/support/origins";

export default defineConfig({
  test: {
    // The proxy's access-log lines (one per request) would drown the test output.
    onConsoleLog: (log: string) => !log.includes('"kind":"meshedge.access"'),
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            // The documented development key plus a read-only one (see SECURITY.md); never deployed.
            // The admin plane answers on the test admin origin only (test/support/origins.ts).
            miniflare: { bindings: { MESHEDGE_ACCESS_KEYS: TEST_ACCESS_KEYS, ADMIN_HOSTNAMES: TEST_ADMIN_HOSTNAMES } },
          }),
        ],
        test: {
          name: "workers",
          include: ["test/**/*.test.ts"],
          exclude: ["test/node/**"],
          globalSetup: ["test/setup/upstreams.ts", "test/setup/delivery-upstreams.ts"],
        },
      },
      {
        test: { name: "node", environment: "node", include: ["src/**/*.test.ts", "test/node/**/*.test.ts"] },
      },
    ],
  },
});
