// The lead score in conversations: a keen customer who never finishes the flow
// ranks above a lukewarm one who does, both with a breakdown that adds up; a
// band change is announced once; silence lowers the score; a hot lead can be
// handed over or assigned; the weights and thresholds are the tenant's.
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { respond } from "../../../worker/ai/responder";
import { PRESETS } from "../../../worker/flows/definition";
import { decayLeadScores, rescoreContact } from "../../../worker/leads/score";
import { addKnowledge, ctxWith, modeOf, quietTenant, storedMessage } from "../helpers/assistant";
import { createTenant, type TenantOwner } from "../helpers/tenants";
import { connectMeta, metaTextPayload, postMeta, signMeta } from "../helpers/channels";
import { eventually } from "../helpers/wait";

const realEstate = PRESETS.find((p) => p.id === "real_estate")!.flow;
const DAY = 86_400_000;

interface Item {
  component: string;
  weight: number;
  value: number;
  points: number;
  detail: string;
}

/** One customer whose every message is stored through the real pipeline and answered by the assistant. */
function customer(owner: TenantOwner, phone: string) {
  let conversationId = "";
  let contactId = "";
  return {
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
      await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId, messageIds: [m.messageId] });
    },
  };
}

const contactOf = async (owner: TenantOwner, id: string) => (await owner.callWithKey("GET", `/api/contacts/${id}`)).json as { leadScore: number; leadBand: string; scoreBreakdown: Item[] };
const sum = (items: Item[]) => items.reduce((n, i) => n + i.points, 0);

function contactEvents(send: { mock: { calls: unknown[][] } }, contactId: string) {
  return send.mock.calls
    .flatMap(([msgs]) => [...(msgs as { body: { type: string; data: { contact: { id: string; leadBand?: string }; changes?: string[]; previousBand?: string } } }[])].map((m) => m.body))
    .filter((e) => e.type === "contact.updated" && e.data.contact.id === contactId && e.data.changes?.includes("leadBand"));
}

describe("ranking leads", () => {
  it("puts a keen customer who never finishes the flow above a lukewarm one who does, with a breakdown for both", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [{ title: "Kemang apartment", content: "The 2-bedroom apartment in Kemang costs 1.2 miliar. Viewings are possible every day." }]);
    expect((await owner.callWithKey("PUT", "/api/bot/flow", realEstate)).status).toBe(200);

    const keen = customer(owner, "+6281300000001");
    await keen.say("Hi! Is the 2 bedroom apartment in Kemang still available?");
    await keen.say("berapa harganya kak?");
    await keen.say("kapan bisa lihat unitnya? besok bisa?");
    await keen.say("mantap, I really like it 😍");

    const lukewarm = customer(owner, "+6281300000002");
    await lukewarm.say("hi");
    await lukewarm.say("rent");
    await lukewarm.say("house");
    await lukewarm.say("Depok");
    await lukewarm.say("300 juta");
    await lukewarm.say("not sure, just looking");
    const q = (await owner.callWithKey("GET", `/api/contacts/${lukewarm.contactId}/qualification`)).json;
    expect(q).toMatchObject({ completed: true, qualificationScore: 45 });

    const k = await contactOf(owner, keen.contactId);
    const l = await contactOf(owner, lukewarm.contactId);
    expect(k.leadScore).toBeGreaterThan(l.leadScore);
    for (const c of [k, l]) {
      expect(sum(c.scoreBreakdown)).toBe(c.leadScore);
      expect(c.scoreBreakdown.map((i) => i.component)).toEqual(["qualification", "engagement", "intent", "sentiment", "booking"]);
      expect(c.scoreBreakdown.reduce((n, i) => n + i.weight, 0)).toBe(100);
    }
    const intent = k.scoreBreakdown.find((i) => i.component === "intent")!;
    expect(intent.detail).toMatch(/price/);
    expect(intent.detail).toMatch(/viewing/);
    expect(intent.detail).toMatch(/availability/);
    const qualification = l.scoreBreakdown.find((i) => i.component === "qualification")!;
    expect(qualification).toMatchObject({ value: 0.45, weight: 30 });
    // 45% of 30 is 13.5: rounded either way so that the items add up to the score.
    expect([13, 14]).toContain(qualification.points);

    // The list sorted by score ranks them the same way.
    const ranked = (await owner.callWithKey("GET", "/api/contacts?sort=score")).json.data.map((c: { id: string }) => c.id);
    expect(ranked.indexOf(keen.contactId)).toBeLessThan(ranked.indexOf(lukewarm.contactId));

    // Each customer message keeps its sentiment.
    const msgs = (await owner.callWithKey("GET", `/api/conversations/${keen.conversationId}/messages`)).json.data;
    const inbound = msgs.filter((m: { direction: string }) => m.direction === "inbound");
    expect(inbound[0]).toMatchObject({ text: "mantap, I really like it 😍", sentiment: { label: "positive" } });
    expect(inbound.every((m: { sentiment: unknown }) => m.sentiment !== null)).toBe(true);
    expect(msgs.filter((m: { direction: string }) => m.direction === "outbound").every((m: { sentiment: unknown }) => m.sentiment === null)).toBe(true);
  });

  it("weighs with the my21staff preset: basic info, qualification, documents and engagement", async () => {
    const owner = await quietTenant();
    const res = await owner.callWithKey("PATCH", "/api/bot-settings", { scoring: { preset: "my21staff" } });
    expect(res.status, res.text).toBe(200);
    expect(res.json.scoring).toMatchObject({ preset: "my21staff", bands: { warm: 40, hot: 70 } });
    const m = await storedMessage(owner, "halo, saya Budi, berapa harganya?");
    const c = await contactOf(owner, m.contactId);
    expect(c.scoreBreakdown.map((i) => [i.component, i.weight])).toEqual([
      ["qualification", 34],
      ["engagement", 10],
      ["basicInfo", 26],
      ["documents", 31],
    ]);
    expect(sum(c.scoreBreakdown)).toBe(c.leadScore);
    // A buying signal counts for nothing under these weights; the message does count as engagement.
    expect(c.scoreBreakdown.find((i) => i.component === "engagement")!.points).toBeGreaterThan(0);
  });

  it("refuses bad scoring settings, naming the field", async () => {
    const owner = await createTenant();
    for (const [body, path] of [
      [{ scoring: { bands: { warm: 80, hot: 70 } } }, "scoring.bands.warm"],
      [{ scoring: { preset: "custom", weights: { qualification: 0, engagement: 0, intent: 0, sentiment: 0, booking: 0 } } }, "scoring.weights"],
      [{ scoring: { onHot: "assign" } }, "scoring.assignTo"],
      [{ scoring: { weights: { intent: 101 } } }, "scoring.weights.intent"],
    ] as const) {
      const res = await owner.callWithKey("PATCH", "/api/bot-settings", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await owner.callWithKey("GET", "/api/bot-settings")).json.scoring.bands).toEqual({ warm: 40, hot: 70 });
  });
});

describe("bands", () => {
  it("announces a band change once, however many messages keep it there, and decays with silence", async () => {
    const owner = await quietTenant();
    expect((await owner.callWithKey("PATCH", "/api/bot-settings", { scoring: { bands: { warm: 20, hot: 45 } } })).status).toBe(200);
    const send = vi.spyOn(env.EVENTS_QUEUE, "sendBatch");
    const phone = "+6281300000009";
    const first = await storedMessage(owner, "is the house still available? how much is it?", phone);
    await storedMessage(owner, "when can I come for a viewing? tomorrow?", phone);
    await storedMessage(owner, "great, I want to buy it, thanks!", phone);
    const hot = await contactOf(owner, first.contactId);
    expect(hot.leadBand).toBe("hot");
    await storedMessage(owner, "also can I pay in installments?", phone);
    await storedMessage(owner, "kapan bisa survei? 🙏", phone);
    expect((await contactOf(owner, first.contactId)).leadBand).toBe("hot");

    const bands = contactEvents(send, first.contactId).map((e) => [e.data.previousBand, e.data.contact.leadBand]);
    expect(bands.filter(([, to]) => to === "hot")).toHaveLength(1);
    expect(bands.at(-1)).toEqual([expect.any(String), "hot"]);

    // Ten quiet days later the daily run lowers it; two runs at once announce the drop once.
    const later = { ...ctxWith(), now: () => Date.now() + 10 * DAY };
    await Promise.all([decayLeadScores(later), decayLeadScores(later)]);
    const cooled = await contactOf(owner, first.contactId);
    expect(cooled.leadScore).toBeLessThan(hot.leadScore);
    expect(cooled.leadBand).not.toBe("hot");
    expect(sum(cooled.scoreBreakdown)).toBe(cooled.leadScore);
    expect(cooled.scoreBreakdown.find((i) => i.component === "engagement")!.detail).toMatch(/last message 10 days ago/);
    const drops = contactEvents(send, first.contactId).filter((e) => e.data.previousBand === "hot");
    expect(drops).toHaveLength(1);

    // Recomputed already today: the next run leaves it alone.
    const again = await decayLeadScores(later);
    expect(again).toBe(0);
    send.mockRestore();
  });

  it("hands a hot lead to a human when the tenant asks for it", async () => {
    const owner = await createTenant();
    expect((await owner.callWithKey("PATCH", "/api/bot-settings", { enabled: false, scoring: { bands: { warm: 10, hot: 30 }, onHot: "handoff" } })).status).toBe(200);
    const phone = "+6281300000010";
    await storedMessage(owner, "how much is it and is it still available?", phone);
    const m = await storedMessage(owner, "when can I see it? I want to buy, thanks!", phone);
    expect((await contactOf(owner, m.contactId)).leadBand).toBe("hot");
    expect(await modeOf(m.conversationId)).toBe("human");
  });

  it("assigns a hot lead to the chosen member, and never takes a conversation someone has", async () => {
    const owner = await quietTenant();
    expect((await owner.callWithKey("PATCH", "/api/bot-settings", { scoring: { bands: { warm: 10, hot: 30 }, onHot: "assign", assignTo: owner.user.id } })).status).toBe(200);
    const phone = "+6281300000011";
    await storedMessage(owner, "how much is it and is it still available?", phone);
    const m = await storedMessage(owner, "when can I see it? I want to buy, thanks!", phone);
    expect((await owner.callWithKey("GET", `/api/conversations/${m.conversationId}`)).json.assignedTo).toBe(owner.user.id);
  });

  it("counts a message delivered twice by the provider once", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    const { payload, id } = metaTextPayload(channel, { text: "berapa harganya? masih ada?" });
    const raw = JSON.stringify(payload);
    const signature = await signMeta(channel.appSecret, raw);
    expect((await postMeta(channel.id, raw, signature)).status).toBe(200);
    const row = await eventually(async () => {
      const r = await env.DB.prepare("SELECT m.sentiment_label, c.id AS contact_id, c.lead_state FROM messages m JOIN conversations v ON v.id = m.conversation_id JOIN contacts c ON c.id = v.contact_id WHERE m.provider_message_id = ?")
        .bind(id)
        .first<{ sentiment_label: string; contact_id: string; lead_state: string | null }>();
      if (!r?.lead_state) throw new Error("not scored yet");
      return r;
    });
    expect(row.sentiment_label).toBe("neutral");
    // The same delivery again (Meta retries): stored once, counted once.
    expect((await postMeta(channel.id, raw, signature)).status).toBe(200);
    const probe = metaTextPayload(channel, { from: payload.entry[0]!.changes[0]!.value.messages[0]!.from, text: "ok" });
    const probeRaw = JSON.stringify(probe.payload);
    expect((await postMeta(channel.id, probeRaw, await signMeta(channel.appSecret, probeRaw))).status).toBe(200);
    const state = await eventually(async () => {
      const s = JSON.parse((await env.DB.prepare("SELECT lead_state FROM contacts WHERE id = ?").bind(row.contact_id).first<{ lead_state: string }>())!.lead_state) as { sentimentCount: number; intent: number };
      if (s.sentimentCount < 2) throw new Error("the second message is not scored yet");
      return s;
    });
    expect(state.sentimentCount).toBe(2);
    expect(state.intent).toBeCloseTo(2, 1);
  });

  it("counts a booking, and keeps tenants apart", async () => {
    const owner = await quietTenant();
    const other = await quietTenant();
    const m = await storedMessage(owner, "hello");
    const before = await contactOf(owner, m.contactId);
    expect(before.scoreBreakdown.find((i) => i.component === "booking")).toMatchObject({ points: 0, detail: "no booking" });
    await env.DB.prepare("INSERT INTO bookings (id, tenant_id, contact_id, starts_at, ends_at, status, source, created_at, updated_at) VALUES ('bkg_score1', ?, ?, ?, ?, 'confirmed', 'agent', ?, ?)")
      .bind(owner.tenant.id, m.contactId, Date.now() + DAY, Date.now() + DAY + 1800_000, Date.now(), Date.now())
      .run();
    // Another tenant cannot rescore it, and the contact is theirs alone.
    expect(await rescoreContact(ctxWith(), other.tenant.id, m.contactId)).toBeNull();
    expect((await other.callWithKey("GET", `/api/contacts/${m.contactId}`)).status).toBe(404);
    const result = await rescoreContact(ctxWith(), owner.tenant.id, m.contactId);
    expect(result!.breakdown.find((i) => i.component === "booking")).toMatchObject({ value: 1, points: 10, detail: "1 confirmed booking" });
    expect((await contactOf(owner, m.contactId)).leadScore).toBe(before.leadScore + 10);
  });
});
