// What domain functions receive instead of a request: the database, config,
// clock and who is acting. Transports (HTTP, queues, cron) build it.
import type { Db } from "../db/client";
import type { Role } from "../db/schema";
import type { Config, Env } from "../env";
import type { Logger } from "./logger";

export type Actor =
  | { type: "user"; id: string }
  | { type: "api_key"; id: string }
  | { type: "system"; id: null };

export interface Ctx {
  db: Db;
  env: Env;
  config: Config;
  logger: Logger;
  requestId: string;
  now: () => number;
  /** Run work after the response (ExecutionContext.waitUntil) without blocking it. */
  waitUntil: (p: Promise<unknown>) => void;
}

export interface TenantCtx extends Ctx {
  tenantId: string;
  actor: Actor;
  role: Role;
  userId: string | null;
}

export const SYSTEM_ACTOR: Actor = { type: "system", id: null };
