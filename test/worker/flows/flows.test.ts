// Qualification and bookings through the API and in conversations: questions
// asked in order, answers recorded and scored, questions about the business
// still answered, slots offered, booked once, never double-booked.
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { respond } from "../../../worker/ai/responder";
import { PRESETS } from "../../../worker/flows/definition";
import { addKnowledge, ctxWith, modeOf, outbound, quietTenant, storedMessage } from "../helpers/assistant";
import { createTenant, inviteMember, type TenantOwner } from "../helpers/tenants";

const realEstate = PRESETS.find((p) => p.id === "real_estate")!.flow;
const ALL_DAY = { start: "00:00", end: "23:59" };
const EVERY_DAY = { mon: [ALL_DAY], tue: [ALL_DAY], wed: [ALL_DAY], thu: [ALL_DAY], fri: [ALL_DAY], sat: [ALL_DAY], sun: [ALL_DAY] };
const HOURS = { title: "Office hours", content: "Our office is open Monday to Friday, 08:00 to 16:00." };

async function withFlow(owner: TenantOwner, flow: Record<string, unknown> = realEstate) {
  const res = await owner.callWithKey("PUT", "/api/bot/flow", flow);
  expect(res.status, res.text).toBe(200);
  return res.json;
}

async function withBookings(owner: TenantOwner, booking: Record<string, unknown> = {}) {
  const res = await owner.callWithKey("PATCH", "/api/bot-settings", { booking: { enabled: true, timezone: "UTC", slotMinutes: 30, minNoticeMinutes: 60, offerCount: 3, days: EVERY_DAY, ...booking } });
  expect(res.status, res.text).toBe(200);
}

/** One customer: each say() stores their message and runs the assistant's turn, returning the bot's new reply. */
function customer(owner: TenantOwner, phone = `+62813${Math.floor(1e6 + Math.random() * 8e6)}`) {
  let conversationId = "";
  let contactId = "";
  let seen = 0;
  return {
    phone,
    get conversationId() {
      return conversationId;
    },
    get contactId() {
      return contactId;
    },
    async say(text: string) {
      const m = await storedMessage(owner, text, phone);
      conversationId = m.conversationId;
      contactId = m.contactId;
      const outcome = await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId, messageIds: [m.messageId] });
      const replies = await outbound(conversationId);
      const fresh = replies.slice(seen);
      seen = replies.length;
      return { outcome, reply: fresh.map((r) => r.text).join("\n---\n"), payload: fresh.at(-1)?.payload };
    },
  };
}

describe("the flow API", () => {
  it("is off until saved; presets save as they are; agents may read but not change it", async () => {
    const owner = await createTenant();
    const empty = await owner.call("GET", "/api/bot/flow");
    expect(empty.json).toMatchObject({ enabled: false, steps: [], updatedAt: null });
    const presets = (await owner.call("GET", "/api/bot/flow/presets")).json.data;
    expect(presets.map((p: { id: string }) => p.id)).toEqual(["real_estate", "education", "services"]);
    const saved = await withFlow(owner, presets[1].flow);
    expect(saved).toMatchObject({ enabled: true, preset: "education", steps: presets[1].flow.steps });
    expect(typeof saved.updatedAt).toBe("string");
    const agent = await inviteMember(owner, "agent");
    expect((await agent.call("GET", "/api/bot/flow")).json.preset).toBe("education");
    expect((await agent.call("PUT", "/api/bot/flow", realEstate)).status).toBe(403);
  });

  it("gives the presets in the assistant's language", async () => {
    const owner = await createTenant();
    expect((await owner.call("PATCH", "/api/bot-settings", { persona: { defaultLanguage: "id" } })).status).toBe(200);
    const id = (await owner.call("GET", "/api/bot/flow/presets")).json.data[0].flow;
    expect(id.steps[0]).toMatchObject({ label: "Beli atau sewa", question: "Anda ingin membeli atau menyewa?" });
    const en = (await owner.call("GET", "/api/bot/flow/presets?language=en")).json.data[0].flow;
    expect(en.steps[0].question).toBe("Are you looking to buy or to rent?");
    expect((await owner.call("GET", "/api/bot/flow/presets?language=fr")).status).toBe(400);
  });

  it("refuses a bad flow with the field named, and keeps the old one", async () => {
    const owner = await createTenant();
    await withFlow(owner);
    const res = await owner.callWithKey("PUT", "/api/bot/flow", {
      enabled: true,
      steps: [{ key: "Budget!", label: "Budget", question: "Budget?", type: "choice", options: [{ label: "Low", points: 500 }] }],
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const paths = res.json.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["steps.0.key", "steps.0.options.0.points"]));
    expect((await owner.callWithKey("GET", "/api/bot/flow")).json.preset).toBe("real_estate");
  });
});

describe("qualifying a lead in the conversation", () => {
  it("asks each question in turn, records and scores the answers, and still answers questions about the business", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [HOURS]);
    await withFlow(owner);
    const send = vi.spyOn(env.EVENTS_QUEUE, "sendBatch");
    const sari = customer(owner);

    let turn = await sari.say("Hi");
    expect(turn.reply).toContain("Are you looking to buy or to rent?");
    turn = await sari.say("mau beli");
    expect(turn.reply).toBe("What kind of property: house, apartment or land?");
    turn = await sari.say("2");
    expect(turn.reply).toBe("Which area or neighbourhood would you like?");
    // A question is answered from the knowledge, then the pending question comes back.
    turn = await sari.say("When is your office open?");
    expect(turn.reply).toContain("08:00 to 16:00");
    expect(turn.reply).toMatch(/Which area or neighbourhood would you like\?$/);
    expect(turn.payload.sources).toHaveLength(1);
    turn = await sari.say("Kemang, South Jakarta");
    expect(turn.reply).toMatch(/What is your budget/);

    let q = (await owner.callWithKey("GET", `/api/contacts/${sari.contactId}/qualification`)).json;
    expect(q).toMatchObject({ qualificationScore: 40, stage: "new", pendingStep: "budget", completed: false, pending: { key: "budget", label: "Budget" } });
    expect(q.answers.map((a: { key: string; value: string; points: number; maxPoints: number }) => [a.key, a.value, a.points, a.maxPoints])).toEqual([
      ["intent", "Buy", 20, 20],
      ["property_type", "Apartment", 10, 10],
      ["area", "Kemang, South Jakarta", 10, 10],
    ]);

    turn = await sari.say("sekitar 750 juta");
    expect(turn.reply).toMatch(/When are you planning to move/);
    q = (await owner.callWithKey("GET", `/api/contacts/${sari.contactId}/qualification`)).json;
    expect(q).toMatchObject({ qualificationScore: 65, stage: "qualified" });
    // The answers are the score's qualification component: 65 of its 100 points.
    const contact = (await owner.callWithKey("GET", `/api/contacts/${sari.contactId}`)).json;
    expect(contact.scoreBreakdown.find((b: { component: string }) => b.component === "qualification")).toMatchObject({ value: 0.65, detail: "65 of 100 points from the qualification answers" });
    expect(q.leadScore).toBe(contact.leadScore);
    const updates = send.mock.calls.flatMap(([msgs]) => [...msgs].map((x) => x.body as { type: string; data: { contact: { id: string; leadScore: number; stage: string }; changes: string[] } }));
    expect(updates.filter((e) => e.type === "contact.updated" && e.data.contact.id === sari.contactId && e.data.changes.includes("stage")).at(-1)!.data).toMatchObject({
      contact: { leadScore: contact.leadScore, stage: "qualified" },
      changes: ["stage"],
    });

    turn = await sari.say("within 3 months");
    expect(turn.reply).toBe(realEstate.completionMessage);
    q = (await owner.callWithKey("GET", `/api/contacts/${sari.contactId}/qualification`)).json;
    expect(q).toMatchObject({ qualificationScore: 90, completed: true, pendingStep: null, pending: null });
    expect((await owner.callWithKey("GET", `/api/contacts/${sari.contactId}`)).json).toMatchObject({ leadScore: q.leadScore, stage: "qualified" });

    // Nothing more to ask: the next answer carries no question.
    turn = await sari.say("When is your office open?");
    expect(turn.reply).not.toMatch(/budget|area|buy or to rent/i);

    // The analytics funnel counts this lead once at each step it reached: asked, answered, qualified.
    const funnel = (await owner.callWithKey("GET", "/api/analytics/breakdowns")).json.leads.funnel;
    expect(funnel).toEqual({ asked: 1, answered: 1, qualified: 1, booked: 0 });
  });

  it("runs in Indonesian, answering questions about the business in between", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [{ title: "Kantor", content: "Kantor kami di Kemang, buka 09.00 sampai 17.00 setiap hari kerja." }]);
    expect((await owner.callWithKey("PATCH", "/api/bot-settings", { persona: { defaultLanguage: "id" } })).status).toBe(200);
    const preset = (await owner.callWithKey("GET", "/api/bot/flow/presets")).json.data[0].flow;
    await withFlow(owner, preset);
    const dewi = customer(owner);
    expect((await dewi.say("Halo")).reply).toMatch(/Anda ingin membeli atau menyewa\?$/);
    expect((await dewi.say("beli")).reply).toBe("Jenis properti apa: rumah, apartemen, atau tanah?");
    const asked = await dewi.say("Dimana kantor kalian?");
    expect(asked.reply).toContain("Kemang");
    expect(asked.reply).toMatch(/Jenis properti apa: rumah, apartemen, atau tanah\?$/);
    expect((await dewi.say("rumah")).reply).toBe("Di daerah mana yang Anda inginkan?");
    const q = (await owner.callWithKey("GET", `/api/contacts/${dewi.contactId}/qualification`)).json;
    expect(q.answers.map((a: { label: string; value: string }) => `${a.label}: ${a.value}`)).toEqual(["Beli atau sewa: Beli", "Jenis properti: Rumah"]);
  });

  it("records several answers sent in one burst", async () => {
    const owner = await quietTenant();
    await withFlow(owner);
    const budi = customer(owner);
    await budi.say("Hello");
    const a = await storedMessage(owner, "rent", budi.phone);
    const b = await storedMessage(owner, "house", budi.phone);
    await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId: a.conversationId, messageIds: [a.messageId, b.messageId] });
    const replies = await outbound(a.conversationId);
    expect(replies.at(-1)!.text).toBe("Which area or neighbourhood would you like?");
    const q = (await owner.callWithKey("GET", `/api/contacts/${a.contactId}/qualification`)).json;
    expect(q.answers.map((x: { value: string }) => x.value)).toEqual(["Rent", "House"]);
  });

  it("hands a qualified lead to a human when asked to", async () => {
    const owner = await quietTenant();
    await withFlow(owner, { ...realEstate, qualifiedScore: 30, handoffWhenQualified: true });
    const lead = customer(owner);
    await lead.say("Hi");
    await lead.say("buy");
    const turn = await lead.say("house");
    expect(turn.outcome).toEqual({ kind: "handoff", reason: "qualified" });
    expect(turn.reply).toMatch(/colleague will contact you/);
    expect(await modeOf(lead.conversationId)).toBe("human");
  });

  it("does nothing different while the flow is off", async () => {
    const owner = await quietTenant();
    await withFlow(owner, { ...realEstate, enabled: false });
    const turn = await customer(owner).say("Hi");
    expect(turn.reply).toBe("Hi! How can I help you today?");
  });
});

describe("bookings", () => {
  it("offers free slots, books the one picked, and never gives the same slot twice", async () => {
    const owner = await quietTenant();
    await withBookings(owner);
    const send = vi.spyOn(env.EVENTS_QUEUE, "sendBatch");
    const first = customer(owner);
    const second = customer(owner);

    const offer1 = await first.say("Can I book a viewing?");
    expect(offer1.reply).toMatch(/These times are free:\n1\. .+\n2\. .+\n3\. .+\nReply with the number/);
    const offered = offer1.payload.slots as string[];
    expect(offered).toHaveLength(3);
    const offer2 = await second.say("I want to schedule a visit");
    expect(offer2.payload.slots).toEqual(offered);

    const booked = await first.say("2");
    expect(booked.reply).toMatch(/^You're booked for .+ \(UTC\)/);
    const list = (await owner.callWithKey("GET", "/api/bookings?status=confirmed")).json.data;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ contactId: first.contactId, conversationId: first.conversationId, start: offered[1], status: "confirmed", source: "bot" });
    const created = send.mock.calls.flatMap(([msgs]) => [...msgs].map((x) => x.body as { type: string; data: { booking: { id: string } } })).filter((e) => e.type === "booking.created");
    expect(created.map((e) => e.data.booking.id)).toEqual([list[0].id]);

    // The second customer picks the same slot from the older offer: it is taken, fresh slots are offered.
    const taken = await second.say("2");
    expect(taken.reply).toMatch(/^Sorry, that time was just taken/);
    expect(taken.payload.slots).not.toContain(offered[1]);
    expect((await owner.callWithKey("GET", "/api/bookings")).json.data).toHaveLength(1);

    // An agent cannot book it either; once cancelled it is free again.
    const agentTry = await owner.callWithKey("POST", "/api/bookings", { contactId: second.contactId, start: offered[1] });
    expect(agentTry.status).toBe(409);
    expect(agentTry.json.detail).toMatch(/not a free slot/);
    const cancelled = await owner.callWithKey("POST", `/api/bookings/${list[0].id}/cancel`);
    expect(cancelled.json).toMatchObject({ status: "cancelled" });
    const slots = (await owner.callWithKey("GET", `/api/bookings/slots?days=1`)).json;
    expect(slots.data.map((s: { start: string }) => s.start)).toContain(offered[1]);
    const agentBooks = await owner.callWithKey("POST", "/api/bookings", { contactId: second.contactId, start: offered[1], note: "Prefers the afternoon" });
    expect(agentBooks.status, agentBooks.text).toBe(201);
    expect(agentBooks.json).toMatchObject({ source: "agent", note: "Prefers the afternoon", contact: { id: second.contactId } });
  });

  it("lets exactly one of two simultaneous requests have a slot", async () => {
    const owner = await createTenant();
    await withBookings(owner);
    const a = (await owner.callWithKey("POST", "/api/contacts", { phone: "+6281311110001" })).json;
    const b = (await owner.callWithKey("POST", "/api/contacts", { phone: "+6281311110002" })).json;
    const slot = (await owner.callWithKey("GET", "/api/bookings/slots")).json.data[0].start;
    const results = await Promise.all([a, b].map((c) => owner.callWithKey("POST", "/api/bookings", { contactId: c.id, start: slot })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM bookings WHERE tenant_id = ? AND status = 'confirmed'").bind(owner.tenant.id).first<{ n: number }>();
    expect(rows!.n).toBe(1);
  });

  it("offers a booking once the flow is complete, and hands over when nothing is free", async () => {
    const owner = await quietTenant();
    await withFlow(owner, { ...realEstate, steps: realEstate.steps.slice(0, 1) });
    await withBookings(owner);
    const c = customer(owner);
    await c.say("Hi");
    const done = await c.say("buy");
    expect(done.reply).toMatch(/^Thank you! That helps us find the right places for you\.\n\nThese times are free:/);

    const full = await quietTenant();
    await withBookings(full, { days: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } });
    const d = customer(full);
    const turn = await d.say("I'd like an appointment");
    expect(turn.outcome).toEqual({ kind: "handoff", reason: "no_availability" });
    expect(turn.reply).toMatch(/no free times/);
  });

  it("validates booking input and keeps tenants apart", async () => {
    const owner = await createTenant();
    const other = await createTenant();
    await withBookings(owner);
    const bad = await owner.callWithKey("POST", "/api/bookings", { contactId: "con_x", start: "tomorrow" });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toContain("start");
    const theirs = (await other.callWithKey("POST", "/api/contacts", { phone: "+6281311110003" })).json;
    const slot = (await owner.callWithKey("GET", "/api/bookings/slots")).json.data[0].start;
    expect((await owner.callWithKey("POST", "/api/bookings", { contactId: theirs.id, start: slot })).status).toBe(404);
    expect((await owner.callWithKey("GET", `/api/contacts/${theirs.id}/qualification`)).status).toBe(404);
  });
});

describe("erasure", () => {
  it("removes what the person told the flow", async () => {
    const owner = await quietTenant();
    await withFlow(owner);
    const c = customer(owner);
    await c.say("Hi");
    await c.say("buy");
    expect((await env.DB.prepare("SELECT count(*) AS n FROM flow_answers WHERE contact_id = ?").bind(c.contactId).first<{ n: number }>())!.n).toBe(1);
    expect((await owner.callWithKey("DELETE", `/api/contacts/${c.contactId}`)).status).toBe(204);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM flow_answers WHERE contact_id = ?").bind(c.contactId).first<{ n: number }>())!.n).toBe(0);
  });
});
