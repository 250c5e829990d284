// Exports: everything held about one contact as JSON (a data-subject access
// request), and the contact list as a CSV file streamed page by page.
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { conversationNotes, conversations, messages } from "../db/schema";
import type { TenantCtx } from "../lib/context";
import { iso } from "../tenancy/serialize";
import { conversationView, messageView, type MessageView } from "../conversations/views";
import { loadCustomFields } from "./custom-fields";
import { csvLine } from "./csv";
import { decodeKeyset, type Keyset } from "./cursor";
import { listContacts, type ContactFilters, type ContactSort } from "./list";
import { getContactRow } from "./store";
import { contactView } from "./views";

const MESSAGE_PAGE = 1000;

export async function exportContact(ctx: TenantCtx, id: string) {
  const contact = contactView(await getContactRow(ctx, id));
  const now = ctx.now();
  const convRows = await ctx.db
    .select()
    .from(conversations)
    .where(and(eq(conversations.tenantId, ctx.tenantId), eq(conversations.contactId, id)))
    .orderBy(asc(conversations.id))
    .all();
  const convIds = convRows.map((c) => c.id);
  const ofContact = sql`(SELECT id FROM conversations WHERE tenant_id = ${ctx.tenantId} AND contact_id = ${id})`;
  const all: MessageView[] = [];
  if (convIds.length) {
    // Paged by id so a long history never becomes one oversized D1 result.
    let after: string | null = null;
    for (;;) {
      const rows = await ctx.db
        .select()
        .from(messages)
        .where(and(eq(messages.tenantId, ctx.tenantId), inArray(messages.conversationId, ofContact), after ? gt(messages.id, after) : undefined))
        .orderBy(asc(messages.id))
        .limit(MESSAGE_PAGE)
        .all();
      all.push(...rows.map(messageView));
      if (rows.length < MESSAGE_PAGE) break;
      after = rows[rows.length - 1]!.id;
    }
  }
  const notes = convIds.length
    ? await ctx.db
        .select()
        .from(conversationNotes)
        .where(and(eq(conversationNotes.tenantId, ctx.tenantId), inArray(conversationNotes.conversationId, ofContact)))
        .orderBy(asc(conversationNotes.id))
        .all()
    : [];
  return {
    exportedAt: new Date(now).toISOString(),
    contact,
    conversations: convRows.map((c) => conversationView(c, now)),
    messages: all,
    notes: notes.map((n) => ({ id: n.id, conversationId: n.conversationId, text: n.text, createdAt: iso(n.createdAt)! })),
  };
}

const EXPORT_PAGE = 500;
export const CSV_COLUMNS = ["id", "phone", "name", "email", "tags", "stage", "leadScore", "optedOut", "lastMessageAt", "createdAt"] as const;

/**
 * The contacts matching `filters`, in `sort` order, as CSV: a header, then one
 * page of D1 rows at a time, so memory stays flat however many there are.
 * Custom fields follow the built-in columns, one column per key.
 */
export async function exportContactsCsv(ctx: TenantCtx, filters: ContactFilters & { sort: ContactSort }): Promise<ReadableStream<Uint8Array>> {
  const keys = (await loadCustomFields(ctx)).map((d) => d.key).sort();
  const encoder = new TextEncoder();
  let cursor: Keyset | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode("\ufeff" + csvLine([...CSV_COLUMNS, ...keys])));
          return;
        }
        const page = await listContacts(ctx, { ...filters, limit: EXPORT_PAGE, cursor });
        let chunk = "";
        for (const r of page.data) {
          const v = contactView(r);
          chunk += csvLine([
            v.id,
            v.phone,
            v.name,
            v.email,
            v.tags.join("; "),
            v.stage,
            v.leadScore,
            v.optedOut,
            v.lastMessageAt,
            v.createdAt,
            ...keys.map((k) => {
              const value = v.customFields[k];
              return value === undefined || value === null ? null : (value as string | number | boolean);
            }),
          ]);
        }
        if (chunk) controller.enqueue(encoder.encode(chunk));
        if (!page.nextCursor) {
          controller.close();
          return;
        }
        cursor = decodeKeyset(page.nextCursor);
      } catch (err) {
        ctx.logger.error("contact export failed mid-stream", { error: String(err) });
        controller.error(err);
      }
    },
  });
}
