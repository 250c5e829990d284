// Messages that exhausted their queue retries land here, in D1, where owners
// and admins can inspect and replay them.
import { deadLetters } from "../db/schema";
import type { Ctx } from "../lib/context";
import { newId } from "../lib/ids";

export interface DeadMessage {
  id: string;
  body: unknown;
  attempts: number;
}

/** The queue a dead-letter queue serves: `parley-inbound-dlq` → `parley-inbound`. */
export const sourceQueue = (dlq: string) => dlq.replace(/-dlq$/, "");

export async function storeDeadLetters(ctx: Ctx, dlq: string, messages: readonly DeadMessage[]): Promise<void> {
  const queue = sourceQueue(dlq);
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
