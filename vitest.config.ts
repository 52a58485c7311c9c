import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })],
        test: { name: "workers", include: ["test/**/*.test.ts"], exclude: ["test/node/**"], globalSetup: ["test/setup/upstreams.ts"] },
      },
      {
        test: { name: "node", environment: "node", include: ["src/**/*.test.ts", "test/node/**/*.test.ts"] },
      },
    ],
  },
});
