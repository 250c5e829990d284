// Messages that exhausted their queue retries land here, in D1, where owners
// and admins can inspect and replay them.
import { and, desc, eq, isNull, lt } from "drizzle-orm";
import { deadLetters } from "../db/schema";
import { AppError, notFound } from "../http/errors";
import type { Ctx, TenantCtx } from "../lib/context";
import { newId } from "../lib/ids";
import { auditStatement } from "../tenancy/audit";
import { iso } from "../tenancy/serialize";
import { requeueDeadOutbound } from "../outbound/consumer";

export interface DeadMessage {
  id: string;
  body: unknown;
  attempts: number;
}

/** The queue a dead-letter queue serves: `parley-inbound-dlq` → `parley-inbound`. */
export const sourceQueue = (dlq: string) => dlq.replace(/-dlq$/, "");

/** `direct`: stored by the main consumer itself (a poison message), not via the DLQ. */
export async function storeDeadLetters(ctx: Ctx, dlq: string, messages: readonly DeadMessage[], opts: { direct?: boolean } = {}): Promise<void> {
  const queue = opts.direct ? dlq : sourceQueue(dlq);
  const now = ctx.now();
  const rows = messages.map((m) => {
    const body = m.body as { tenantId?: unknown; lastError?: unknown } | null;
    return {
      id: newId("deadLetter"),
      tenantId: typeof body?.tenantId === "string" ? body.tenantId : null,
      queue,
      messageId: m.id,
      payload: JSON.stringify(m.body),
      error: typeof body?.lastError === "string" ? body.lastError : "retries exhausted",
      attempts: m.attempts,
      createdAt: now,
    };
  });
  // One statement per row keeps each under D1's 100-parameter cap; the batch is atomic.
  const statements = rows.map((r) => ctx.db.insert(deadLetters).values(r).onConflictDoNothing());
  if (statements.length) await ctx.db.batch(statements as [typeof statements[0], ...typeof statements]);
  ctx.logger.warn("dead letters stored", { queue, count: rows.length });
}

function deadLetterView(r: typeof deadLetters.$inferSelect) {
  let payload: unknown;
  try {
    payload = JSON.parse(r.payload);
  } catch {
    payload = r.payload;
  }
  return { id: r.id, queue: r.queue, messageId: r.messageId, payload, error: r.error, attempts: r.attempts, createdAt: iso(r.createdAt)!, replayedAt: iso(r.replayedAt) };
}

export async function listDeadLetters(ctx: TenantCtx, q: { limit: number; cursor: string | null; pending?: boolean }) {
  const rows = await ctx.db
    .select()
    .from(deadLetters)
    .where(and(eq(deadLetters.tenantId, ctx.tenantId), q.pending ? isNull(deadLetters.replayedAt) : undefined, q.cursor ? lt(deadLetters.id, q.cursor) : undefined))
    .orderBy(desc(deadLetters.id))
    .limit(q.limit + 1)
    .all();
  return rows.map(deadLetterView);
}

async function getRow(ctx: TenantCtx, id: string) {
  const row = await ctx.db.select().from(deadLetters).where(and(eq(deadLetters.id, id), eq(deadLetters.tenantId, ctx.tenantId))).get();
  if (!row) throw notFound("Dead letter");
  return row;
}

export async function getDeadLetter(ctx: TenantCtx, id: string) {
  return deadLetterView(await getRow(ctx, id));
}

const QUEUES: Record<string, (ctx: Ctx) => Queue<unknown>> = {
  "parley-inbound": (ctx) => ctx.env.INBOUND_QUEUE,
  "parley-events": (ctx) => ctx.env.EVENTS_QUEUE,
  "parley-outbound": (ctx) => ctx.env.OUTBOUND_QUEUE,
};

/** Put the message back on its queue. Processing is idempotent, so a replay never stores twice. */
export async function replayDeadLetter(ctx: TenantCtx, id: string) {
  const row = await getRow(ctx, id);
  const queue = QUEUES[row.queue];
  if (!queue) throw new AppError("conflict", `Messages from ${row.queue} cannot be replayed`);
  const body = JSON.parse(row.payload) as Record<string, unknown>;
  delete body.lastError;
  // An outbound job's message was failed when it was dead-lettered; put it back to `queued` if it is safe to send.
  if (row.queue === "parley-outbound") await requeueDeadOutbound(ctx, body);
  await queue(ctx).send(body, { contentType: "json" });
  await ctx.db.batch([
    ctx.db.update(deadLetters).set({ replayedAt: ctx.now() }).where(eq(deadLetters.id, id)),
    auditStatement(ctx, { action: "dead_letter.replayed", targetType: "dead_letter", targetId: id, metadata: { queue: row.queue } }),
  ]);
  return deadLetterView((await getRow(ctx, id)));
}
