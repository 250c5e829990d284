import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Tests run inside workerd with the same bindings as wrangler.toml; nothing
// reaches the network (remote bindings off).
export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      main: "./worker/index.ts",
      remoteBindings: false,
      miniflare: {
        bindings: {
          ENVIRONMENT: "test",
          TEST_MIGRATIONS: await readD1Migrations("./migrations"),
        },
        queueConsumers: {
          "parley-inbound": { maxBatchTimeout: 0.05 },
          "parley-events": { maxBatchTimeout: 0.05 },
        },
      },
    }),
  ],
  test: {
    include: ["test/worker/**/*.test.ts"],
    setupFiles: ["./test/worker/setup.ts"],
    testTimeout: 30_000,
  },
}));
