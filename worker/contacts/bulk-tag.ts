// Adding and removing tags on many contacts at once: all of them or none.
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { contacts } from "../db/schema";
import { AppError } from "../http/errors";
import type { TenantCtx } from "../lib/context";
import { auditStatement } from "../tenancy/audit";
import { buildEvent, emitEvents } from "../events/emit";
import { runBatch } from "./batch";
import { closedObject, tagKey, tagListField } from "./fields";
import { addTags, contactIdsParam, ensureTags, refreshTagCache, removeTags } from "./tag-links";
import { contactView, eventContact } from "./views";

export const MAX_BULK_CONTACTS = 1000;

export const bulkTagInput = closedObject({
  contactIds: z
    .array(z.string().min(1).max(64))
    .min(1)
    .max(MAX_BULK_CONTACTS)
    .transform((ids) => [...new Set(ids)]),
  add: tagListField.optional(),
  remove: tagListField.optional(),
}).superRefine((v, ctx) => {
  if (!v.add?.length && !v.remove?.length) ctx.addIssue({ code: "custom", path: ["add"], message: "send tags to add or to remove" });
  const adding = new Set((v.add ?? []).map(tagKey));
  const both = (v.remove ?? []).filter((t) => adding.has(tagKey(t)));
  if (both.length) ctx.addIssue({ code: "custom", path: ["remove"], message: `tags both added and removed: ${both.join(", ")}` });
});
export type BulkTagInput = z.infer<typeof bulkTagInput>;

export async function bulkTag(ctx: TenantCtx, input: BulkTagInput): Promise<{ matched: number; updated: number }> {
  const ids = input.contactIds;
  // One JSON parameter for the ids: up to 1000 of them would not fit D1's 100 bound parameters.
  const live = and(eq(contacts.tenantId, ctx.tenantId), isNull(contacts.erasedAt), sql`${contacts.id} IN (${contactIdsParam(ids)})`);
  const before = await ctx.db.select({ id: contacts.id, tags: contacts.tags }).from(contacts).where(live).all();
  if (before.length !== ids.length) {
    const found = new Set(before.map((r) => r.id));
    const missing = ids.filter((id) => !found.has(id));
    throw new AppError("not_found", `Contact not found: ${missing.slice(0, 10).join(", ")}${missing.length > 10 ? ` and ${missing.length - 10} more` : ""}`);
  }
  const add = input.add ?? [];
  const remove = input.remove ?? [];
  await runBatch(ctx, [
    ...(add.length ? [ensureTags(ctx, add), addTags(ctx, ids, add)] : []),
    ...(remove.length ? [removeTags(ctx, ids, remove)] : []),
    refreshTagCache(ctx, contactIdsParam(ids)),
    auditStatement(ctx, { action: "contact.bulk_tagged", targetType: "contact", metadata: { contacts: ids.length, add, remove } }),
  ]);
  const after = await ctx.db.select().from(contacts).where(live).all();
  const previous = new Map(before.map((r) => [r.id, JSON.stringify(r.tags)]));
  const changed = after.filter((r) => previous.get(r.id) !== JSON.stringify(r.tags));
  if (changed.length) {
    await emitEvents(
      ctx,
      changed.map((r) => buildEvent(ctx, ctx.tenantId, "contact.updated", { contact: eventContact(contactView(r)), changes: ["tags"] })),
    );
  }
  return { matched: ids.length, updated: changed.length };
}
