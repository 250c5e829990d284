// One Durable Object per (tenant, contact): the single writer for that
// customer's conversation. It deduplicates provider message ids (persistent,
// bounded) and serializes storing and answering, so a delivery that arrives
// three times at once is stored once and answered once.
import { DurableObject } from "cloudflare:workers";
import { z } from "zod";
import type { Env } from "../env";
import { systemContext } from "../lib/system-context";
import { storeInbound, type StoreInboundResult } from "../inbound/store";
import { handoffAfterError, respond } from "../ai/responder";
import { loadBotSettings } from "../ai/settings";
import { errorFields } from "../lib/logger";
import { injectFault } from "../lib/faults";
import type { InboundMessage } from "../channels/types";

/** How many provider ids to remember; Meta retries for up to 7 days. */
const SEEN_LIMIT = 5000;
const SEEN_TTL_MS = 8 * 24 * 3600_000;
/** A claim older than this belongs to an attempt that died; let a retry through. */
const STALE_CLAIM_MS = 5 * 60_000;

const receiveInput = z.object({
  tenantId: z.string().min(1),
  channelId: z.string().min(1),
  contactId: z.string().min(1),
  messageId: z.string().optional(),
  conversationId: z.string().optional(),
  message: z.looseObject({ kind: z.literal("message"), providerMessageId: z.string().min(1), timestamp: z.number() }),
});
export interface ReceiveInput {
  tenantId: string;
  channelId: string;
  contactId: string;
  messageId?: string;
  conversationId?: string;
  message: InboundMessage;
}

export type ReceiveResult = StoreInboundResult;

export class ConversationDO extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS seen (
      provider_message_id TEXT PRIMARY KEY,
      state TEXT NOT NULL,
      at INTEGER NOT NULL
    )`);
    // Stored messages waiting for the assistant: a burst is answered together.
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS pending (
      message_id TEXT PRIMARY KEY,
      conversation_id TEXT NOT NULL,
      tenant_id TEXT NOT NULL,
      at INTEGER NOT NULL
    )`);
  }

  async receive(raw: ReceiveInput): Promise<ReceiveResult> {
    // RPC input crosses a boundary: check it even though the caller is typed.
    const input = receiveInput.parse(raw);
    const message = raw.message;
    const key = message.providerMessageId;
    const now = Date.now();
    const sql = this.ctx.storage.sql;

    // Check-and-claim with no await in between: nothing can interleave here.
    const seen = sql.exec<{ state: string; at: number }>("SELECT state, at FROM seen WHERE provider_message_id = ?", key).toArray()[0];
    if (seen && (seen.state === "done" || now - seen.at < STALE_CLAIM_MS)) {
      return { duplicate: true, messageId: null, conversationId: input.conversationId ?? null, stale: false, message: null };
    }
    sql.exec("INSERT OR REPLACE INTO seen (provider_message_id, state, at) VALUES (?, 'processing', ?)", key, now);

    const ctx = systemContext(this.env, (p) => this.ctx.waitUntil(p), { tenantId: input.tenantId, contactId: input.contactId });
    let result: StoreInboundResult;
    try {
      injectFault(this.env, "conversation.afterClaim", key);
      result = await storeInbound(ctx, { ...input, message });
    } catch (err) {
      // Release the claim so the queue's retry can store it.
      sql.exec("DELETE FROM seen WHERE provider_message_id = ?", key);
      throw err;
    }
    sql.exec("UPDATE seen SET state = 'done', at = ? WHERE provider_message_id = ?", Date.now(), key);
    this.pruneSeen();
    injectFault(this.env, "conversation.afterEmit", key);
    if (!result.duplicate && !result.stale && result.messageId && result.conversationId) {
      await this.schedule(ctx, input.tenantId, result.conversationId, result.messageId);
    }
    return result;
  }

  /**
   * Debounce: each new message pushes the answer back by the burst window, but
   * never more than twice the window after the first waiting message.
   */
  private async schedule(ctx: ReturnType<typeof systemContext>, tenantId: string, conversationId: string, messageId: string): Promise<void> {
    const settings = await loadBotSettings(ctx, tenantId);
    if (!settings.enabled) return;
    const now = Date.now();
    this.ctx.storage.sql.exec("INSERT OR IGNORE INTO pending (message_id, conversation_id, tenant_id, at) VALUES (?, ?, ?, ?)", messageId, conversationId, tenantId, now);
    const windowMs = settings.burstSeconds * 1000;
    if (windowMs === 0) {
      await this.answerPending();
      return;
    }
    const first = this.ctx.storage.sql.exec<{ first: number }>("SELECT MIN(at) AS first FROM pending").one().first;
    await this.ctx.storage.setAlarm(Math.min(now + windowMs, first + 2 * windowMs));
  }

  override async alarm(): Promise<void> {
    await this.answerPending();
  }

  /** Answer every waiting burst, one per conversation. Failures hand the conversation to a human. */
  async answerPending(): Promise<number> {
    const sql = this.ctx.storage.sql;
    const rows = sql.exec<{ message_id: string; conversation_id: string; tenant_id: string }>("SELECT message_id, conversation_id, tenant_id FROM pending ORDER BY at").toArray();
    if (!rows.length) return 0;
    // Taken before answering: a message is answered at most once, even if answering fails.
    sql.exec(`DELETE FROM pending WHERE message_id IN (${rows.map(() => "?").join(",")})`, ...rows.map((r) => r.message_id));
    const bursts = new Map<string, { tenantId: string; conversationId: string; messageIds: string[] }>();
    for (const r of rows) {
      const b = bursts.get(r.conversation_id) ?? { tenantId: r.tenant_id, conversationId: r.conversation_id, messageIds: [] };
      b.messageIds.push(r.message_id);
      bursts.set(r.conversation_id, b);
    }
    for (const burst of bursts.values()) {
      const ctx = systemContext(this.env, (p) => this.ctx.waitUntil(p), { tenantId: burst.tenantId, conversationId: burst.conversationId });
      try {
        injectFault(this.env, "responder", burst.conversationId);
        const outcome = await respond(ctx, burst);
        ctx.logger.info("assistant turn", { outcome: outcome.kind, ...("reason" in outcome ? { reason: outcome.reason } : {}), ...("why" in outcome ? { why: outcome.why } : {}) });
      } catch (err) {
        ctx.logger.error("assistant failed; handing the conversation to a human", errorFields(err));
        await handoffAfterError(ctx, burst).catch((e) => ctx.logger.error("handoff after error failed", errorFields(e)));
      }
    }
    return bursts.size;
  }

  /** Cheap liveness probe for the health check. */
  async ping(): Promise<"pong"> {
    return "pong";
  }

  private pruneSeen(): void {
    const sql = this.ctx.storage.sql;
    sql.exec("DELETE FROM seen WHERE at < ?", Date.now() - SEEN_TTL_MS);
    const { n } = sql.exec<{ n: number }>("SELECT count(*) AS n FROM seen").one();
    if (n > SEEN_LIMIT) {
      sql.exec("DELETE FROM seen WHERE provider_message_id IN (SELECT provider_message_id FROM seen ORDER BY at ASC LIMIT ?)", n - SEEN_LIMIT);
    }
  }
}
