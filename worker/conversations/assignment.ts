// Assign, transfer and unassign: one operation, `{ userId }` or `{ userId: null }`.
// The assignee must be a member of the tenant when the change is written, not
// only when it was checked: the membership is part of the batch's guard.
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { contacts, conversations, memberships, tenants, users } from "../db/schema";
import { errorFields } from "../lib/logger";
import { conversationAssignedEmail } from "../notify/messages";
import { sendEmails } from "../notify/outbox";
import { memberById } from "../notify/recipients";
import { AppError, fieldError } from "../http/errors";
import type { TenantCtx } from "../lib/context";
import { auditStatementWhen } from "../tenancy/audit";
import { publishConversationChange } from "./changes";
import { getConversation, getConversationRow } from "./queries";

export const assignInput = z.object({
  userId: z.string().trim().min(1).max(64).nullable().describe("The member to assign, or null to unassign"),
});

const notAMember = () => fieldError("userId", "is not a member of this tenant");

async function isMember(ctx: TenantCtx, userId: string): Promise<boolean> {
  const row = await ctx.db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.tenantId, ctx.tenantId), eq(memberships.userId, userId)))
    .get();
  return row !== undefined;
}

/** The person a conversation was handed to hears about it by email (not when they took it themselves). */
async function emailAssignee(ctx: TenantCtx, conversation: { id: string; contactId: string; updatedAt: number }, userId: string): Promise<void> {
  try {
    const person = await memberById(ctx, ctx.tenantId, userId);
    if (!person) return;
    const contact = await ctx.db.select({ name: contacts.name, phone: contacts.phone }).from(contacts).where(and(eq(contacts.id, conversation.contactId), eq(contacts.tenantId, ctx.tenantId))).get();
    const tenant = await ctx.db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, ctx.tenantId)).get();
    const by = ctx.userId ? await ctx.db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, ctx.userId)).get() : undefined;
    await sendEmails(ctx, [
      {
        tenantId: ctx.tenantId,
        userId,
        kind: "conversation_assigned",
        // One email per assignment (the row's update time), so a repeated request does not email twice.
        dedupeKey: `assigned:${conversation.id}:${conversation.updatedAt}`,
        to: person.email,
        ...conversationAssignedEmail(ctx.config, {
          recipientName: person.name,
          tenantName: tenant?.name ?? "your team",
          contactName: contact?.name || contact?.phone || "a customer",
          assignedBy: by ? by.name || by.email : null,
          conversationId: conversation.id,
        }),
      },
    ]);
  } catch (err) {
    ctx.logger.error("assignment email failed", { conversationId: conversation.id, ...errorFields(err) });
  }
}

export async function assignConversation(ctx: TenantCtx, conversationId: string, input: z.infer<typeof assignInput>) {
  const current = await getConversationRow(ctx, conversationId);
  const from = current.assignedTo;
  const to = input.userId;
  if (from === to) return getConversation(ctx, conversationId);
  if (to !== null && !(await isMember(ctx, to))) throw notAMember();

  const change = to === null ? "unassigned" : from === null ? "assigned" : "transferred";
  const guard = sql`EXISTS (SELECT 1 FROM conversations WHERE id = ${conversationId} AND tenant_id = ${ctx.tenantId} AND assigned_to IS ${from})
    AND (${to} IS NULL OR EXISTS (SELECT 1 FROM memberships WHERE tenant_id = ${ctx.tenantId} AND user_id = ${to}))`;
  const [, updated] = await ctx.db.batch([
    auditStatementWhen(ctx, { action: `conversation.${change}`, targetType: "conversation", targetId: conversationId, metadata: { from, to } }, guard),
    ctx.db
      .update(conversations)
      .set({ assignedTo: to, updatedAt: ctx.now() })
      .where(and(eq(conversations.id, conversationId), eq(conversations.tenantId, ctx.tenantId), guard))
      .returning(),
  ]);
  const row = updated[0];
  if (!row) {
    // Lost a race: someone reassigned it, or the assignee left the team, in between.
    if (to !== null && !(await isMember(ctx, to))) throw notAMember();
    throw new AppError("conflict", "The conversation was reassigned while this request ran; reload and try again");
  }
  await publishConversationChange(ctx, row, change, { from, to });
  if (to !== null && to !== ctx.userId) ctx.waitUntil(emailAssignee(ctx, row, to));
  return getConversation(ctx, conversationId);
}
