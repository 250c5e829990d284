// Types for `env` and `exports` from "cloudflare:workers" inside tests: the
// worker's own bindings plus what vitest.config.ts adds.
import type { D1Migration } from "cloudflare:test";
import type { Env as WorkerEnv } from "../../worker/env";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
    interface GlobalProps {
      mainModule: typeof import("../../worker/index");
      durableNamespaces: "RateLimiterDO" | "ConversationDO" | "RealtimeDO";
    }
  }
}
