// Bookings: free slots, booking one (from a chat or by an agent), listing and
// cancelling. A unique index on confirmed start times is the backstop
// against two people holding the same slot.
import { and, asc, eq, gt, gte, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { bookings, contacts } from "../db/schema";
import { rescoreContact } from "../leads/score";
import { buildEvent, emitEvents } from "../events/emit";
import { AppError, conflict, notFound } from "../http/errors";
import type { Ctx, TenantCtx } from "../lib/context";
import { attributeConversion } from "../campaigns/attribution";
import { newId } from "../lib/ids";
import { loadBotSettings, type BotSettings } from "../ai/settings";
import { isUniqueViolation } from "../contacts/batch";
import { keysetCursorField, keysetPage } from "../contacts/cursor";
import { auditStatement } from "../tenancy/audit";
import { iso } from "../tenancy/serialize";
import { freeSlots, type Slot } from "./slots";

type BookingRow = typeof bookings.$inferSelect;
type ContactBits = { id: string; name: string | null; phone: string };

export function bookingView(b: BookingRow, contact: ContactBits) {
  return {
    id: b.id,
    contactId: b.contactId,
    conversationId: b.conversationId,
    contact,
    start: iso(b.startsAt)!,
    end: iso(b.endsAt)!,
    status: b.status,
    source: b.source,
    note: b.note,
    createdAt: iso(b.createdAt)!,
    cancelledAt: iso(b.cancelledAt),
  };
}
export type BookingView = ReturnType<typeof bookingView>;

const DAY = 24 * 3600_000;

/** Confirmed bookings overlapping [from, to). */
async function bookedBetween(ctx: Ctx, tenantId: string, from: number, to: number): Promise<Slot[]> {
  const rows = await ctx.db
    .select({ start: bookings.startsAt, end: bookings.endsAt })
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.status, "confirmed"), lt(bookings.startsAt, to), gt(bookings.endsAt, from - DAY)))
    .all();
  return rows;
}

/** Free slots from `from` (default now) for `days` days, at most `limit`. */
export async function slotsFor(ctx: Ctx, tenantId: string, booking: BotSettings["booking"], opts: { from?: number; days?: number; limit?: number } = {}): Promise<Slot[]> {
  const now = ctx.now();
  const from = Math.max(now, opts.from ?? now);
  const days = Math.min(opts.days ?? booking.daysAhead, booking.daysAhead);
  const booked = await bookedBetween(ctx, tenantId, from, from + (days + 1) * DAY);
  return freeSlots(booking, booked, { now, from, days, limit: opts.limit });
}

export const slotsQuery = z.object({
  from: z.iso.datetime({ offset: true, message: "must be an ISO-8601 date-time" }).optional(),
  days: z.coerce.number().int().min(1, { message: "must be between 1 and 60" }).max(60, { message: "must be between 1 and 60" }).optional(),
});

export async function listSlots(ctx: TenantCtx, q: z.infer<typeof slotsQuery>) {
  const settings = await loadBotSettings(ctx, ctx.tenantId);
  const b = settings.booking;
  const slots = b.enabled ? await slotsFor(ctx, ctx.tenantId, b, { from: q.from ? Date.parse(q.from) : undefined, days: q.days, limit: 500 }) : [];
  return { enabled: b.enabled, timezone: b.timezone, slotMinutes: b.slotMinutes, data: slots.map((s) => ({ start: iso(s.start)!, end: iso(s.end)! })) };
}

export interface NewBooking {
  tenantId: string;
  contact: ContactBits;
  conversationId: string | null;
  start: number;
  source: "bot" | "agent";
  note?: string | null;
  createdBy?: string | null;
}

export type BookResult = { ok: true; booking: BookingView } | { ok: false; reason: "not_free" | "disabled" };

/**
 * Book `start` if it is a free slot right now under availability `b` (the caller has the settings). Two requests for the same
 * slot: the unique index lets exactly one insert through.
 */
export async function book(ctx: Ctx, input: NewBooking, b: BotSettings["booking"], audit?: TenantCtx): Promise<BookResult> {
  if (!b.enabled) return { ok: false, reason: "disabled" };
  const free = await slotsFor(ctx, input.tenantId, b, { from: input.start, days: 1, limit: 1 });
  const slot = free[0];
  if (!slot || slot.start !== input.start) return { ok: false, reason: "not_free" };
  const now = ctx.now();
  const row: BookingRow = {
    id: newId("booking", now),
    tenantId: input.tenantId,
    contactId: input.contact.id,
    conversationId: input.conversationId,
    startsAt: slot.start,
    endsAt: slot.end,
    status: "confirmed",
    source: input.source,
    note: input.note ?? null,
    createdBy: input.createdBy ?? null,
    cancelledAt: null,
    sequence: 0,
    reminderAt: null,
    reminderResult: null,
    createdAt: now,
    updatedAt: now,
  };
  try {
    const insert = ctx.db.insert(bookings).values(row);
    if (audit) await ctx.db.batch([insert, auditStatement(audit, { action: "booking.created", targetType: "booking", targetId: row.id, metadata: { contactId: row.contactId, start: iso(row.startsAt) } })]);
    else await insert;
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, reason: "not_free" };
    throw err;
  }
  const view = bookingView(row, input.contact);
  await attributeConversion(ctx, input.tenantId, row.contactId);
  await emitEvents(ctx, [buildEvent(ctx, input.tenantId, "booking.created", { booking: view, contact: input.contact })]);
  await rescoreContact(ctx, input.tenantId, row.contactId, { conversationId: input.conversationId ?? null });
  return { ok: true, booking: view };
}

export const createBookingInput = z
  .object({
    contactId: z.string().min(1).max(64),
    start: z.iso.datetime({ offset: true, message: "must be an ISO-8601 date-time" }),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();

async function contactBits(ctx: TenantCtx, contactId: string): Promise<ContactBits> {
  const c = await ctx.db
    .select({ id: contacts.id, name: contacts.name, phone: contacts.phone })
    .from(contacts)
    .where(and(eq(contacts.id, contactId), eq(contacts.tenantId, ctx.tenantId)))
    .get();
  if (!c) throw notFound("contact");
  return c;
}

export async function createBooking(ctx: TenantCtx, input: z.infer<typeof createBookingInput>): Promise<BookingView> {
  const contact = await contactBits(ctx, input.contactId);
  const { booking } = await loadBotSettings(ctx, ctx.tenantId);
  const result = await book(ctx, { tenantId: ctx.tenantId, contact, conversationId: null, start: Date.parse(input.start), source: "agent", note: input.note ?? null, createdBy: ctx.userId }, booking, ctx);
  if (result.ok) return result.booking;
  if (result.reason === "disabled") throw new AppError("unprocessable", "bookings are off: turn them on in the bot settings (booking.enabled)");
  throw conflict("that time is not a free slot any more: pick another from GET /api/bookings/slots");
}

export const bookingListQuery = z.object({
  limit: z.coerce.number().int().min(1, { message: "must be between 1 and 200" }).max(200, { message: "must be between 1 and 200" }).default(50),
  cursor: keysetCursorField(["start"]),
  contactId: z.string().min(1).max(64).optional(),
  status: z.enum(["confirmed", "cancelled"]).optional(),
  from: z.iso.datetime({ offset: true, message: "must be an ISO-8601 date-time" }).optional(),
  to: z.iso.datetime({ offset: true, message: "must be an ISO-8601 date-time" }).optional(),
});

/** Bookings, soonest first. */
export async function listBookings(ctx: TenantCtx, q: z.infer<typeof bookingListQuery>) {
  const after = q.cursor ? sql`(${bookings.startsAt}, ${bookings.id}) > (${Number(q.cursor.value)}, ${q.cursor.id})` : undefined;
  const rows = await ctx.db
    .select({ b: bookings, contact: { id: contacts.id, name: contacts.name, phone: contacts.phone } })
    .from(bookings)
    .innerJoin(contacts, eq(contacts.id, bookings.contactId))
    .where(
      and(
        eq(bookings.tenantId, ctx.tenantId),
        q.contactId ? eq(bookings.contactId, q.contactId) : undefined,
        q.status ? eq(bookings.status, q.status) : undefined,
        q.from ? gte(bookings.startsAt, Date.parse(q.from)) : undefined,
        q.to ? lt(bookings.startsAt, Date.parse(q.to)) : undefined,
        after,
      ),
    )
    .orderBy(asc(bookings.startsAt), asc(bookings.id))
    .limit(q.limit + 1)
    .all();
  const views = rows.map((r) => ({ ...bookingView(r.b, r.contact), _start: r.b.startsAt }));
  const page = keysetPage(views, q.limit, "start", (v) => v._start);
  return { data: page.data.map(({ _start, ...v }) => v), nextCursor: page.nextCursor };
}

export async function cancelBooking(ctx: TenantCtx, id: string): Promise<BookingView> {
  const row = await ctx.db
    .select({ b: bookings, contact: { id: contacts.id, name: contacts.name, phone: contacts.phone } })
    .from(bookings)
    .innerJoin(contacts, eq(contacts.id, bookings.contactId))
    .where(and(eq(bookings.id, id), eq(bookings.tenantId, ctx.tenantId)))
    .get();
  if (!row) throw notFound("booking");
  if (row.b.status === "cancelled") return bookingView(row.b, row.contact);
  const now = ctx.now();
  const [updated] = await ctx.db.batch([
    ctx.db
      .update(bookings)
      .set({ status: "cancelled", cancelledAt: now, sequence: sql`${bookings.sequence} + 1`, updatedAt: now })
      .where(and(eq(bookings.id, id), eq(bookings.status, "confirmed")))
      .returning(),
    auditStatement(ctx, { action: "booking.cancelled", targetType: "booking", targetId: id }),
  ]);
  const b = updated[0] ?? { ...row.b, status: "cancelled" as const, cancelledAt: now, sequence: row.b.sequence + 1, updatedAt: now };
  const view = bookingView(b, row.contact);
  if (updated[0]) {
    await emitEvents(ctx, [buildEvent(ctx, ctx.tenantId, "booking.cancelled", { booking: view, contact: row.contact })]);
    await rescoreContact(ctx, ctx.tenantId, b.contactId);
  }
  return view;
}

const bookingWithContact = (ctx: Ctx, tenantId: string, id: string) =>
  ctx.db
    .select({ b: bookings, contact: { id: contacts.id, name: contacts.name, phone: contacts.phone } })
    .from(bookings)
    .innerJoin(contacts, eq(contacts.id, bookings.contactId))
    .where(and(eq(bookings.id, id), eq(bookings.tenantId, tenantId)))
    .get();

/** The contact's next confirmed booking that has not started. */
export async function upcomingBooking(ctx: Ctx, tenantId: string, contactId: string): Promise<BookingRow | null> {
  const row = await ctx.db
    .select()
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.contactId, contactId), eq(bookings.status, "confirmed"), gt(bookings.startsAt, ctx.now())))
    .orderBy(asc(bookings.startsAt))
    .limit(1)
    .get();
  return row ?? null;
}

export type MoveResult = { ok: true; booking: BookingView; previousStart: string } | { ok: false; reason: "not_free" | "gone" };

/**
 * Move a confirmed booking to `start` (the customer asked in the chat). The
 * new time must be a free slot; the unique index on confirmed start times is
 * the backstop, as for a new booking. Emits booking.rescheduled.
 */
export async function moveBooking(ctx: Ctx, tenantId: string, bookingId: string, start: number, b: BotSettings["booking"]): Promise<MoveResult> {
  const current = await bookingWithContact(ctx, tenantId, bookingId);
  if (!current || current.b.status !== "confirmed") return { ok: false, reason: "gone" };
  const free = await slotsFor(ctx, tenantId, b, { from: start, days: 1, limit: 1 });
  const slot = free[0];
  if (!slot || slot.start !== start) return { ok: false, reason: "not_free" };
  const now = ctx.now();
  let moved: BookingRow[];
  try {
    moved = await ctx.db
      .update(bookings)
      .set({ startsAt: slot.start, endsAt: slot.end, sequence: sql`${bookings.sequence} + 1`, reminderAt: null, reminderResult: null, updatedAt: now })
      .where(and(eq(bookings.id, bookingId), eq(bookings.tenantId, tenantId), eq(bookings.status, "confirmed"), eq(bookings.startsAt, current.b.startsAt)))
      .returning();
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, reason: "not_free" };
    throw err;
  }
  const row = moved[0];
  if (!row) return { ok: false, reason: "gone" };
  const view = bookingView(row, current.contact);
  const previousStart = iso(current.b.startsAt)!;
  await emitEvents(ctx, [buildEvent(ctx, tenantId, "booking.rescheduled", { booking: view, contact: current.contact, previousStart })]);
  return { ok: true, booking: view, previousStart };
}

/** The customer cancelled in the chat: the slot is free again. Emits booking.cancelled once. */
export async function cancelByCustomer(ctx: Ctx, tenantId: string, bookingId: string): Promise<BookingView | null> {
  const current = await bookingWithContact(ctx, tenantId, bookingId);
  if (!current) return null;
  const now = ctx.now();
  const [row] = await ctx.db
    .update(bookings)
    .set({ status: "cancelled", cancelledAt: now, sequence: sql`${bookings.sequence} + 1`, updatedAt: now })
    .where(and(eq(bookings.id, bookingId), eq(bookings.tenantId, tenantId), eq(bookings.status, "confirmed")))
    .returning();
  if (!row) return null;
  const view = bookingView(row, current.contact);
  await emitEvents(ctx, [buildEvent(ctx, tenantId, "booking.cancelled", { booking: view, contact: current.contact })]);
  await rescoreContact(ctx, tenantId, row.contactId);
  return view;
}
