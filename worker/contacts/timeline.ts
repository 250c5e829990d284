// A contact's history in one list, newest first: messages in every
// conversation, internal notes, qualification answers and bookings. Each
// source is read up to the cursor with its own index, then merged.
import { and, desc, eq, inArray, lte, or } from "drizzle-orm";
import { z } from "zod";
import { bookings, contacts, conversationNotes, conversations, flowAnswers, messages } from "../db/schema";
import { notFound } from "../http/errors";
import type { TenantCtx } from "../lib/context";
import { iso } from "../tenancy/serialize";
import { encodeKeyset, keysetCursorField } from "./cursor";
import { loadFlow } from "../flows/store";

/** Timeline items include derived ids ("ans_budget", "bkg_….cancelled") besides row ids. */
const ITEM_ID = /^[a-z]{2,5}_[0-9A-Za-z_.]{1,80}$/;

export const timelineQuery = z.object({
  limit: z.coerce.number().int().min(1, { message: "must be between 1 and 100" }).max(100, { message: "must be between 1 and 100" }).default(30),
  // The last item's (time, id).
  cursor: keysetCursorField(["at"], ITEM_ID),
});

type Item = { id: string; atMs: number; conversationId: string | null } & (
  | { kind: "message"; direction: "inbound" | "outbound"; author: "customer" | "bot" | "agent" | "campaign"; type: string; text: string | null; status: string }
  | { kind: "note"; text: string; authorUserId: string | null }
  | { kind: "answer"; step: string; label: string; answer: string; points: number }
  | { kind: "booking"; event: "booked" | "cancelled"; bookingId: string; start: string; end: string; source: "bot" | "agent" }
);

const PREVIEW = 300;
const clip = (s: string | null) => (s && s.length > PREVIEW ? `${s.slice(0, PREVIEW - 1)}…` : s);

export async function contactTimeline(ctx: TenantCtx, contactId: string, q: z.infer<typeof timelineQuery>) {
  const contact = await ctx.db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.id, contactId), eq(contacts.tenantId, ctx.tenantId))).get();
  if (!contact) throw notFound("contact");
  const t = ctx.tenantId;
  const until = q.cursor ? Number(q.cursor.value) : Number.MAX_SAFE_INTEGER;
  // A few extra rows per source cover items that share the cursor's millisecond.
  const want = q.limit + 6;
  const convIds = (await ctx.db.select({ id: conversations.id }).from(conversations).where(and(eq(conversations.tenantId, t), eq(conversations.contactId, contactId))).all()).map((r) => r.id);

  const [msgs, notes, answers, books, flow] = await Promise.all([
    convIds.length
      ? ctx.db
          .select({ id: messages.id, conversationId: messages.conversationId, direction: messages.direction, author: messages.author, type: messages.type, text: messages.text, status: messages.status, at: messages.createdAt })
          .from(messages)
          .where(and(eq(messages.tenantId, t), inArray(messages.conversationId, convIds), lte(messages.createdAt, until)))
          .orderBy(desc(messages.id))
          .limit(want)
          .all()
      : [],
    convIds.length
      ? ctx.db
          .select({ id: conversationNotes.id, conversationId: conversationNotes.conversationId, text: conversationNotes.text, authorUserId: conversationNotes.authorUserId, at: conversationNotes.createdAt })
          .from(conversationNotes)
          .where(and(eq(conversationNotes.tenantId, t), inArray(conversationNotes.conversationId, convIds), lte(conversationNotes.createdAt, until)))
          .orderBy(desc(conversationNotes.id))
          .limit(want)
          .all()
      : [],
    ctx.db
      .select()
      .from(flowAnswers)
      .where(and(eq(flowAnswers.tenantId, t), eq(flowAnswers.contactId, contactId), lte(flowAnswers.answeredAt, until)))
      .orderBy(desc(flowAnswers.answeredAt))
      .limit(want)
      .all(),
    ctx.db
      .select()
      .from(bookings)
      .where(and(eq(bookings.tenantId, t), eq(bookings.contactId, contactId), or(lte(bookings.createdAt, until), lte(bookings.cancelledAt, until))))
      .orderBy(desc(bookings.createdAt))
      .limit(want * 2)
      .all(),
    loadFlow(ctx, t),
  ]);

  const steps = new Map(flow.steps.map((s) => [s.key, s]));
  const items: Item[] = [
    ...msgs.map((m) => ({ kind: "message" as const, id: m.id, atMs: m.at, conversationId: m.conversationId, direction: m.direction, author: m.author, type: m.type, text: clip(m.text), status: m.status })),
    ...notes.map((n) => ({ kind: "note" as const, id: n.id, atMs: n.at, conversationId: n.conversationId, text: clip(n.text)!, authorUserId: n.authorUserId })),
    ...answers.map((a) => ({ kind: "answer" as const, id: `ans_${a.stepKey}`, atMs: a.answeredAt, conversationId: null, step: a.stepKey, label: steps.get(a.stepKey)?.label ?? a.stepKey, answer: steps.get(a.stepKey)?.type === "choice" ? a.value : a.answer, points: a.points })),
    ...books.flatMap((b) => {
      const base = { bookingId: b.id, conversationId: b.conversationId, start: iso(b.startsAt)!, end: iso(b.endsAt)!, source: b.source };
      const booked = { kind: "booking" as const, event: "booked" as const, id: b.id, atMs: b.createdAt, ...base };
      return b.cancelledAt ? [booked, { kind: "booking" as const, event: "cancelled" as const, id: `${b.id}.cancelled`, atMs: b.cancelledAt, ...base }] : [booked];
    }),
  ];
  // Newest first; the cursor is the last item's (time, id): ties at the same millisecond order by id.
  const after = (i: Item) => !q.cursor || i.atMs < until || (i.atMs === until && i.id < q.cursor.id);
  const sorted = items.filter(after).sort((a, b) => b.atMs - a.atMs || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const page = sorted.slice(0, q.limit);
  const last = page[page.length - 1];
  return { data: page.map(({ atMs, ...i }) => ({ ...i, at: iso(atMs)! })), nextCursor: sorted.length > q.limit && last ? encodeKeyset({ kind: "at", value: last.atMs, id: last.id }) : null };
}
