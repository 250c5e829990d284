// One Durable Object per campaign drives its sending loop with alarms: each
// tick releases the recipients due under the campaign's rate to the outbound
// queue (worker/campaigns/pacer.ts). Alarms survive restarts and are retried
// by the runtime when a tick throws, so a campaign never stalls silently; the
// cron re-arms any campaign still sending as a backstop.
import { DurableObject } from "cloudflare:workers";
import { z } from "zod";
import type { Env } from "../env";
import { errorFields } from "../lib/logger";
import { systemContext } from "../lib/system-context";
import { pacerTick } from "./pacer";

const armInput = z.object({ tenantId: z.string().min(1), campaignId: z.string().min(1), at: z.number().int() });

export class CampaignPacerDO extends DurableObject<Env> {
  /** Run the loop from `at` (or earlier, if an earlier tick is already set). */
  async arm(raw: { tenantId: string; campaignId: string; at: number }): Promise<void> {
    const input = armInput.parse(raw);
    await this.ctx.storage.put("campaign", { tenantId: input.tenantId, campaignId: input.campaignId });
    const current = await this.ctx.storage.getAlarm();
    if (current === null || input.at < current) await this.ctx.storage.setAlarm(input.at);
  }

  override async alarm(): Promise<void> {
    const target = await this.ctx.storage.get<{ tenantId: string; campaignId: string }>("campaign");
    if (!target) return;
    const ctx = systemContext(this.env, (p) => this.ctx.waitUntil(p), { campaignId: target.campaignId });
    try {
      const next = await pacerTick(ctx, target.tenantId, target.campaignId);
      if (next !== null) await this.ctx.storage.setAlarm(next);
    } catch (err) {
      ctx.logger.error("campaign tick failed; retrying", { campaignId: target.campaignId, ...errorFields(err) });
      await this.ctx.storage.setAlarm(Date.now() + 2000);
    }
  }
}

/** Ask the campaign's pacer to run from `at`. */
export async function armPacer(env: Env, tenantId: string, campaignId: string, at: number): Promise<void> {
  const pacer = env.CAMPAIGN_PACER.get(env.CAMPAIGN_PACER.idFromName(campaignId));
  await pacer.arm({ tenantId, campaignId, at });
}
