// Quick replies (canned responses): CRUD within a tenant and rendering one for
// a conversation, with its contact, the agent and the business filled in.
import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { contacts, quickReplies, tenants, users } from "../db/schema";
import { conflict, notFound } from "../http/errors";
import type { TenantCtx } from "../lib/context";
import { newId } from "../lib/ids";
import { auditStatement } from "../tenancy/audit";
import { iso } from "../tenancy/serialize";
import { getConversationRow } from "../conversations/queries";
import { VARIABLES, customFieldKey, firstName, renderVariables, unknownVariables } from "./variables";

type Row = typeof quickReplies.$inferSelect;

const shortcut = z
  .string()
  .trim()
  .transform((s) => s.replace(/^\//, "").toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, { message: "must be 1–32 letters, digits, '-' or '_' (a leading '/' is dropped)" }));

const replyText = z
  .string()
  .trim()
  .min(1, { message: "is required" })
  .max(4096)
  .superRefine((text, ctx) => {
    const unknown = unknownVariables(text);
    if (unknown.length) {
      ctx.addIssue({
        code: "custom",
        message: `unknown variable ${unknown.map((v) => `{{${v}}}`).join(", ")}; use ${VARIABLES.map((v) => `{{${v}}}`).join(", ")} or {{contact.fields.<key>}}`,
      });
    }
  });

export const createQuickReplyInput = z.object({
  shortcut: shortcut.describe("What agents type after '/' in the composer"),
  title: z.string().trim().min(1, { message: "is required" }).max(120),
  text: replyText.describe("The reply; variables such as {{contact.name}} or {{contact.name | there}} are filled in by render"),
});

export const updateQuickReplyInput = z
  .object({ shortcut: shortcut.optional(), title: z.string().trim().min(1).max(120).optional(), text: replyText.optional() })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "nothing to update" });

export const quickReplyListQuery = z.object({ q: z.string().trim().min(1).max(100).optional().describe("Part of the shortcut or title") });

export const renderInput = z.object({ conversationId: z.string().trim().min(1, { message: "is required" }).max(64) });

export function quickReplyView(r: Row) {
  return { id: r.id, shortcut: r.shortcut, title: r.title, text: r.text, createdBy: r.createdBy, createdAt: iso(r.createdAt)!, updatedAt: iso(r.updatedAt)! };
}
export type QuickReplyView = ReturnType<typeof quickReplyView>;

const taken = (s: string) => conflict(`The shortcut "/${s}" is already used by another quick reply`);
const isUnique = (err: unknown) => String(err).includes("UNIQUE");

export async function listQuickReplies(ctx: TenantCtx, q: z.infer<typeof quickReplyListQuery> & { limit: number; cursor: string | null }) {
  const rows = await ctx.db
    .select()
    .from(quickReplies)
    .where(
      and(
        eq(quickReplies.tenantId, ctx.tenantId),
        q.q ? or(sql`instr(${quickReplies.shortcut}, lower(${q.q})) > 0`, sql`instr(lower(${quickReplies.title}), lower(${q.q})) > 0`) : undefined,
        q.cursor ? lt(quickReplies.id, q.cursor) : undefined,
      ),
    )
    .orderBy(desc(quickReplies.id))
    .limit(q.limit + 1)
    .all();
  return rows.map(quickReplyView);
}

async function getRow(ctx: TenantCtx, id: string): Promise<Row> {
  const row = await ctx.db.select().from(quickReplies).where(and(eq(quickReplies.id, id), eq(quickReplies.tenantId, ctx.tenantId))).get();
  if (!row) throw notFound("Quick reply");
  return row;
}

export const getQuickReply = async (ctx: TenantCtx, id: string) => quickReplyView(await getRow(ctx, id));

export async function createQuickReply(ctx: TenantCtx, input: z.infer<typeof createQuickReplyInput>): Promise<QuickReplyView> {
  const id = newId("quickReply");
  const now = ctx.now();
  try {
    await ctx.db.batch([
      ctx.db.insert(quickReplies).values({ id, tenantId: ctx.tenantId, ...input, createdBy: ctx.userId, createdAt: now, updatedAt: now }),
      auditStatement(ctx, { action: "quick_reply.created", targetType: "quick_reply", targetId: id, metadata: { shortcut: input.shortcut } }),
    ]);
  } catch (err) {
    if (isUnique(err)) throw taken(input.shortcut);
    throw err;
  }
  return getQuickReply(ctx, id);
}

export async function updateQuickReply(ctx: TenantCtx, id: string, input: z.infer<typeof updateQuickReplyInput>): Promise<QuickReplyView> {
  const row = await getRow(ctx, id);
  try {
    await ctx.db.batch([
      ctx.db
        .update(quickReplies)
        .set({ shortcut: input.shortcut ?? row.shortcut, title: input.title ?? row.title, text: input.text ?? row.text, updatedAt: ctx.now() })
        .where(and(eq(quickReplies.id, id), eq(quickReplies.tenantId, ctx.tenantId))),
      auditStatement(ctx, { action: "quick_reply.updated", targetType: "quick_reply", targetId: id, metadata: { fields: Object.keys(input) } }),
    ]);
  } catch (err) {
    if (isUnique(err) && input.shortcut) throw taken(input.shortcut);
    throw err;
  }
  return getQuickReply(ctx, id);
}

export async function deleteQuickReply(ctx: TenantCtx, id: string): Promise<void> {
  const row = await getRow(ctx, id);
  await ctx.db.batch([
    ctx.db.delete(quickReplies).where(and(eq(quickReplies.id, id), eq(quickReplies.tenantId, ctx.tenantId))),
    auditStatement(ctx, { action: "quick_reply.deleted", targetType: "quick_reply", targetId: id, metadata: { shortcut: row.shortcut } }),
  ]);
}

function stringOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value || null;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

/** The reply's text for one conversation: its contact, the calling agent and the business filled in. */
export async function renderQuickReply(ctx: TenantCtx, id: string, input: z.infer<typeof renderInput>) {
  const reply = await getRow(ctx, id);
  const conversation = await getConversationRow(ctx, input.conversationId);
  const contact = await ctx.db
    .select({ name: contacts.name, phone: contacts.phone, email: contacts.email, customFields: contacts.customFields })
    .from(contacts)
    .where(and(eq(contacts.id, conversation.contactId), eq(contacts.tenantId, ctx.tenantId)))
    .get();
  const agent = ctx.userId ? await ctx.db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, ctx.userId)).get() : undefined;
  const business = await ctx.db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, ctx.tenantId)).get();
  const values: Record<string, string | null> = {
    "contact.name": contact?.name ?? null,
    "contact.firstName": firstName(contact?.name),
    "contact.phone": contact?.phone ?? null,
    "contact.email": contact?.email ?? null,
    "agent.name": agent?.name ?? null,
    "agent.firstName": firstName(agent?.name),
    "agent.email": agent?.email ?? null,
    "business.name": business?.name ?? null,
  };
  const lookup = (name: string) => {
    const key = customFieldKey(name);
    return key ? stringOf(contact?.customFields?.[key]) : (values[name] ?? null);
  };
  return { quickReplyId: reply.id, conversationId: conversation.id, ...renderVariables(reply.text, lookup) };
}
