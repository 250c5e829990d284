// One Durable Object per (tenant, contact): the single writer for that conversation.
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";

export class ConversationDO extends DurableObject<Env> {
  /** Cheap liveness probe for the health check. */
  async ping(): Promise<"pong"> {
    return "pong";
  }
}
