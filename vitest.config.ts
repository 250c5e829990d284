import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// `npm run eval` (PARLEY_EVAL=1) may point the assistant at a real provider.
const evalProvider =
  process.env.PARLEY_EVAL === "1"
    ? Object.fromEntries(
        ["AI_PROVIDER", "AI_MODEL", "LLM_BASE_URL", "LLM_API_KEY", "LLM_MODEL"].filter((k) => process.env[k]).map((k) => [k, process.env[k]!]),
      )
    : {};

// Files that look at every tenant's rows (daily sweeps, "nothing left pending anywhere",
// fixed provider message ids from published payloads) get a runtime and storage of their own.
const OWN_RUNTIME = [
  "test/worker/events/end-to-end.test.ts",
  "test/worker/events/endpoints-api.test.ts",
  "test/worker/leads/scoring.test.ts",
  "test/worker/maintenance.test.ts",
  "test/worker/analytics/demo.test.ts",
  "test/worker/idempotency.test.ts",
  "test/worker/reliability/outbound-claims.test.ts",
  "test/worker/reliability/turns.test.ts",
  "test/worker/media/inbound-media.test.ts",
  "test/worker/inbound/real-world.test.ts",
  "test/worker/media/real-world.test.ts",
];

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
          // Nothing listens here: any provider call a test does not intercept fails fast, offline.
          WHATSAPP_GRAPH_API_URL: "http://127.0.0.1:9/v21.0",
          TEST_MIGRATIONS: await readD1Migrations("./migrations"),
          PARLEY_EVAL: process.env.PARLEY_EVAL ?? "0",
          ...evalProvider,
        },
        queueConsumers: {
          "parley-inbound": { maxBatchTimeout: 0.05 },
          "parley-events": { maxBatchTimeout: 0.05 },
          "parley-outbound": { maxBatchTimeout: 0.05 },
          "parley-webhook-deliveries": { maxBatchTimeout: 0.05 },
          "parley-imports": { maxBatchTimeout: 0.05 },
          "parley-media": { maxBatchTimeout: 0.05 },
        },
      },
    }),
  ],
  test: {
    setupFiles: ["./test/worker/setup.ts"],
    testTimeout: 30_000,
    // One test file per core. Vitest's own default leaves one core free, which on a two-core
    // machine runs the files one after another: 731 s for the suite, against 371 s with two.
    maxWorkers: availableParallelism(),
    // Request logs are one JSON line each; keep warnings and errors only.
    onConsoleLog: (log: string) => !log.startsWith('{"level":"info"'),
    projects: [
      {
        extends: true,
        // Most files run one after another in the same runtime instead of a new one each:
        // starting a runtime and loading the worker's modules again took longer than the tests
        // themselves (535–745 s for the suite, against about 200 s this way). They share its
        // storage, so each test makes its own tenant, and test/worker/setup.ts puts fetch back
        // before each file.
        test: { name: "shared", include: ["test/worker/**/*.test.ts"], exclude: OWN_RUNTIME, isolate: false },
      },
      { extends: true, test: { name: "own-runtime", include: OWN_RUNTIME, isolate: true } },
    ],
  },
}));
