// The analytics API on real traffic: what the assistant answered, what it could
// not, handoffs and an agent's reply, counted the way the owner would count them.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { respond } from "../../../worker/ai/responder";
import { addKnowledge, ctxWith, quietTenant, storedMessage } from "../helpers/assistant";
import { expectTenantIsolation } from "../helpers/isolation";
import type { TenantOwner } from "../helpers/tenants";
import { withinOneWindow } from "../helpers/wait";

const DAY = 24 * 3600_000;

const HOURS = { title: "Office hours", content: "We are open Monday to Friday, 08:00 to 16:00. Closed on weekends." };

async function traffic(owner: TenantOwner) {
  await addKnowledge(owner, [HOURS]);
  const answered = await storedMessage(owner, "When is your office open?");
  expect((await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId: answered.conversationId, messageIds: [answered.messageId] })).kind).toBe("answered");
  const unknown1 = await storedMessage(owner, "How much is the villa in Bali?");
  expect(await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId: unknown1.conversationId, messageIds: [unknown1.messageId] })).toEqual({ kind: "handoff", reason: "no_knowledge" });
  const unknown2 = await storedMessage(owner, "how much is the VILLA in bali");
  expect(await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId: unknown2.conversationId, messageIds: [unknown2.messageId] })).toEqual({ kind: "handoff", reason: "no_knowledge" });
  const reply = await owner.callWithKey("POST", `/api/conversations/${unknown1.conversationId}/messages`, { text: "Hi, this is Dana. The villa is IDR 5 billion." });
  expect(reply.status, reply.text).toBe(201);
  return { answered, unknown1, unknown2 };
}

const countOf = async (query: string, ...params: unknown[]) => (await env.DB.prepare(query).bind(...params).first<{ n: number }>())!.n;

describe("analytics API", () => {
  it("the overview counts what happened, the previous period is empty, and each series adds up to it", () =>
    withinOneWindow(DAY, async () => {
      const owner = await quietTenant();
      const { unknown1, unknown2 } = await traffic(owner);
      const res = await owner.call("GET", "/api/analytics/overview");
      expect(res.status, res.text).toBe(200);
      const t = owner.tenant.id;
      const outboundIn = (statuses: string) => countOf(`SELECT count(*) AS n FROM messages WHERE tenant_id = ? AND direction = 'outbound' AND status IN (${statuses})`, t);
      expect(res.json.current).toEqual({
        conversations: { new: 3, botOnly: 1, handedOff: 2, closed: 0 },
        messages: {
          inbound: 3,
          outbound: { bot: 3, agent: 1, campaign: 0 },
          delivered: await outboundIn("'delivered', 'read', 'played'"),
          read: await outboundIn("'read', 'played'"),
          failed: await outboundIn("'failed'"),
        },
        responseTimes: {
          botP50Ms: expect.any(Number),
          botP90Ms: expect.any(Number),
          humanP50Ms: expect.any(Number),
          humanP90Ms: expect.any(Number),
        },
        assistant: { answered: 1, unanswered: 2 },
        leads: { newContacts: 3, qualified: 0, booked: 0 },
        campaigns: { sent: 0, delivered: 0, read: 0, replied: 0 },
        credits: { used: 1 },
      });
      const waited = await countOf(
        "SELECT r.created_at - i.created_at AS n FROM messages r JOIN messages i ON i.conversation_id = r.conversation_id AND i.direction = 'inbound' WHERE r.conversation_id = ? AND r.author = 'agent'",
        unknown1.conversationId,
      );
      expect(res.json.current.responseTimes.humanP50Ms).toBe(waited);
      expect(res.json.previous.messages.inbound).toBe(0);
      expect(res.json.previous.responseTimes).toEqual({ botP50Ms: null, botP90Ms: null, humanP50Ms: null, humanP90Ms: null });
      expect(res.json.range.to).toBe(new Date().toISOString().slice(0, 10));

      const series = await owner.call("GET", `/api/analytics/timeseries?metric=messages.outbound.bot&from=${res.json.range.from}&to=${res.json.range.to}`);
      expect(series.status, series.text).toBe(200);
      expect(series.json.data).toHaveLength(30);
      expect(series.json.data.at(-1)).toEqual({ date: res.json.range.to, value: 3 });
      expect(series.json.data.slice(0, -1).every((p: { value: number }) => p.value === 0)).toBe(true);

      // The gap list groups the same question asked twice; adding it to the knowledge takes it off.
      const gaps = await owner.call("GET", "/api/analytics/unanswered");
      expect(gaps.status, gaps.text).toBe(200);
      expect(gaps.json).toEqual({
        data: [{ question: "how much is the VILLA in bali", count: 2, lastAskedAt: expect.any(String), conversationIds: expect.arrayContaining([unknown1.conversationId, unknown2.conversationId]) }],
        nextCursor: null,
      });
      const added = await owner.call("POST", "/api/analytics/unanswered/knowledge", { question: gaps.json.data[0].question, title: "Bali villa", content: "The villa in Bali costs IDR 5 billion." });
      expect(added.status, added.text).toBe(201);
      expect(added.json).toMatchObject({ entry: { title: "Bali villa" }, resolved: 2 });
      expect((await owner.call("GET", "/api/analytics/unanswered")).json.data).toEqual([]);
      expect((await owner.call("GET", "/api/knowledge")).json.data.map((e: { title: string }) => e.title)).toContain("Bali villa");
      // What happened stays counted.
      expect((await owner.call("GET", "/api/analytics/overview")).json.current.assistant.unanswered).toBe(2);
    }));

  it("exports a series as CSV, by query or by Accept header", () =>
    withinOneWindow(DAY, async () => {
      const owner = await quietTenant();
      await storedMessage(owner, "Hello there");
      const today = new Date().toISOString().slice(0, 10);
      const byQuery = await owner.call("GET", `/api/analytics/timeseries?metric=messages.inbound&from=${today}&to=${today}&format=csv`);
      expect(byQuery.status).toBe(200);
      expect(byQuery.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(byQuery.text).toBe(`date,messages.inbound\r\n${today},1\r\n`);
      const byAccept = await owner.call("GET", `/api/analytics/timeseries?metric=messages.inbound&from=${today}&to=${today}`, undefined, { headers: { accept: "text/csv" } });
      expect(byAccept.text).toBe(byQuery.text);
    }));

  it("refuses bad input with a problem naming the field", async () => {
    const owner = await quietTenant();
    const cases: Array<[string, string]> = [
      ["/api/analytics/overview?from=2026-02-30", "from"],
      ["/api/analytics/overview?to=yesterday", "to"],
      ["/api/analytics/overview?from=2026-03-10&to=2026-03-01", "from"],
      ["/api/analytics/overview?from=2024-01-01&to=2026-01-01", "to"],
      ["/api/analytics/timeseries?metric=messages.sent", "metric"],
      ["/api/analytics/timeseries", "metric"],
      ["/api/analytics/unanswered?cursor=nonsense", "cursor"],
      ["/api/analytics/unanswered?limit=0", "limit"],
    ];
    for (const [path, field] of cases) {
      const res = await owner.call("GET", path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
      expect(res.json.errors.map((e: { path: string }) => e.path), path).toContain(field);
    }
    const noQuestion = await owner.call("POST", "/api/analytics/unanswered/knowledge", { question: "?!", title: "x", content: "y" });
    expect(noQuestion.status).toBe(400);
    expect((await owner.call("GET", "/api/knowledge")).json.data).toEqual([]);
  });

  it("keeps each tenant's figures and questions to itself", async () => {
    let question = "";
    const { tenantB } = await expectTenantIsolation({
      create: async (a) => {
        await a.callWithKey("PATCH", "/api/bot-settings", { enabled: false });
        const { unknown1 } = await traffic(a);
        question = "How much is the villa in Bali?";
        return { id: unknown1.conversationId, data: [question] };
      },
      routes: [],
      lists: ["/api/analytics/unanswered"],
    });
    const b = (await tenantB.call("GET", "/api/analytics/overview")).json.current;
    expect(b.messages.inbound).toBe(0);
    expect(b.conversations.new).toBe(0);
    expect(b.credits.used).toBe(0);
  });

  it("agents may read analytics; only owners and admins change the knowledge or rebuild", async () => {
    const owner = await quietTenant();
    const { inviteMember } = await import("../helpers/tenants");
    const agent = await inviteMember(owner, "agent");
    expect((await agent.call("GET", "/api/analytics/overview")).status).toBe(200);
    expect((await agent.call("POST", "/api/analytics/rebuild")).status).toBe(403);
    expect((await agent.call("POST", "/api/analytics/unanswered/knowledge", { question: "parking?", title: "Parking", content: "Two spaces." })).status).toBe(403);
  });
});
