// Customers managing their booking from the chat: moving it to another free
// slot (booking.rescheduled, once), cancelling it after a confirmation
// (booking.cancelled, once), and keeping it when they do not confirm.
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { respond } from "../../../worker/ai/responder";
import { ctxWith, outbound, storedMessage } from "../helpers/assistant";
import type { TenantOwner } from "../helpers/tenants";
import { quietTenantWith } from "./choices-helpers";

const ALL_DAY = { start: "00:00", end: "23:59" };
const EVERY_DAY = { mon: [ALL_DAY], tue: [ALL_DAY], wed: [ALL_DAY], thu: [ALL_DAY], fri: [ALL_DAY], sat: [ALL_DAY], sun: [ALL_DAY] };
const BOOKING = { enabled: true, timezone: "UTC", slotMinutes: 30, minNoticeMinutes: 60, offerCount: 3, days: EVERY_DAY };

function customer(owner: TenantOwner, phone: string) {
  let conversationId = "";
  let seen = 0;
  return {
    async say(text: string) {
      const m = await storedMessage(owner, text, phone);
      conversationId = m.conversationId;
      await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId, messageIds: [m.messageId] });
      const replies = await outbound(conversationId);
      const fresh = replies.slice(seen);
      seen = replies.length;
      return fresh.map((r) => r.text).join("\n---\n");
    },
  };
}

const bookingsOf = async (owner: TenantOwner) => (await owner.callWithKey("GET", "/api/bookings")).json.data as { id: string; start: string; status: string }[];
type Sent = { type: string; data: { booking: { id: string; start: string; status: string }; previousStart?: string } };
const events = (send: { mock: { calls: unknown[][] } }, type: string) =>
  send.mock.calls.flatMap(([msgs]) => [...(msgs as { body: Sent }[])].map((m) => m.body)).filter((e) => e.type === type);

describe("a booking the customer manages in the chat", () => {
  it("moves to the slot they pick, once, and the old time is free again", async () => {
    const owner = await quietTenantWith({ flow: { enabled: false, preset: "custom", qualifiedScore: 60, handoffWhenQualified: false, completionMessage: "", steps: [] }, booking: BOOKING });
    const send = vi.spyOn(env.EVENTS_QUEUE, "sendBatch");
    const sari = customer(owner, "+6281366600001");
    let reply = await sari.say("Can I book a viewing?");
    expect(reply).toMatch(/These times are free:\n1\. /);
    reply = await sari.say("1");
    expect(reply).toMatch(/You're booked for/);
    const [booked] = await bookingsOf(owner);

    reply = await sari.say("Sorry, can I reschedule?");
    expect(reply).toMatch(/These times are free:\n1\. /);
    // Their own time is not offered again: it is taken by their booking.
    const second = /\n2\. ([^\n]+)/.exec(reply)![1]!;
    reply = await sari.say("2");
    expect(reply).toContain(`Done: your booking is moved to ${second} (UTC)`);

    const after = await bookingsOf(owner);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: booked!.id, status: "confirmed" });
    expect(after[0]!.start).not.toBe(booked!.start);
    const moved = events(send, "booking.rescheduled");
    expect(moved).toHaveLength(1);
    expect(moved[0]!.data).toMatchObject({ booking: { id: booked!.id, start: after[0]!.start }, previousStart: booked!.start });
    // The old time can be booked by someone else.
    const slots = (await owner.callWithKey("GET", `/api/bookings/slots?from=${encodeURIComponent(booked!.start)}&days=1`)).json.data as { start: string }[];
    expect(slots[0]!.start).toBe(booked!.start);
    send.mockRestore();
  });

  it("cancels after a YES in Indonesian, and keeps the booking on anything else", async () => {
    const owner = await quietTenantWith({ flow: { enabled: false, preset: "custom", qualifiedScore: 60, handoffWhenQualified: false, completionMessage: "", steps: [] }, booking: BOOKING });
    const send = vi.spyOn(env.EVENTS_QUEUE, "sendBatch");
    // An Indonesian business: short replies like "iya" are read as Indonesian.
    expect((await owner.callWithKey("PATCH", "/api/bot-settings", { persona: { defaultLanguage: "id" } })).status).toBe(200);
    const budi = customer(owner, "+6281366600002");
    await budi.say("mau booking jadwal survei");
    await budi.say("1");

    let reply = await budi.say("cancel my booking please");
    expect(reply).toMatch(/^Cancel your booking for .+\? Reply YES to cancel it\.$/);
    reply = await budi.say("no wait");
    expect(reply).toMatch(/stays as it is|tetap seperti semula/);
    expect((await bookingsOf(owner))[0]!.status).toBe("confirmed");

    reply = await budi.say("batalkan jadwal saya");
    expect(reply).toMatch(/^Batalkan jadwal Anda untuk .+\? Balas YA untuk membatalkan\.$/);
    reply = await budi.say("iya, batalkan");
    expect(reply).toMatch(/sudah dibatalkan/);
    expect((await owner.callWithKey("GET", "/api/bookings?status=cancelled")).json.data).toHaveLength(1);
    expect(events(send, "booking.cancelled")).toHaveLength(1);

    // With nothing booked any more, "cancel" is an ordinary message again.
    reply = await budi.say("cancel");
    expect(reply).not.toMatch(/Reply YES/);
    send.mockRestore();
  });
});
