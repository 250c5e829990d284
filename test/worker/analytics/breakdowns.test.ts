// GET /api/analytics/breakdowns: every figure equals counting the stored rows.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { respond } from "../../../worker/ai/responder";
import { createDb } from "../../../worker/db/client";
import { channels, contacts, conversations, creditAccounts, creditLedger, messages } from "../../../worker/db/schema";
import { addKnowledge, ctxWith, quietTenant, storedMessage } from "../helpers/assistant";
import { createTenant, type TenantOwner } from "../helpers/tenants";
import { withinOneWindow } from "../helpers/wait";

const db = createDb(env.DB);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const countOf = async (query: string, ...params: unknown[]) => (await env.DB.prepare(query).bind(...params).first<{ n: number }>())!.n;
const uid = (p: string) => `${p}_${crypto.randomUUID().replace(/-/g, "").slice(0, 26).toUpperCase()}`;
const today = () => new Date().toISOString().slice(0, 10);

async function channelOf(owner: TenantOwner) {
  const id = uid("chn");
  await db.insert(channels).values({ id, tenantId: owner.tenant.id, type: "sandbox", name: "Front desk", createdAt: Date.now(), updatedAt: Date.now() });
  return id;
}

/** A contact with one conversation and the given messages (direction, author, minutes ago). */
async function lead(
  owner: TenantOwner,
  channelId: string,
  opts: { now?: number; score?: number; band?: "cold" | "warm" | "hot"; mode?: "bot" | "human"; status?: "open" | "closed"; lastMessageAt?: number | null; messages?: Array<["inbound" | "outbound", "customer" | "bot" | "agent", number]> },
) {
  const now = opts.now ?? Date.now();
  const contactId = uid("con");
  const conversationId = uid("cnv");
  await db.insert(contacts).values({
    id: contactId,
    tenantId: owner.tenant.id,
    waId: contactId.slice(-12),
    phone: `+${contactId.length}${now}`,
    name: `Lead ${contactId.slice(-4)}`,
    leadScore: opts.score ?? 0,
    leadBand: opts.band ?? "cold",
    lastMessageAt: opts.lastMessageAt ?? null,
    createdAt: now - 60 * DAY,
    updatedAt: now,
  });
  await db.insert(conversations).values({ id: conversationId, tenantId: owner.tenant.id, contactId, channelId, mode: opts.mode ?? "bot", status: opts.status ?? "open", createdAt: now - 60 * DAY, updatedAt: now });
  for (const [direction, author, minutesAgo] of opts.messages ?? []) {
    const at = now - minutesAgo * 60_000;
    const id = uid("msg");
    await db.insert(messages).values({ id, tenantId: owner.tenant.id, conversationId, channelId, direction, author, type: "text", text: "hi", status: direction === "inbound" ? "received" : "sent", providerMessageId: id, createdAt: at, updatedAt: at });
  }
  return { contactId, conversationId };
}

describe("analytics breakdowns", () => {
  it("on real traffic: channels, handoff reasons, customer messages answered, failures by code and rates", () =>
    withinOneWindow(DAY, async () => {
      const owner = await quietTenant();
      const t = owner.tenant.id;
      await addKnowledge(owner, [{ title: "Office hours", content: "We are open Monday to Friday, 08:00 to 16:00. Closed on weekends." }]);
      const answered = await storedMessage(owner, "When is your office open?");
      expect((await respond(ctxWith(), { tenantId: t, conversationId: answered.conversationId, messageIds: [answered.messageId] })).kind).toBe("answered");
      const unknown = await storedMessage(owner, "How much is the villa in Bali?");
      expect(await respond(ctxWith(), { tenantId: t, conversationId: unknown.conversationId, messageIds: [unknown.messageId] })).toEqual({ kind: "handoff", reason: "no_knowledge" });
      const asksForPerson = await storedMessage(owner, "I want to talk to a human please");
      expect(await respond(ctxWith(), { tenantId: t, conversationId: asksForPerson.conversationId, messageIds: [asksForPerson.messageId] })).toEqual({ kind: "handoff", reason: "customer_request" });
      // A second question in the answered conversation, no reply yet.
      await storedMessage(owner, "And on Saturday?", answered.phone);
      // One reply fails at the provider, with its code.
      const failed = (await env.DB.prepare("SELECT id FROM messages WHERE conversation_id = ? AND direction = 'outbound' ORDER BY id LIMIT 1").bind(unknown.conversationId).first<{ id: string }>())!.id;
      await db.update(messages).set({ status: "failed", errorCode: "131047", errorTitle: "Re-engagement message", updatedAt: Date.now() }).where(eq(messages.id, failed));

      const res = await owner.call("GET", "/api/analytics/breakdowns");
      expect(res.status, res.text).toBe(200);
      const bd = res.json;
      const sandbox = (await env.DB.prepare("SELECT id, name, type FROM channels WHERE tenant_id = ?").bind(t).first<{ id: string; name: string; type: string }>())!;
      expect(bd.conversations).toEqual({
        new: 3,
        byChannel: [{ channelId: sandbox.id, name: sandbox.name, type: sandbox.type, count: 3 }],
        handedOff: 2,
        byHandoffReason: [
          { reason: "customer_request", count: 1 },
          { reason: "no_knowledge", count: 1 },
        ],
      });
      const inbound = await countOf("SELECT count(*) AS n FROM messages WHERE tenant_id = ? AND direction = 'inbound'", t);
      const answeredByRows = await countOf(
        "SELECT count(*) AS n FROM messages i WHERE i.tenant_id = ? AND i.direction = 'inbound' AND EXISTS (SELECT 1 FROM messages r WHERE r.conversation_id = i.conversation_id AND r.direction = 'outbound' AND r.author IN ('bot', 'agent') AND r.created_at >= i.created_at)",
        t,
      );
      expect(answeredByRows).toBe(3);
      expect(bd.responsiveness).toEqual({ customerMessages: inbound, answered: answeredByRows, answeredRate: Math.round((answeredByRows / inbound) * 10_000) / 10_000, repliesWhileClosed: null });
      const outbound = await countOf("SELECT count(*) AS n FROM messages WHERE tenant_id = ? AND direction = 'outbound'", t);
      const delivered = await countOf("SELECT count(*) AS n FROM messages WHERE tenant_id = ? AND direction = 'outbound' AND status IN ('delivered', 'read', 'played')", t);
      expect(bd.messages).toEqual({
        outbound,
        delivered,
        read: await countOf("SELECT count(*) AS n FROM messages WHERE tenant_id = ? AND direction = 'outbound' AND status IN ('read', 'played')", t),
        failed: 1,
        deliveryRate: Math.round((delivered / outbound) * 10_000) / 10_000,
        readRate: expect.any(Number),
        failuresByReason: [{ code: "131047", title: "More than 24 hours since the customer last wrote: only a template can re-engage them", count: 1 }],
      });
      expect(bd.range.to).toBe(today());
    }));

  it("the leads as they are now: score bands, hot leads waiting for a person, cold leads", async () => {
    const owner = await createTenant();
    const ch = await channelOf(owner);
    const now = Date.now();
    const waiting = await lead(owner, ch, { now, score: 91, band: "hot", mode: "human", lastMessageAt: now - 30 * 60_000, messages: [["inbound", "customer", 90], ["outbound", "agent", 60], ["inbound", "customer", 40], ["inbound", "customer", 30]] });
    const waitingLonger = await lead(owner, ch, { now, score: 85, band: "hot", mode: "human", lastMessageAt: now - 2 * HOUR, messages: [["inbound", "customer", 120]] });
    await lead(owner, ch, { now, score: 88, band: "hot", mode: "human", lastMessageAt: now - HOUR, messages: [["inbound", "customer", 60], ["outbound", "agent", 10]] }); // answered
    await lead(owner, ch, { now, score: 95, band: "hot", mode: "bot", lastMessageAt: now - HOUR, messages: [["inbound", "customer", 60]] }); // with the bot
    await lead(owner, ch, { now, score: 90, band: "hot", mode: "human", status: "closed", lastMessageAt: now - HOUR, messages: [["inbound", "customer", 60]] }); // closed
    await lead(owner, ch, { now, score: 40, band: "warm", mode: "human", lastMessageAt: now - HOUR, messages: [["inbound", "customer", 60]] }); // not hot
    await lead(owner, ch, { now, score: 12, lastMessageAt: now - 10 * DAY });
    await lead(owner, ch, { now, score: 0, lastMessageAt: now - 40 * DAY });
    await lead(owner, ch, { now, score: 100, lastMessageAt: null }); // never wrote: not cold, not counted

    const bd = (await owner.call("GET", "/api/analytics/breakdowns")).json;
    expect(bd.leads.hotWaiting).toEqual({
      count: 2,
      conversations: [
        { conversationId: waitingLonger.conversationId, contactId: waitingLonger.contactId, name: expect.any(String), phone: expect.any(String), waitingSince: new Date(now - 120 * 60_000).toISOString() },
        { conversationId: waiting.conversationId, contactId: waiting.contactId, name: expect.any(String), phone: expect.any(String), waitingSince: new Date(now - 40 * 60_000).toISOString() },
      ],
    });
    const bands = await env.DB.prepare("SELECT lead_score AS s FROM contacts WHERE tenant_id = ?").bind(owner.tenant.id).all<{ s: number }>();
    const expected = Array.from({ length: 10 }, (_, i) => ({ min: i * 10, max: i === 9 ? 100 : i * 10 + 9, count: bands.results.filter((r) => Math.min(9, Math.floor(r.s / 10)) === i).length }));
    expect(bd.leads.scoreDistribution).toEqual(expected);
    expect(bd.leads.scoreDistribution.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(9);
    expect(bd.leads.cold).toEqual({ days: 7, count: 2 });
    expect((await owner.call("GET", "/api/analytics/breakdowns?coldDays=30")).json.leads.cold).toEqual({ days: 30, count: 1 });
  });

  it("credits per day over the last week and the day they run out at that rate", () =>
    withinOneWindow(DAY, async () => {
      const owner = await createTenant();
      const t = owner.tenant.id;
      const now = Date.now();
      await db.insert(creditAccounts).values({ tenantId: t, plan: "starter", monthlyCredits: 1000, balance: 100, periodStart: now - DAY, updatedAt: now }).onConflictDoUpdate({ target: creditAccounts.tenantId, set: { balance: 100 } });
      // 35 credits in the last week (2 refunded), and 50 more three weeks ago that do not count for the rate.
      for (const [delta, reason, daysAgo] of [[-20, "answer", 1], [-17, "answer", 3], [2, "refund", 3], [-50, "answer", 21]] as const) {
        await db.insert(creditLedger).values({ id: uid("cred"), tenantId: t, delta, reason, reference: uid("res"), balanceAfter: 100, createdAt: now - daysAgo * DAY });
      }
      const bd = (await owner.call("GET", "/api/analytics/breakdowns")).json;
      expect(bd.credits.used).toBe(85);
      expect(bd.credits.balance).toBe(100);
      expect(bd.credits.usedPerDayLastWeek).toBe(5);
      const inDays = new Date(Date.parse(`${today()}T00:00:00Z`) + 20 * DAY).toISOString().slice(0, 10);
      expect(bd.credits.projectedExhaustion).toBe(inDays);
    }));

  it("replies while the business is closed, by its opening hours", async () => {
    const owner = await createTenant();
    const res = await owner.callWithKey("PATCH", "/api/bot-settings", {
      enabled: false,
      businessHours: { enabled: true, timezone: "Asia/Jakarta", days: { mon: [{ start: "09:00", end: "17:00" }], tue: [{ start: "09:00", end: "17:00" }] } },
    });
    expect(res.status, res.text).toBe(200);
    const ch = await channelOf(owner);
    const { conversationId } = await lead(owner, ch, {});
    // Jakarta is UTC+7: Monday 2026-03-02 09:00 local = 02:00Z.
    const at = (iso: string) => Date.parse(iso);
    const replies: Array<["bot" | "agent", number]> = [
      ["bot", at("2026-03-02T02:00:00Z")], // Monday 09:00: open
      ["agent", at("2026-03-02T09:59:00Z")], // Monday 16:59: open
      ["bot", at("2026-03-02T10:00:00Z")], // Monday 17:00: closed
      ["bot", at("2026-03-02T01:59:00Z")], // Monday 08:59: closed
      ["agent", at("2026-03-04T03:00:00Z")], // Wednesday 10:00: no hours that day
    ];
    for (const [author, created] of replies) {
      const id = uid("msg");
      await db.insert(messages).values({ id, tenantId: owner.tenant.id, conversationId, channelId: ch, direction: "outbound", author, type: "text", text: "hi", status: "sent", providerMessageId: id, createdAt: created, updatedAt: created });
    }
    const bd = (await owner.call("GET", "/api/analytics/breakdowns?from=2026-03-01&to=2026-03-07")).json;
    expect(bd.responsiveness.repliesWhileClosed).toEqual({ bot: 2, agent: 1 });
  });

  it("refuses a bad coldDays with a problem naming it, and keeps each tenant's figures to itself", async () => {
    const owner = await quietTenant();
    for (const v of ["0", "366", "abc", "1.5"]) {
      const res = await owner.call("GET", `/api/analytics/breakdowns?coldDays=${v}`);
      expect(res.status, v).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
      expect(res.json.errors.map((e: { path: string }) => e.path)).toContain("coldDays");
    }
    await storedMessage(owner, "Hello there");
    const other = await createTenant();
    const bd = (await other.call("GET", "/api/analytics/breakdowns")).json;
    expect(bd.conversations).toEqual({ new: 0, byChannel: [], handedOff: 0, byHandoffReason: [] });
    expect(bd.responsiveness.customerMessages).toBe(0);
    expect(bd.leads.scoreDistribution.every((b: { count: number }) => b.count === 0)).toBe(true);
    expect(await countOf("SELECT count(*) AS n FROM analytics_breakdowns WHERE tenant_id = ?", owner.tenant.id)).toBeGreaterThan(0);
  });
});
