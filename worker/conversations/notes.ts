// Internal notes: agents talking to each other about a conversation. They live
// in their own table, never in `messages`, so no path can send one to the
// customer; the inbox hears about them through the live feed only.
import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { conversationNotes, users } from "../db/schema";
import type { TenantCtx } from "../lib/context";
import { newId } from "../lib/ids";
import { publishRealtime, realtimeEvent } from "../realtime/publish";
import { getConversationRow } from "./queries";
import { noteView, type NoteView } from "./views";

export const noteInput = z.object({ text: z.string().trim().min(1, { message: "is required" }).max(10_000) });

function selectNotes(ctx: TenantCtx) {
  return ctx.db
    .select({ note: conversationNotes, authorName: users.name })
    .from(conversationNotes)
    .leftJoin(users, eq(users.id, conversationNotes.authorUserId));
}

/** Newest first. */
export async function listNotes(ctx: TenantCtx, conversationId: string, q: { limit: number; cursor: string | null }): Promise<NoteView[]> {
  await getConversationRow(ctx, conversationId);
  const rows = await selectNotes(ctx)
    .where(
      and(
        eq(conversationNotes.tenantId, ctx.tenantId),
        eq(conversationNotes.conversationId, conversationId),
        q.cursor ? lt(conversationNotes.id, q.cursor) : undefined,
      ),
    )
    .orderBy(desc(conversationNotes.id))
    .limit(q.limit + 1)
    .all();
  return rows.map((r) => noteView(r.note, r.authorName));
}

export async function createNote(ctx: TenantCtx, conversationId: string, input: z.infer<typeof noteInput>): Promise<NoteView> {
  await getConversationRow(ctx, conversationId);
  const id = newId("note");
  await ctx.db.insert(conversationNotes).values({
    id,
    tenantId: ctx.tenantId,
    conversationId,
    authorType: ctx.actor.type,
    authorId: ctx.actor.id,
    authorUserId: ctx.userId,
    text: input.text,
    createdAt: ctx.now(),
  });
  const row = (await selectNotes(ctx).where(and(eq(conversationNotes.id, id), eq(conversationNotes.tenantId, ctx.tenantId))).get())!;
  const note = noteView(row.note, row.authorName);
  await publishRealtime(ctx, ctx.tenantId, [realtimeEvent(ctx, "conversation.note_created", { conversationId, note })]);
  return note;
}
