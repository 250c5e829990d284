// The rollups kept by the triggers as rows are written must equal the ones
// rebuilt from the raw rows, and both must equal counting the raw rows by
// hand in the tenant's time zone — on random data around a DST change.
import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../../../worker/db/client";
import { bookings, channels, contacts, conversations, creditLedger, flowAnswers, knowledgeGaps, messages } from "../../../worker/db/schema";
import { createTenant, type TenantOwner } from "../helpers/tenants";

const db = createDb(env.DB);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TZ = "America/New_York";
// Clocks change in New York on 2026-03-08; the data spans 2026-03-02 .. 2026-03-13 local.
const START = Date.UTC(2026, 2, 2, 5, 0);

/** Deterministic PRNG (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const localDate = (at: number) => new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(at));

interface Msg {
  id: string;
  conversationId: string;
  direction: "inbound" | "outbound";
  author: "customer" | "bot" | "agent" | "campaign";
  status: string;
  errorCode: string | null;
  createdAt: number;
  sources: boolean;
}

const REASONS = ["customer_request", "no_knowledge", "outside_business_hours", null] as const;
const CODES = ["131026", "131047", null] as const;

/** Random traffic written row by row like the app does (inserts, status updates, handoffs, closes, stage changes). */
async function generate(tenantId: string, seed: number) {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const uid = (p: string) => `${p}_${crypto.randomUUID().replace(/-/g, "").slice(0, 26).toUpperCase()}`;
  const channelIds = [uid("chn"), uid("chn")];
  for (const [i, id] of channelIds.entries()) await db.insert(channels).values({ id, tenantId, type: "sandbox", name: `Sandbox ${i}`, createdAt: START, updatedAt: START });
  const model = {
    msgs: [] as Msg[],
    convs: [] as Array<{ createdAt: number; handedOff: boolean; closed: boolean; channelId: string; reason: string | null }>,
    contacts: [] as Array<{ createdAt: number; qualifiedAt: number | null; askedAt: number | null; answeredAt: number | null }>,
    bookings: [] as Array<{ createdAt: number; confirmed: boolean }>,
    gaps: [] as number[],
    credits: [] as Array<{ at: number; used: number }>,
  };
  for (let c = 0; c < 30; c++) {
    const created = START + Math.floor(r() * 11 * DAY);
    const contactId = uid("con");
    // Some arrive already qualified (an import, or a stage set by hand when the contact is created).
    const arrives = r();
    const stage = arrives < 0.1 ? "qualified" : "new";
    const qualifiedAt = arrives >= 0.1 && arrives < 0.2 ? created + HOUR : null;
    await db.insert(contacts).values({ id: contactId, tenantId, waId: `62812${seed}${c}`, phone: `+62812${seed}${c}`, stage, qualifiedAt, createdAt: created, updatedAt: created });
    const contact = { createdAt: created, qualifiedAt: stage === "qualified" ? created : qualifiedAt, askedAt: null as number | null, answeredAt: null as number | null };
    model.contacts.push(contact);
    const conversationId = uid("cnv");
    const channelId = pick(channelIds);
    await db.insert(conversations).values({ id: conversationId, tenantId, contactId, channelId, createdAt: created, updatedAt: created });
    const conv = { createdAt: created, handedOff: false, closed: false, channelId, reason: null as string | null };
    model.convs.push(conv);
    let t = created;
    const turns = 1 + Math.floor(r() * 8);
    for (let i = 0; i < turns; i++) {
      t += 1 + Math.floor(r() * 6 * HOUR);
      const kind = pick(["in", "in", "in", "bot", "bot", "agent", "campaign"] as const);
      const direction = kind === "in" ? "inbound" : "outbound";
      const author = kind === "in" ? "customer" : kind;
      const status = kind === "in" ? "received" : "queued";
      const sources = kind === "bot" && r() < 0.6;
      const m: Msg = { id: uid("msg"), conversationId, direction, author, status, errorCode: null, createdAt: t, sources };
      const row = {
        id: m.id,
        tenantId,
        conversationId,
        channelId,
        direction,
        author,
        type: "text",
        text: "hi",
        payload: sources ? { sources: ["kb_1"] } : kind === "bot" ? { sources: [] } : null,
        status: status as "received",
        providerMessageId: `wamid.${m.id}`,
        createdAt: t,
        updatedAt: t,
      } as const;
      await db.insert(messages).values(row);
      // A redelivered webhook or a retried job writes the same message again: stored once, counted once.
      if (r() < 0.3) await db.insert(messages).values({ ...row, id: uid("msg") }).onConflictDoNothing();
      model.msgs.push(m);
      if (kind === "in" && r() < 0.3) {
        await db.insert(knowledgeGaps).values({ id: uid("gap"), tenantId, conversationId, messageId: m.id, question: "q", normalized: "q", createdAt: t });
        model.gaps.push(t);
      }
      if (kind === "bot" && sources) {
        const ref = uid("res");
        await db.insert(creditLedger).values({ id: uid("cred"), tenantId, delta: -2, reason: "answer", reference: ref, balanceAfter: 100, createdAt: t });
        model.credits.push({ at: t, used: 2 });
        if (r() < 0.2) {
          const at = t + Math.floor(r() * HOUR);
          await db.insert(creditLedger).values({ id: uid("cred"), tenantId, delta: 2, reason: "refund", reference: ref, balanceAfter: 102, createdAt: at });
          model.credits.push({ at, used: -2 });
        }
      }
      if (direction === "outbound") {
        // Statuses arrive later, some skip a step, some fail, some repeat.
        for (const next of r() < 0.15 ? ["failed"] : ["sent", "delivered", "read"].slice(0, Math.floor(r() * 4))) {
          const errorCode = next === "failed" ? pick(CODES) : null;
          await db.update(messages).set({ status: next as "sent", errorCode, updatedAt: t + HOUR }).where(eq(messages.id, m.id));
          if (r() < 0.2) await db.update(messages).set({ status: next as "sent", errorCode, updatedAt: t + HOUR }).where(eq(messages.id, m.id));
          m.status = next;
          m.errorCode = errorCode;
        }
        // A failure's code can arrive after its status.
        if (m.status === "failed" && r() < 0.3) {
          m.errorCode = pick(CODES);
          await db.update(messages).set({ errorCode: m.errorCode, updatedAt: t + 2 * HOUR }).where(eq(messages.id, m.id));
        }
      }
      if (!conv.handedOff && r() < 0.1) {
        // The assistant's handoff names its reason; a person taking over does not.
        const reason = pick(REASONS);
        await db.update(conversations).set({ mode: "human", handoffReason: reason, updatedAt: t }).where(eq(conversations.id, conversationId));
        conv.handedOff = true;
        conv.reason = reason;
        if (r() < 0.5) await db.update(conversations).set({ mode: "bot", updatedAt: t + 1 }).where(eq(conversations.id, conversationId));
      }
    }
    if (r() < 0.4) {
      await db.update(conversations).set({ status: "closed", updatedAt: t + 1 }).where(eq(conversations.id, conversationId));
      conv.closed = true;
      if (r() < 0.3) {
        await db.update(conversations).set({ status: "open", updatedAt: t + 2 }).where(eq(conversations.id, conversationId));
        conv.closed = false;
      }
    }
    // The qualification flow: asked once (the first question), answered (the first answer counts).
    if (r() < 0.6) {
      const asked = created + Math.floor(r() * DAY);
      await db.update(contacts).set({ flowAskedAt: asked }).where(eq(contacts.id, contactId));
      contact.askedAt = asked;
      for (const [k, step] of ["budget", "area"].entries()) {
        if (r() < 0.5) continue;
        const at = asked + (k + 1) * HOUR + Math.floor(r() * 10 * HOUR);
        await db.insert(flowAnswers).values({ tenantId, contactId, stepKey: step, answer: "x", value: "x", points: 1, answeredAt: at });
        contact.answeredAt = contact.answeredAt === null ? at : contact.answeredAt;
      }
    }
    if (contact.qualifiedAt === null && r() < 0.4) {
      const at = created + Math.floor(r() * 2 * DAY);
      await db.update(contacts).set({ stage: "qualified", updatedAt: at }).where(eq(contacts.id, contactId));
      contact.qualifiedAt = at;
      // Moving on to another stage later does not un-qualify the lead.
      if (r() < 0.5) await db.update(contacts).set({ stage: "customer", updatedAt: at + 5 }).where(eq(contacts.id, contactId));
    }
    if (r() < 0.3) {
      const id = uid("bkg");
      const at = t + 10;
      await db.insert(bookings).values({ id, tenantId, contactId, conversationId, startsAt: at + 3 * DAY + c * HOUR, endsAt: at + 3 * DAY + c * HOUR + HOUR, status: "confirmed", source: "bot", createdAt: at, updatedAt: at });
      const b = { createdAt: at, confirmed: true };
      if (r() < 0.3) {
        await db.update(bookings).set({ status: "cancelled", cancelledAt: at + 20, updatedAt: at + 20 }).where(eq(bookings.id, id));
        b.confirmed = false;
      }
      model.bookings.push(b);
    }
  }
  return model;
}

type Model = Awaited<ReturnType<typeof generate>>;

/** The same figures counted by hand from the model, per local day. */
function expectedSeries(model: Model, metric: string, dates: string[]) {
  const out = new Map(dates.map((d) => [d, 0]));
  const add = (at: number, n = 1) => {
    const d = localDate(at);
    if (out.has(d)) out.set(d, out.get(d)! + n);
  };
  const out_ = (m: Msg) => m.direction === "outbound";
  for (const m of model.msgs) {
    const hit: Record<string, boolean> = {
      "messages.inbound": m.direction === "inbound",
      "messages.outbound.bot": out_(m) && m.author === "bot",
      "messages.outbound.agent": out_(m) && m.author === "agent",
      "messages.outbound.campaign": out_(m) && m.author === "campaign",
      "messages.delivered": out_(m) && ["delivered", "read"].includes(m.status),
      "messages.read": out_(m) && m.status === "read",
      "messages.failed": out_(m) && m.status === "failed",
      "campaigns.sent": m.author === "campaign" && ["sent", "delivered", "read"].includes(m.status),
      "campaigns.delivered": m.author === "campaign" && ["delivered", "read"].includes(m.status),
      "campaigns.read": m.author === "campaign" && m.status === "read",
      "assistant.answered": m.author === "bot" && m.sources,
    };
    if (hit[metric]) add(m.createdAt);
  }
  if (metric === "campaigns.replied") {
    for (const c of model.msgs.filter((m) => m.author === "campaign")) {
      const conv = model.msgs.filter((m) => m.conversationId === c.conversationId);
      const next = conv.find((m) => m.author === "campaign" && m.createdAt > c.createdAt)?.createdAt ?? Infinity;
      if (conv.some((m) => m.direction === "inbound" && m.createdAt >= c.createdAt && m.createdAt < next)) add(c.createdAt);
    }
  }
  for (const c of model.convs) {
    if (metric === "conversations.new") add(c.createdAt);
    if (metric === "conversations.handedOff" && c.handedOff) add(c.createdAt);
    if (metric === "conversations.botOnly" && !c.handedOff) add(c.createdAt);
    if (metric === "conversations.closed" && c.closed) add(c.createdAt);
  }
  for (const c of model.contacts) {
    if (metric === "leads.newContacts") add(c.createdAt);
    if (metric === "leads.qualified" && c.qualifiedAt !== null) add(c.qualifiedAt);
  }
  for (const b of model.bookings) if (metric === "leads.booked" && b.confirmed) add(b.createdAt);
  for (const g of model.gaps) if (metric === "assistant.unanswered") add(g);
  for (const c of model.credits) if (metric === "credits.used") add(c.at, c.used);
  return dates.map((d) => ({ date: d, value: out.get(d)! }));
}

/** Response times counted by hand: a bot reply answers the customer messages since the previous reply; a person's, those since the previous person's reply. */
function expectedPercentiles(model: Model, kind: "bot" | "human", from: number, to: number) {
  const samples: number[] = [];
  const byConv = new Map<string, Msg[]>();
  for (const m of model.msgs) byConv.set(m.conversationId, [...(byConv.get(m.conversationId) ?? []), m]);
  for (const conv of byConv.values()) {
    // Waiting for any reply (the bot's clock) and for a person's reply (the people's clock).
    let waitingForAny: number | null = null;
    let waitingForPerson: number | null = null;
    for (const m of conv) {
      if (m.direction === "inbound") {
        waitingForAny ??= m.createdAt;
        waitingForPerson ??= m.createdAt;
      } else if (m.author === "bot" || m.author === "agent") {
        const since = m.author === "bot" ? waitingForAny : waitingForPerson;
        if (since !== null && (m.author === "bot") === (kind === "bot") && m.createdAt >= from && m.createdAt < to) samples.push(m.createdAt - since);
        waitingForAny = null;
        if (m.author === "agent") waitingForPerson = null;
      }
    }
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => (samples.length ? samples[Math.ceil(p * samples.length) - 1]! : null);
  return [at(0.5), at(0.9)];
}

async function snapshot(tenantId: string) {
  const buckets = await db.all<Record<string, number>>(sql`SELECT * FROM analytics_buckets WHERE tenant_id = ${tenantId} ORDER BY bucket`);
  const nonZero = buckets.filter((b) => Object.entries(b).some(([k, v]) => k !== "tenant_id" && k !== "bucket" && v !== 0));
  const times = await db.all(sql`SELECT message_id, kind, at, ms, ms_bucket FROM analytics_response_times WHERE tenant_id = ${tenantId} ORDER BY message_id`);
  const histogram = await db.all(sql`SELECT kind, span, start, ms_bucket, n FROM analytics_response_histogram WHERE tenant_id = ${tenantId} AND n != 0 ORDER BY kind, span, start, ms_bucket`);
  const breakdowns = await db.all(sql`SELECT dimension, bucket, key, n FROM analytics_breakdowns WHERE tenant_id = ${tenantId} AND n != 0 ORDER BY dimension, bucket, key`);
  return { buckets: nonZero, times, histogram, breakdowns };
}

async function tenantIn(timezone: string): Promise<TenantOwner> {
  const owner = await createTenant();
  const res = await owner.callWithKey("PATCH", "/api/bot-settings", { enabled: false, businessHours: { timezone } });
  expect(res.status, res.text).toBe(200);
  return owner;
}

const DATES = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2026, 2, 2 + i)).toISOString().slice(0, 10));

describe("analytics rollups", () => {
  for (const seed of [11, 29]) {
    it(`kept incrementally, they equal the rebuild and a count by hand (seed ${seed})`, async () => {
      const owner = await tenantIn(TZ);
      const model = await generate(owner.tenant.id, seed);

      const incremental = await snapshot(owner.tenant.id);
      expect(incremental.buckets.length).toBeGreaterThan(10);
      const rebuilt = await owner.callWithKey("POST", "/api/analytics/rebuild");
      expect(rebuilt.status, rebuilt.text).toBe(200);
      expect(await snapshot(owner.tenant.id)).toEqual(incremental);

      for (const metric of [
        "conversations.new",
        "conversations.botOnly",
        "conversations.handedOff",
        "conversations.closed",
        "messages.inbound",
        "messages.outbound.bot",
        "messages.outbound.agent",
        "messages.outbound.campaign",
        "messages.delivered",
        "messages.read",
        "messages.failed",
        "assistant.answered",
        "assistant.unanswered",
        "leads.newContacts",
        "leads.qualified",
        "leads.booked",
        "campaigns.sent",
        "campaigns.delivered",
        "campaigns.read",
        "campaigns.replied",
        "credits.used",
      ]) {
        const res = await owner.callWithKey("GET", `/api/analytics/timeseries?metric=${metric}&from=2026-03-02&to=2026-03-13`);
        expect(res.status, res.text).toBe(200);
        expect(res.json, metric).toEqual({ metric, data: expectedSeries(model, metric, DATES) });
      }

      const overview = await owner.callWithKey("GET", "/api/analytics/overview?from=2026-03-02&to=2026-03-13");
      expect(overview.status, overview.text).toBe(200);
      const sum = (metric: string) => expectedSeries(model, metric, DATES).reduce((n, p) => n + p.value, 0);
      const from = Date.parse("2026-03-02T05:00:00Z"); // midnight in New York (EST)
      const to = Date.parse("2026-03-14T04:00:00Z"); // midnight after the 13th (EDT)
      const [botP50Ms, botP90Ms] = expectedPercentiles(model, "bot", from, to);
      const [humanP50Ms, humanP90Ms] = expectedPercentiles(model, "human", from, to);
      expect(overview.json.current).toEqual({
        conversations: { new: sum("conversations.new"), botOnly: sum("conversations.botOnly"), handedOff: sum("conversations.handedOff"), closed: sum("conversations.closed") },
        messages: {
          inbound: sum("messages.inbound"),
          outbound: { bot: sum("messages.outbound.bot"), agent: sum("messages.outbound.agent"), campaign: sum("messages.outbound.campaign") },
          delivered: sum("messages.delivered"),
          read: sum("messages.read"),
          failed: sum("messages.failed"),
        },
        responseTimes: { botP50Ms, botP90Ms, humanP50Ms, humanP90Ms },
        assistant: { answered: sum("assistant.answered"), unanswered: sum("assistant.unanswered") },
        leads: { newContacts: sum("leads.newContacts"), qualified: sum("leads.qualified"), booked: sum("leads.booked") },
        campaigns: { sent: sum("campaigns.sent"), delivered: sum("campaigns.delivered"), read: sum("campaigns.read"), replied: sum("campaigns.replied") },
        credits: { used: sum("credits.used") },
      });
      // The random mix exercises every kind of row.
      const cur = overview.json.current;
      for (const n of [cur.conversations.handedOff, cur.conversations.closed, cur.messages.failed, cur.messages.read, cur.campaigns.replied, cur.leads.qualified, cur.leads.booked, cur.credits.used, cur.assistant.unanswered])
        expect(n).toBeGreaterThan(0);
      expect(cur.responseTimes.humanP50Ms).not.toBeNull();
      expect(overview.json.range).toEqual({ from: "2026-03-02", to: "2026-03-13" });
      expect(overview.json.previous.messages.inbound).toBe(0);
      expect(overview.json.previous.responseTimes.botP50Ms).toBeNull();

      // The breakdowns of the same range, counted by hand from the rows written.
      const inRange = (at: number) => at >= from && at < to;
      const tally = (keys: string[]) =>
        [...keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>())]
          .map(([key, count]) => ({ key, count }))
          .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
      const replies = (conv: string) => model.msgs.filter((m) => m.conversationId === conv && m.direction === "outbound" && (m.author === "bot" || m.author === "agent"));
      const inbound = model.msgs.filter((m) => m.direction === "inbound" && inRange(m.createdAt));
      const answered = inbound.filter((m) => replies(m.conversationId).some((r) => r.createdAt >= m.createdAt)).length;
      const outbound = sum("messages.outbound.bot") + sum("messages.outbound.agent") + sum("messages.outbound.campaign");
      const share = (a: number, b: number) => (b ? Math.round((a / b) * 10_000) / 10_000 : null);
      const bd = await owner.callWithKey("GET", "/api/analytics/breakdowns?from=2026-03-02&to=2026-03-13");
      expect(bd.status, bd.text).toBe(200);
      expect(bd.json.conversations.byChannel.map((c: { channelId: string; count: number }) => ({ key: c.channelId, count: c.count }))).toEqual(
        tally(model.convs.filter((c) => inRange(c.createdAt)).map((c) => c.channelId)),
      );
      expect(bd.json.conversations.byHandoffReason.map((h: { reason: string; count: number }) => ({ key: h.reason, count: h.count }))).toEqual(
        tally(model.convs.filter((c) => c.handedOff && inRange(c.createdAt)).map((c) => c.reason ?? "agent")),
      );
      expect(bd.json.messages.failuresByReason.map((f: { code: string | null; count: number }) => ({ key: f.code ?? "", count: f.count }))).toEqual(
        tally(model.msgs.filter((m) => m.direction === "outbound" && m.status === "failed" && inRange(m.createdAt)).map((m) => m.errorCode ?? "")),
      );
      expect(bd.json.messages).toMatchObject({ outbound, delivered: sum("messages.delivered"), read: sum("messages.read"), failed: sum("messages.failed"), deliveryRate: share(sum("messages.delivered"), outbound), readRate: share(sum("messages.read"), outbound) });
      expect(bd.json.responsiveness).toMatchObject({ customerMessages: inbound.length, answered, answeredRate: share(answered, inbound.length) });
      expect(bd.json.leads.funnel).toEqual({
        asked: model.contacts.filter((c) => c.askedAt !== null && inRange(c.askedAt)).length,
        answered: model.contacts.filter((c) => c.answeredAt !== null && inRange(c.answeredAt)).length,
        qualified: sum("leads.qualified"),
        booked: sum("leads.booked"),
      });
      // The random mix exercises every breakdown.
      expect(bd.json.conversations.byChannel).toHaveLength(2);
      expect(bd.json.conversations.byHandoffReason.length).toBeGreaterThan(1);
      expect(bd.json.messages.failuresByReason.length).toBeGreaterThan(1);
      expect(answered).toBeGreaterThan(0);
      expect(answered).toBeLessThan(inbound.length);
      expect(bd.json.leads.funnel.answered).toBeGreaterThan(0);
    });
  }

  it("counts a day by the tenant's midnight, not UTC's", async () => {
    const owner = await tenantIn("Asia/Jakarta");
    await generate(owner.tenant.id, 5);
    const jakarta = await owner.callWithKey("GET", "/api/analytics/timeseries?metric=messages.inbound&from=2026-03-02&to=2026-03-13");
    const rows = await db.all<{ created_at: number }>(sql`SELECT created_at FROM messages WHERE tenant_id = ${owner.tenant.id} AND direction = 'inbound'`);
    const byDay = new Map<string, number>();
    for (const r of rows) {
      const d = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta" }).format(new Date(r.created_at));
      byDay.set(d, (byDay.get(d) ?? 0) + 1);
    }
    expect(jakarta.json.data).toEqual(DATES.map((date) => ({ date, value: byDay.get(date) ?? 0 })));
  });

  it("deleting a tenant's messages takes them out of the counts", async () => {
    const owner = await tenantIn(TZ);
    await generate(owner.tenant.id, 7);
    // Replies of half the conversations go first: their customer messages are no longer answered.
    await db.run(sql`DELETE FROM messages WHERE tenant_id = ${owner.tenant.id} AND direction = 'outbound' AND author IN ('bot', 'agent') AND conversation_id IN (SELECT id FROM conversations WHERE tenant_id = ${owner.tenant.id} ORDER BY id LIMIT 15)`);
    const incremental = await snapshot(owner.tenant.id);
    expect(incremental.buckets.some((b) => (b.messages_answered ?? 0) > 0)).toBe(true);
    expect((await owner.callWithKey("POST", "/api/analytics/rebuild")).status).toBe(200);
    expect(await snapshot(owner.tenant.id)).toEqual(incremental);
    await db.run(sql`DELETE FROM messages WHERE tenant_id = ${owner.tenant.id} AND direction = 'inbound'`);
    const after = await snapshot(owner.tenant.id);
    expect(after.buckets.every((b) => b.messages_inbound === 0 && b.messages_answered === 0)).toBe(true);
  });
});
