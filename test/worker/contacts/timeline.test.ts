// A contact's timeline: messages, notes, qualification answers and bookings,
// newest first, paged without repeats or gaps, and only for the tenant's own contacts.
import { describe, expect, it } from "vitest";
import { respond } from "../../../worker/ai/responder";
import { PRESETS } from "../../../worker/flows/definition";
import { ctxWith, quietTenant, storedMessage } from "../helpers/assistant";
import { createTenant } from "../helpers/tenants";

const ALL_DAY = [{ start: "00:00", end: "23:59" }];

describe("contact timeline", () => {
  it("merges messages, notes, answers and bookings newest first, and pages through them", async () => {
    const owner = await quietTenant();
    expect((await owner.callWithKey("PUT", "/api/bot/flow", PRESETS[0]!.flow)).status).toBe(200);
    const days = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, ALL_DAY]));
    expect((await owner.callWithKey("PATCH", "/api/bot-settings", { booking: { enabled: true, timezone: "UTC", minNoticeMinutes: 60, days } })).status).toBe(200);
    const phone = "+6281377770001";
    for (const text of ["Hi", "buy"]) {
      const m = await storedMessage(owner, text, phone);
      await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [m.messageId] });
    }
    const { conversationId, contactId } = await storedMessage(owner, "Thanks", phone);
    expect((await owner.callWithKey("POST", `/api/conversations/${conversationId}/notes`, { text: "Wants a house near a school" })).status).toBe(201);
    const slot = (await owner.callWithKey("GET", "/api/bookings/slots")).json.data[0].start;
    const booking = await owner.callWithKey("POST", "/api/bookings", { contactId, start: slot });
    expect(booking.status, booking.text).toBe(201);
    expect((await owner.callWithKey("POST", `/api/bookings/${booking.json.id}/cancel`)).status).toBe(200);

    const all = (await owner.callWithKey("GET", `/api/contacts/${contactId}/timeline?limit=100`)).json;
    const kinds = all.data.map((i: { kind: string; event?: string; direction?: string }) => (i.kind === "booking" ? `booking:${i.event}` : i.kind === "message" ? `message:${i.direction}` : i.kind));
    expect(kinds.slice(0, 4)).toEqual(["booking:cancelled", "booking:booked", "note", "message:inbound"]);
    expect(kinds).toContain("answer");
    expect(kinds.filter((k: string) => k === "message:inbound")).toHaveLength(3);
    const answer = all.data.find((i: { kind: string }) => i.kind === "answer");
    expect(answer).toMatchObject({ step: "intent", label: "Buy or rent", answer: "Buy", points: 20 });
    const times = all.data.map((i: { at: string }) => Date.parse(i.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(all.nextCursor).toBeNull();

    // Pages of 2 give the same items in the same order, each once.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { id: string }[]; nextCursor: string | null } = (await owner.callWithKey("GET", `/api/contacts/${contactId}/timeline?limit=2${cursor ? `&cursor=${cursor}` : ""}`)).json;
      expect(page.data.length).toBeLessThanOrEqual(2);
      paged.push(...page.data.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.data.map((i: { id: string }) => i.id));
  });

  it("is a 404 for another tenant's contact and a 400 for a bad cursor", async () => {
    const owner = await createTenant();
    const other = await createTenant();
    const theirs = (await other.callWithKey("POST", "/api/contacts", { phone: "+6281377770002" })).json;
    expect((await owner.callWithKey("GET", `/api/contacts/${theirs.id}/timeline`)).status).toBe(404);
    const bad = await other.callWithKey("GET", `/api/contacts/${theirs.id}/timeline?cursor=nonsense`);
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe("cursor");
    expect((await other.callWithKey("GET", `/api/contacts/${theirs.id}/timeline`)).json).toEqual({ data: [], nextCursor: null });
  });
});
