// A test send from the campaign editor: the campaign's message, rendered for
// one number, sent now through the ordinary outbound path. It is no campaign
// recipient (no campaign id, not in any totals) and follows every rule a real
// send does: opted-out numbers (STOP, or WhatsApp's "stopped marketing
// messages") are refused, free text only inside the 24-hour window.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { contacts } from "../db/schema";
import { AppError, fieldError } from "../http/errors";
import type { TenantCtx } from "../lib/context";
import { normalizeE164, waIdFromE164 } from "../channels/phone";
import { upsertContact } from "../inbound/contacts";
import { upsertConversation } from "../inbound/store";
import { buildEvent, emitEvents } from "../events/emit";
import { OPTED_OUT_DETAIL, queueOutbound } from "../outbound/send";
import { campaignChannel } from "./audience";
import { messageInput } from "./inputs";
import { checkCampaignTemplate, renderFor } from "./message";

export const testSendInput = z
  .object({
    channelId: z.string().trim().min(1, { message: "is required" }).max(64),
    message: messageInput,
    phone: z.string().trim().min(1, { message: "is required" }).max(40).describe("The number to send the test to, in international format"),
  })
  .strict();
export type TestSendInput = z.infer<typeof testSendInput>;

export interface TestSendResult {
  messageId: string;
  conversationId: string;
  contactId: string;
  status: string;
}

export async function sendCampaignTest(ctx: TenantCtx, input: TestSendInput): Promise<TestSendResult> {
  const channel = await campaignChannel(ctx, input.channelId);
  const info = await checkCampaignTemplate(ctx, channel, input.message);
  const e164 = normalizeE164(input.phone);
  if (!e164) throw fieldError("phone", "must be a WhatsApp number in international format, e.g. +6281234567890");
  const waId = waIdFromE164(e164);

  let contact = await ctx.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, ctx.tenantId), eq(contacts.waId, waId)))
    .get();
  if (contact && (contact.optedOut || contact.marketingOptedOutAt !== null)) {
    const detail = contact.optedOut ? OPTED_OUT_DETAIL : "WhatsApp reported that this number stopped marketing messages from this business; campaigns do not reach it.";
    throw new AppError("conflict", detail, { errors: [{ path: "phone", message: "opted out" }] });
  }
  if (!contact) {
    // A number the business has never talked to (the owner's own phone, say) becomes a contact, as a first message would.
    const created = await upsertContact(ctx, ctx.tenantId, { waId, profileName: null });
    if (created.created) await emitEvents(ctx, [buildEvent(ctx, ctx.tenantId, "contact.created", { contact: { id: created.id, phone: created.phone, name: created.name } })]);
    contact = (await ctx.db.select().from(contacts).where(and(eq(contacts.tenantId, ctx.tenantId), eq(contacts.id, created.id))).get())!;
  }
  const conversationId = await upsertConversation(ctx, ctx.tenantId, contact.id, channel.id);
  const { content, meta } = renderFor(input.message, info, {
    name: contact.name,
    phone: contact.phone,
    email: contact.email,
    stage: contact.stage,
    leadScore: contact.leadScore,
    customFields: (contact.customFields ?? {}) as Record<string, unknown>,
  });
  // A team member's send, marked as a test: no campaign id, so no campaign counts it.
  const message = await queueOutbound(ctx, {
    tenantId: ctx.tenantId,
    conversationId,
    author: "agent",
    authorUserId: ctx.userId,
    content,
    meta: { ...meta, campaignTest: true },
  });
  return { messageId: message.id, conversationId, contactId: contact.id, status: message.status };
}
