// The `parley-media` queue consumer: one job per customer file, downloaded
// from the provider into R2 with retries (processMediaJob decides).
import type { Ctx } from "../lib/context";
import { errorFields } from "../lib/logger";
import type { Fetcher } from "../channels/types";
import { mediaJobSchema, mediaRetryDelaySeconds, processMediaJob } from "./store";

export async function handleMediaBatch(ctx: Ctx, batch: MessageBatch<unknown>, fetcher: Fetcher = fetch): Promise<void> {
  for (const msg of batch.messages) {
    const parsed = mediaJobSchema.safeParse(msg.body);
    if (!parsed.success) {
      ctx.logger.error("invalid media job dropped", { error: parsed.error.message });
      msg.ack();
      continue;
    }
    try {
      const outcome = await processMediaJob(ctx, parsed.data, msg.attempts, fetcher);
      if (outcome.kind === "retry") msg.retry({ delaySeconds: outcome.delaySeconds });
      else msg.ack();
    } catch (err) {
      ctx.logger.error("media job crashed; will retry", { mediaId: parsed.data.mediaId, ...errorFields(err) });
      msg.retry({ delaySeconds: mediaRetryDelaySeconds(msg.attempts) });
    }
  }
}
