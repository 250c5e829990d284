// The domain Ctx for work that does not come from a request (queues, cron, DOs).
// Config is parsed once per isolate and the drizzle instance built once per
// binding: a queue message or a DO call pays for neither.
import { createDb } from "../db/client";
import { configFor, type Env } from "../env";
import type { Ctx } from "./context";
import { newId } from "./ids";
import { createLogger } from "./logger";

export function systemContext(env: Env, waitUntil: (p: Promise<unknown>) => void, fields: Record<string, unknown> = {}): Ctx {
  const requestId = newId("request");
  return {
    get db() {
      return createDb(env.DB);
    },
    env,
    config: configFor(env),
    logger: createLogger({ requestId, ...fields }),
    requestId,
    now: () => Date.now(),
    waitUntil,
  };
}
