// The domain Ctx for work that does not come from a request (queues, cron, DOs).
import { createDb } from "../db/client";
import { parseConfig, type Env } from "../env";
import type { Ctx } from "./context";
import { newId } from "./ids";
import { createLogger } from "./logger";

export function systemContext(env: Env, waitUntil: (p: Promise<unknown>) => void, fields: Record<string, unknown> = {}): Ctx {
  const requestId = newId("request");
  return {
    db: createDb(env.DB),
    env,
    config: parseConfig(env),
    logger: createLogger({ requestId, ...fields }),
    requestId,
    now: () => Date.now(),
    waitUntil,
  };
}
