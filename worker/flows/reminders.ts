// Booking reminders, sent by the cron: `booking.reminderHours` before the
// slot, once per booking. The claim (reminder_at set where it is still null)
// is the statement that decides who sends, so two cron runs never both send.
// The message goes through queueOutbound, so opt-out and the 24-hour window
// apply: free text inside the window, the tenant's reminder template outside
// it, and nothing (recorded as window_closed) when there is no template.
import { and, desc, eq, gt, isNull, lte, sql } from "drizzle-orm";
import { bookings, conversations } from "../db/schema";
import { loadBotSettings, type BotSettings } from "../ai/settings";
import { windowExpiresAt } from "../conversations/views";
import { AppError } from "../http/errors";
import type { Ctx } from "../lib/context";
import { errorFields } from "../lib/logger";
import { queueOutbound, type OutboundContent } from "../outbound/send";
import { formatSlot } from "./slots";

export type ReminderResult = "sent" | "window_closed" | "opted_out" | "no_conversation" | "failed";

const HOUR = 3600_000;
/** The longest reminderHours allowed. */
const MAX_AHEAD = 168 * HOUR;
const BATCH = 200;

const TEXT = {
  en: (when: string, zone: string) => `Reminder: your booking is on ${when} (${zone}). Reply here if you need to change or cancel it.`,
  id: (when: string, zone: string) => `Pengingat: jadwal Anda pada ${when} (${zone}). Balas pesan ini jika perlu mengubah atau membatalkannya.`,
};

type Due = { id: string; tenantId: string; contactId: string; conversationId: string | null; startsAt: number };

async function conversationFor(ctx: Ctx, b: Due) {
  const where = b.conversationId
    ? and(eq(conversations.id, b.conversationId), eq(conversations.tenantId, b.tenantId))
    : and(eq(conversations.tenantId, b.tenantId), eq(conversations.contactId, b.contactId));
  return (await ctx.db.select().from(conversations).where(where).orderBy(desc(conversations.lastInboundAt)).limit(1).get()) ?? null;
}

function reminderContent(settings: BotSettings, conversation: typeof conversations.$inferSelect, startsAt: number, now: number): OutboundContent | null {
  const b = settings.booking;
  const language = settings.persona.defaultLanguage === "id" ? "id" : "en";
  const when = formatSlot(startsAt, b.timezone, language);
  if (windowExpiresAt(conversation, now) !== null) return { type: "text", text: TEXT[language](when, b.timezone) };
  if (!b.reminderTemplate) return null;
  return {
    type: "template",
    name: b.reminderTemplate.name,
    language: b.reminderTemplate.language,
    components: [{ type: "body", parameters: [{ type: "text", text: `${when} (${b.timezone})` }] }],
  };
}

async function remindOne(ctx: Ctx, b: Due, settings: BotSettings, now: number): Promise<ReminderResult | null> {
  // The claim: only the run whose UPDATE sets reminder_at goes on.
  const claimed = await ctx.db
    .update(bookings)
    .set({ reminderAt: now, reminderResult: "failed" })
    .where(and(eq(bookings.id, b.id), eq(bookings.tenantId, b.tenantId), eq(bookings.status, "confirmed"), isNull(bookings.reminderAt)))
    .returning({ id: bookings.id });
  if (!claimed[0]) return null;
  let result: ReminderResult;
  const conversation = await conversationFor(ctx, b);
  const content = conversation ? reminderContent(settings, conversation, b.startsAt, now) : null;
  if (!conversation) result = "no_conversation";
  else if (!content) result = "window_closed";
  else {
    try {
      await queueOutbound(ctx, { tenantId: b.tenantId, conversationId: conversation.id, author: "bot", content, meta: { bookingReminder: b.id } });
      result = "sent";
    } catch (err) {
      const optedOut = err instanceof AppError && !!err.options.errors?.some((e) => e.path === "contact");
      result = optedOut ? "opted_out" : "failed";
      if (!optedOut) ctx.logger.warn("booking reminder not sent", { bookingId: b.id, ...errorFields(err) });
    }
  }
  await ctx.db.update(bookings).set({ reminderResult: result }).where(eq(bookings.id, b.id));
  return result;
}

/** Remind every confirmed booking whose reminder is due; returns how many were sent. */
export async function sendBookingReminders(ctx: Ctx): Promise<{ remindersSent: number; remindersSkipped: number }> {
  const now = ctx.now();
  const due = await ctx.db
    .select({ id: bookings.id, tenantId: bookings.tenantId, contactId: bookings.contactId, conversationId: bookings.conversationId, startsAt: bookings.startsAt })
    .from(bookings)
    .where(and(eq(bookings.status, "confirmed"), isNull(bookings.reminderAt), gt(bookings.startsAt, now), lte(bookings.startsAt, now + MAX_AHEAD)))
    .orderBy(sql`${bookings.startsAt}`)
    .limit(BATCH)
    .all();
  const settingsOf = new Map<string, BotSettings>();
  let sent = 0;
  let skipped = 0;
  for (const b of due) {
    let settings = settingsOf.get(b.tenantId);
    if (!settings) settingsOf.set(b.tenantId, (settings = await loadBotSettings(ctx, b.tenantId)));
    const hours = settings.booking.reminderHours;
    if (hours === 0 || b.startsAt - hours * HOUR > now) continue;
    try {
      const result = await remindOne(ctx, b, settings, now);
      if (result === "sent") sent++;
      else if (result) skipped++;
    } catch (err) {
      ctx.logger.error("booking reminder failed", { bookingId: b.id, ...errorFields(err) });
    }
  }
  return { remindersSent: sent, remindersSkipped: skipped };
}
