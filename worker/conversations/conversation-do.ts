// One Durable Object per (tenant, contact): the single writer for that
// customer's conversation. It records each provider message id with the steps
// done for it (stored, emitted, scheduled), so a delivery that arrives three
// times at once is stored once, and a retry after a crash resumes the step
// that is missing instead of being dropped as a duplicate. It also runs the
// assistant's turns one at a time, so two answers never interleave.
import { DurableObject } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Env } from "../env";
import { messages } from "../db/schema";
import { systemContext } from "../lib/system-context";
import { errorFields } from "../lib/logger";
import { injectFault } from "../lib/faults";
import { newId } from "../lib/ids";
import { emitInboundReceived, insertInbound, type MessageRow, type StoredTurn } from "../inbound/store";
import { handoffAfterError, respond } from "../ai/responder";
import { loadBotSettings, parseStoredSettings, type BotSettings } from "../ai/settings";
import type { InboundMessage } from "../channels/types";
import type { MessageView } from "./views";
import { scoreReceived } from "../leads/score";

/** How many provider ids to remember; Meta retries for up to 7 days. */
const SEEN_LIMIT = 5000;
const SEEN_TTL_MS = 8 * 24 * 3600_000;
/** How often (in receives) the receipt count is checked against SEEN_LIMIT. */
const PRUNE_EVERY = 64;

/** Thrown while another attempt for the same provider id is running in this object: the consumer retries later. */
export class ReceiveInProgress extends Error {
  constructor(key: string) {
    super(`message ${key} is being received right now; retry later`);
    this.name = "ReceiveInProgress";
  }
}

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

export interface ReceiveResult {
  duplicate: boolean;
  messageId: string | null;
  conversationId: string | null;
  stale: boolean;
  message: MessageView | null;
}

type Receipt = {
  message_id: string;
  event_id: string;
  stored: number;
  emitted: number;
  scheduled: number;
};

export class ConversationDO extends DurableObject<Env> {
  /** Provider ids being received by this instance right now (lost with the instance, which is the point). */
  private readonly receiving = new Set<string>();
  /** The running assistant turn, and whether messages arrived for another round after it. */
  private turn: Promise<number> | null = null;
  private again = false;
  /** Receives by this instance, for pruneReceipts' count check. */
  private receives = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const sql = ctx.storage.sql;
    // One row per provider message id: the ids it will be stored under and the steps done.
    sql.exec(`CREATE TABLE IF NOT EXISTS receipts (
      provider_message_id TEXT PRIMARY KEY,
      message_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      stored INTEGER NOT NULL DEFAULT 0,
      emitted INTEGER NOT NULL DEFAULT 0,
      scheduled INTEGER NOT NULL DEFAULT 0,
      at INTEGER NOT NULL
    )`);
    sql.exec("CREATE INDEX IF NOT EXISTS receipts_at ON receipts (at)");
    // Objects created before receipts kept only finished ids in `seen`: carry those over once.
    if (sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'seen'").toArray().length) {
      sql.exec("INSERT OR IGNORE INTO receipts (provider_message_id, message_id, event_id, stored, emitted, scheduled, at) SELECT provider_message_id, '', '', 1, 1, 1, at FROM seen WHERE state = 'done'");
      sql.exec("DROP TABLE seen");
    }
    // Stored messages waiting for the assistant: a burst is answered together.
    sql.exec(`CREATE TABLE IF NOT EXISTS pending (
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
    const sql = this.ctx.storage.sql;
    const duplicate: ReceiveResult = { duplicate: true, messageId: null, conversationId: input.conversationId ?? null, stale: false, message: null };

    // Check and claim with no await in between: nothing can interleave here. An attempt that is
    // still running makes this one fail (the queue retries it), never answer "duplicate": the
    // running attempt may still die. A receipt with missing steps and no running attempt belongs
    // to an attempt that died (an error, a reset object): this one resumes it.
    if (this.receiving.has(key)) throw new ReceiveInProgress(key);
    let receipt = sql.exec<Receipt>("SELECT message_id, event_id, stored, emitted, scheduled FROM receipts WHERE provider_message_id = ?", key).toArray()[0];
    if (receipt && receipt.stored && receipt.emitted && receipt.scheduled) return duplicate;
    if (!receipt) {
      receipt = { message_id: input.messageId ?? newId("message"), event_id: newId("event"), stored: 0, emitted: 0, scheduled: 0 };
      sql.exec("INSERT INTO receipts (provider_message_id, message_id, event_id, at) VALUES (?, ?, ?, ?)", key, receipt.message_id, receipt.event_id, Date.now());
    }
    this.receiving.add(key);
    // `stored` is written with `emitted`: an attempt that stored the row but died before emitting
    // runs the (idempotent) insert again anyway, to read what the emit needs.
    const mark = (step: "emitted" | "scheduled") => sql.exec(`UPDATE receipts SET ${step === "emitted" ? "stored = 1, emitted = 1" : "scheduled = 1"} WHERE provider_message_id = ?`, key);

    const ctx = systemContext(this.env, (p) => this.ctx.waitUntil(p), { tenantId: input.tenantId, contactId: input.contactId });
    let row: MessageRow | undefined;
    let turn: StoredTurn | undefined;
    /** The tenant's bot settings as read with the insert (parsed once for scoring and scheduling). */
    let settings: BotSettings | undefined;
    let view: MessageView | null = null;
    let answerNow = false;
    try {
      injectFault(this.env, "conversation.afterClaim", key);
      if (!receipt.stored || !receipt.emitted) {
        const stored = await insertInbound(ctx, { ...input, message, messageId: receipt.message_id });
        if (stored.kind === "duplicate") {
          // Another row holds this provider id (its receipt was pruned long ago): nothing to do.
          sql.exec("UPDATE receipts SET stored = 1, emitted = 1, scheduled = 1 WHERE provider_message_id = ?", key);
          return { ...duplicate, conversationId: stored.conversationId };
        }
        row = stored.row;
        turn = stored.turn;
        settings = parseStoredSettings(turn.settings);
        // Sentiment on the message and the contact's lead score; only by the attempt that inserted the row.
        if (stored.inserted) await scoreReceived(ctx, row, input.contactId, { scoring: settings.scoring, ...turn.scoring });
      }
      if (!receipt.emitted) {
        view = await emitInboundReceived(ctx, row!, input.contactId, receipt.event_id, turn);
        mark("emitted");
      }
      injectFault(this.env, "conversation.afterEmit", key);
      row ??= await ctx.db.select().from(messages).where(and(eq(messages.id, receipt.message_id), eq(messages.tenantId, input.tenantId))).get();
      if (!receipt.scheduled) {
        if (!row || row.stale) mark("scheduled");
        else answerNow = await this.schedule(ctx, key, input.tenantId, row.conversationId, row.id, settings);
      }
    } finally {
      this.receiving.delete(key);
    }
    this.pruneReceipts();
    // Outside the claim, and not awaited: the queue consumer moves on to the next message while this
    // object answers (a redelivery meanwhile is a plain duplicate). The alarm set by schedule() is
    // the backstop if this object is evicted before the turn starts.
    if (answerNow) {
      this.ctx.waitUntil(
        this.answerPending().catch((err) => ctx.logger.error("assistant turn could not start; the alarm retries it", errorFields(err))),
      );
    }
    return { duplicate: false, messageId: receipt.message_id, conversationId: row?.conversationId ?? null, stale: row?.stale ?? false, message: view };
  }

  /**
   * Debounce: each new message pushes the answer back by the burst window, but
   * never more than twice the window after the first waiting message. The
   * pending row, the receipt's `scheduled` step and the alarm are written with
   * no await in between, so they are stored together. Returns whether to answer now.
   */
  private async schedule(
    ctx: ReturnType<typeof systemContext>,
    key: string,
    tenantId: string,
    conversationId: string,
    messageId: string,
    // Read with the insert when this attempt stored the message; a resumed attempt reads them now.
    stored?: Pick<BotSettings, "enabled" | "burstSeconds">,
  ): Promise<boolean> {
    const settings = stored ?? (await loadBotSettings(ctx, tenantId));
    const sql = this.ctx.storage.sql;
    if (!settings.enabled) {
      sql.exec("UPDATE receipts SET scheduled = 1 WHERE provider_message_id = ?", key);
      return false;
    }
    const now = Date.now();
    sql.exec("INSERT OR IGNORE INTO pending (message_id, conversation_id, tenant_id, at) VALUES (?, ?, ?, ?)", messageId, conversationId, tenantId, now);
    sql.exec("UPDATE receipts SET scheduled = 1 WHERE provider_message_id = ?", key);
    const windowMs = settings.burstSeconds * 1000;
    const first = sql.exec<{ first: number }>("SELECT MIN(at) AS first FROM pending").one().first;
    // With no burst window the answer starts right away; the alarm is the backstop if this object dies first.
    await this.ctx.storage.setAlarm(windowMs === 0 ? now : Math.min(now + windowMs, first + 2 * windowMs));
    return windowMs === 0;
  }

  override async alarm(): Promise<void> {
    await this.answerPending();
  }

  /**
   * Answer every waiting burst. Turns run one at a time: a call while a turn is
   * running asks for one more round after it, so the second answer is written
   * after the first and sees it in the history.
   */
  answerPending(): Promise<number> {
    this.again = true;
    this.turn ??= (async () => {
      let answered = 0;
      try {
        while (this.again) {
          this.again = false;
          answered += await this.answerRound();
        }
      } finally {
        this.turn = null;
      }
      return answered;
    })();
    return this.turn;
  }

  /** One round: every waiting burst, one per conversation. Failures hand the conversation to a human. */
  private async answerRound(): Promise<number> {
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

  /** Workspace deletion: drop the receipts and any waiting turn, so nothing is answered or kept. */
  async forget(): Promise<void> {
    const sql = this.ctx.storage.sql;
    sql.exec("DELETE FROM pending");
    sql.exec("DELETE FROM receipts");
    await this.ctx.storage.deleteAlarm();
  }

  /** Cheap liveness probe for the health check. */
  async ping(): Promise<"pong"> {
    return "pong";
  }

  /**
   * Keeps the receipts within the provider's retry horizon and SEEN_LIMIT. The
   * age cut is an index range; the count (a scan) is checked on an object's
   * first receive and then every PRUNE_EVERY receives, so the table never grows
   * more than PRUNE_EVERY past the limit.
   */
  private pruneReceipts(): void {
    const sql = this.ctx.storage.sql;
    const done = "stored = 1 AND emitted = 1 AND scheduled = 1";
    // Past the provider's retry horizon nothing will resume an unfinished receipt either.
    sql.exec("DELETE FROM receipts WHERE at < ?", Date.now() - SEEN_TTL_MS);
    if (this.receives++ % PRUNE_EVERY !== 0) return;
    const { n } = sql.exec<{ n: number }>("SELECT count(*) AS n FROM receipts").one();
    if (n > SEEN_LIMIT) {
      sql.exec(`DELETE FROM receipts WHERE provider_message_id IN (SELECT provider_message_id FROM receipts WHERE ${done} ORDER BY at ASC LIMIT ?)`, n - SEEN_LIMIT);
    }
  }
}
