// Booking reminders from the cron: once per booking however often it runs,
// never for a cancelled booking or a contact who opted out, and never free
// text outside the 24-hour window (the reminder template, or nothing).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { respond } from "../../../worker/ai/responder";
import { sendBookingReminders } from "../../../worker/flows/reminders";
import { ctxWith, outbound, storedMessage } from "../helpers/assistant";
import type { TenantOwner } from "../helpers/tenants";
import { quietTenantWith } from "./choices-helpers";

const ALL_DAY = { start: "00:00", end: "23:59" };
const EVERY_DAY = { mon: [ALL_DAY], tue: [ALL_DAY], wed: [ALL_DAY], thu: [ALL_DAY], fri: [ALL_DAY], sat: [ALL_DAY], sun: [ALL_DAY] };
const BOOKING = { enabled: true, timezone: "UTC", slotMinutes: 30, minNoticeMinutes: 60, offerCount: 3, days: EVERY_DAY };
const NO_FLOW = { enabled: false, preset: "custom", qualifiedScore: 60, handoffWhenQualified: false, completionMessage: "", steps: [] };

let n = 0;
/** A customer who books the first offered slot in the chat. */
async function bookedCustomer(owner: TenantOwner) {
  n++;
  const phone = `+62813888${String(10000 + n)}`;
  let conversationId = "";
  for (const text of ["Can I book a viewing?", "1"]) {
    const m = await storedMessage(owner, text, phone);
    conversationId = m.conversationId;
    await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId, messageIds: [m.messageId] });
  }
  const booking = await env.DB.prepare("SELECT id, contact_id FROM bookings WHERE conversation_id = ?").bind(conversationId).first<{ id: string; contact_id: string }>();
  expect(booking).not.toBeNull();
  return { conversationId, bookingId: booking!.id, contactId: booking!.contact_id };
}

const reminders = async (conversationId: string) => (await outbound(conversationId)).filter((m) => m.payload?.bookingReminder);
const reminderRow = (id: string) => env.DB.prepare("SELECT reminder_at, reminder_result FROM bookings WHERE id = ?").bind(id).first<{ reminder_at: number | null; reminder_result: string | null }>();

describe("booking reminders", () => {
  it("are sent once inside the window, however many times the cron runs", async () => {
    const owner = await quietTenantWith({ flow: NO_FLOW, booking: BOOKING });
    const c = await bookedCustomer(owner);
    await Promise.all([sendBookingReminders(ctxWith()), sendBookingReminders(ctxWith())]);
    await sendBookingReminders(ctxWith());
    const sent = await reminders(c.conversationId);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.author).toBe("bot");
    expect(sent[0]!.text).toMatch(/^Reminder: your booking is on .+ \(UTC\)\. Reply here if you need to change or cancel it\.$/);
    expect(sent[0]!.payload.content.type).toBe("text");
    expect((await reminderRow(c.bookingId))!.reminder_result).toBe("sent");
  });

  it("are not sent for a cancelled booking, to an opted-out contact, or when turned off", async () => {
    const owner = await quietTenantWith({ flow: NO_FLOW, booking: BOOKING });
    const cancelled = await bookedCustomer(owner);
    expect((await owner.callWithKey("POST", `/api/bookings/${cancelled.bookingId}/cancel`)).status).toBe(200);
    const optedOut = await bookedCustomer(owner);
    await env.DB.prepare("UPDATE contacts SET opted_out = 1 WHERE id = ?").bind(optedOut.contactId).run();
    await sendBookingReminders(ctxWith());
    expect(await reminders(cancelled.conversationId)).toHaveLength(0);
    expect((await reminderRow(cancelled.bookingId))!.reminder_at).toBeNull();
    expect(await reminders(optedOut.conversationId)).toHaveLength(0);
    expect((await reminderRow(optedOut.bookingId))!.reminder_result).toBe("opted_out");

    const off = await quietTenantWith({ flow: NO_FLOW, booking: { ...BOOKING, reminderHours: 0 } });
    const quiet = await bookedCustomer(off);
    await sendBookingReminders(ctxWith());
    expect(await reminders(quiet.conversationId)).toHaveLength(0);
    expect((await reminderRow(quiet.bookingId))!.reminder_at).toBeNull();
  });

  it("waits until reminderHours before the slot", async () => {
    const owner = await quietTenantWith({ flow: NO_FLOW, booking: { ...BOOKING, minNoticeMinutes: 180, reminderHours: 1 } });
    const c = await bookedCustomer(owner);
    await sendBookingReminders(ctxWith());
    expect(await reminders(c.conversationId)).toHaveLength(0);
    const start = (await env.DB.prepare("SELECT starts_at FROM bookings WHERE id = ?").bind(c.bookingId).first<{ starts_at: number }>())!.starts_at;
    const later = { ...ctxWith(), now: () => start - 3600_000 + 1 };
    await env.DB.prepare("UPDATE conversations SET last_inbound_at = ? WHERE id = ?").bind(start - 3600_000, c.conversationId).run();
    await sendBookingReminders(later);
    expect(await reminders(c.conversationId)).toHaveLength(1);
  });

  it("outside the 24-hour window send the reminder template, or nothing without one", async () => {
    const owner = await quietTenantWith({ flow: NO_FLOW, booking: BOOKING });
    const noTemplate = await bookedCustomer(owner);
    const dayAgo = Date.now() - 25 * 3600_000;
    await env.DB.prepare("UPDATE conversations SET last_inbound_at = ? WHERE id = ?").bind(dayAgo, noTemplate.conversationId).run();
    await sendBookingReminders(ctxWith());
    expect(await reminders(noTemplate.conversationId)).toHaveLength(0);
    expect((await reminderRow(noTemplate.bookingId))!.reminder_result).toBe("window_closed");

    const res = await owner.callWithKey("PATCH", "/api/bot-settings", { booking: { reminderTemplate: { name: "booking_reminder", language: "en" } } });
    expect(res.status, res.text).toBe(200);
    const withTemplate = await bookedCustomer(owner);
    await env.DB.prepare("UPDATE conversations SET last_inbound_at = ? WHERE id = ?").bind(dayAgo, withTemplate.conversationId).run();
    await sendBookingReminders(ctxWith());
    const sent = await reminders(withTemplate.conversationId);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload.content).toMatchObject({ type: "template", name: "booking_reminder", language: "en" });
    expect(sent[0]!.payload.content.components[0].parameters[0].text).toMatch(/\(UTC\)$/);
  });
});
