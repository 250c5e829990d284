// The parley-imports queue consumer: one message per stored slice. Applying a
// slice is idempotent, so redelivery is safe; a slice that keeps failing marks
// its import failed on the last attempt and is kept as a dead letter.
import type { Ctx } from "../../lib/context";
import { errorFields } from "../../lib/logger";
import { storeDeadLetters } from "../../ops/dead-letters";
import { applySlice, failSlice, importJobSchema } from "./apply";

export const IMPORTS_QUEUE = "parley-imports";
/** Must match max_retries of the parley-imports consumer in wrangler.toml. */
export const IMPORT_MAX_RETRIES = 5;

const retryDelaySeconds = (attempts: number) => Math.min(300, 5 * 2 ** Math.max(0, attempts - 1));

export async function handleImportBatch(ctx: Ctx, batch: MessageBatch<unknown>): Promise<void> {
  for (const msg of batch.messages) {
    const parsed = importJobSchema.safeParse(msg.body);
    if (!parsed.success) {
      const body = msg.body && typeof msg.body === "object" ? (msg.body as Record<string, unknown>) : { body: msg.body };
      await storeDeadLetters(ctx, batch.queue, [{ id: msg.id, body: { ...body, lastError: `invalid import job: ${parsed.error.message}` }, attempts: msg.attempts }], {
        direct: true,
      });
      msg.ack();
      continue;
    }
    const job = parsed.data;
    try {
      const outcome = await applySlice(ctx, job);
      ctx.logger.info("import slice", { importId: job.importId, seq: job.seq, outcome });
      msg.ack();
    } catch (err) {
      ctx.logger.error("import slice failed", { importId: job.importId, seq: job.seq, attempts: msg.attempts, ...errorFields(err) });
      if (msg.attempts > IMPORT_MAX_RETRIES) {
        await failSlice(ctx, job, msg.attempts);
        await storeDeadLetters(ctx, batch.queue, [{ id: msg.id, body: { ...job, lastError: String(err) }, attempts: msg.attempts }], { direct: true });
        msg.ack();
      } else {
        msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts) });
      }
    }
  }
}
