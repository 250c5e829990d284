// The sandbox: a test customer writes to the tenant's built-in channel and the
// message takes exactly the path of a WhatsApp delivery (queue → DO → store).
import { z } from "zod";
import type { TenantCtx } from "../lib/context";
import { newId } from "../lib/ids";
import { fieldError } from "../http/errors";
import { normalizeE164, waIdFromE164 } from "../channels/phone";
import { sandboxChannel } from "../channels/store";
import { upsertContact } from "./contacts";
import { buildEvent, emitEvents } from "../events/emit";
import type { InboundJob } from "./jobs";
import { upsertConversation } from "./store";

export const sandboxMessageInput = z.object({
  from: z.string().trim().min(1, { message: "is required" }).max(32),
  name: z.string().trim().min(1).max(120).optional(),
  text: z.string().trim().min(1, { message: "is required" }).max(4096),
});

export async function sendSandboxMessage(ctx: TenantCtx, input: z.infer<typeof sandboxMessageInput>) {
  const e164 = normalizeE164(input.from);
  if (!e164) throw fieldError("from", "must be a phone number in international format, e.g. +6281234567890");
  const channel = await sandboxChannel(ctx);
  const contact = await upsertContact(ctx, ctx.tenantId, { waId: waIdFromE164(e164), profileName: input.name ?? null });
  if (contact.created) {
    await emitEvents(ctx, [buildEvent(ctx, ctx.tenantId, "contact.created", { contact: { id: contact.id, phone: contact.phone, name: contact.name } })]);
  }
  const conversationId = await upsertConversation(ctx, ctx.tenantId, contact.id, channel.id);
  const messageId = newId("message");
  const now = ctx.now();
  const job: InboundJob = {
    kind: "sandbox",
    tenantId: ctx.tenantId,
    channelId: channel.id,
    receivedAt: now,
    contactId: contact.id,
    conversationId,
    messageId,
    message: {
      kind: "message",
      providerMessageId: `sandbox.${messageId}`,
      from: waIdFromE164(e164),
      profileName: input.name ?? null,
      timestamp: now,
      type: "text",
      text: input.text,
    },
  };
  await ctx.env.INBOUND_QUEUE.send(job, { contentType: "json" });
  return { conversationId, messageId, contactId: contact.id };
}
