// The assistant's decisions: providers and fallback, grounding, handoffs,
// bursts, staleness, opt-out, credits and memory.
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { reserveCredits, refundCredits } from "../../../worker/ai/credits";
import { respond } from "../../../worker/ai/responder";
import { routeAnswer } from "../../../worker/ai/router";
import { botSettingsSchema } from "../../../worker/ai/settings";
import type { AnswerContext } from "../../../worker/ai/types";
import type { Fetcher } from "../../../worker/channels/types";
import { json } from "../channels/helpers";
import { addKnowledge, ctxWith, modeOf, outbound, quietTenant, storedMessage } from "../helpers/assistant";
import { createTenant } from "../helpers/tenants";
import { eventually } from "../helpers/wait";

const HOURS = { title: "Office hours", content: "We are open Monday to Friday, 08:00 to 16:00. Closed on weekends." };
const TOWNHOUSE = { title: "Menteng townhouse", content: "3-bedroom townhouse in Menteng. Price: IDR 8.5 billion." };
const settings = botSettingsSchema.parse({});
const LLM = { AI_PROVIDER: "openai" as const, LLM_BASE_URL: "http://llm.test/v1", LLM_API_KEY: "sk-test-key", LLM_MODEL: "test-model" };

function context(question: string, knowledge: AnswerContext["knowledge"] = []): AnswerContext {
  return { language: "en", persona: settings.persona, question, knowledge, contact: { name: "Ana", phone: "+15550001", fields: {} }, summary: null, recentTurns: [] };
}
const chunk = (title: string, text: string) => ({ chunkId: "chk_1", entryId: "kb_1", title, text, coverage: 1, score: 1 });


describe("providers", () => {
  it("calls an OpenAI-compatible endpoint with the key, the model and only the retrieved knowledge", async () => {
    const requests: { url: string; init: RequestInit }[] = [];
    const fetcher: Fetcher = async (url, init) => {
      requests.push({ url: String(url), init: init! });
      return json({ choices: [{ message: { content: "The townhouse costs IDR 8.5 billion." } }], usage: { prompt_tokens: 120, completion_tokens: 9 } });
    };
    const r = await routeAnswer(ctxWith(LLM), settings, context("How much is the Menteng townhouse?", [chunk(TOWNHOUSE.title, TOWNHOUSE.content)]), fetcher);
    expect(r).toMatchObject({ provider: "openai", model: "test-model", confident: true, fallbackReason: null, usage: { inputTokens: 120, outputTokens: 9 } });
    expect(requests[0]!.url).toBe("http://llm.test/v1/chat/completions");
    expect(new Headers(requests[0]!.init.headers).get("authorization")).toBe("Bearer sk-test-key");
    const body = JSON.parse(String(requests[0]!.init.body));
    expect(body.model).toBe("test-model");
    expect(body.messages[0].role).toBe("system");
    expect(body.messages[0].content).toContain("IDR 8.5 billion");
    expect(body.messages[0].content).toContain("NO_ANSWER");
    expect(body.messages.at(-1)).toEqual({ role: "user", content: "How much is the Menteng townhouse?" });
  });

  it("falls back to the built-in provider on an error, and says why", async () => {
    const fetcher: Fetcher = async () => json({ error: { message: "model overloaded" } }, 503);
    const r = await routeAnswer(ctxWith(LLM), settings, context("How much is the Menteng townhouse?", [chunk(TOWNHOUSE.title, TOWNHOUSE.content)]), fetcher);
    expect(r.provider).toBe("builtin");
    expect(r.fallbackReason).toBe("openai returned an error");
    // What the upstream said is logged, not stored on the message the API and webhooks return.
    expect(r.fallbackReason).not.toContain("overloaded");
    expect(r.text).toContain("IDR 8.5 billion");
  });

  it("falls back on a timeout", async () => {
    const fetcher: Fetcher = (_url, init) =>
      new Promise((_, reject) => init!.signal!.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
    const fast = botSettingsSchema.parse({ provider: { timeoutMs: 1000 } });
    const r = await routeAnswer(ctxWith(LLM), fast, context("How much is the Menteng townhouse?", [chunk(TOWNHOUSE.title, TOWNHOUSE.content)]), fetcher);
    expect(r.provider).toBe("builtin");
    expect(r.fallbackReason).toMatch(/timed out/);
  });

  it("never sends a number the knowledge does not contain", async () => {
    const fetcher: Fetcher = async () => json({ choices: [{ message: { content: "It costs IDR 9 billion, and there is a 10% discount." } }] });
    const r = await routeAnswer(ctxWith(LLM), settings, context("How much is the Menteng townhouse?", [chunk(TOWNHOUSE.title, TOWNHOUSE.content)]), fetcher);
    expect(r.provider).toBe("builtin");
    expect(r.fallbackReason).toMatch(/not in the knowledge: 9, 10/);
    expect(r.text).not.toMatch(/9 billion|10%/);
  });

  it("treats NO_ANSWER as not confident", async () => {
    const fetcher: Fetcher = async () => json({ choices: [{ message: { content: "NO_ANSWER" } }] });
    const r = await routeAnswer(ctxWith(LLM), settings, context("Do you sell villas?", [chunk(TOWNHOUSE.title, TOWNHOUSE.content)]), fetcher);
    expect(r).toMatchObject({ provider: "openai", confident: false });
  });

  it("uses Workers AI through the AI binding", async () => {
    const run = vi.fn(async () => ({ response: "We are open Monday to Friday, 08:00 to 16:00.", usage: { prompt_tokens: 50, completion_tokens: 12 } }));
    const ctx = ctxWith({ AI_PROVIDER: "workers-ai", AI_MODEL: "@cf/meta/llama-3.1-8b-instruct" });
    ctx.env = { ...ctx.env, AI: { run } as unknown as Ai };
    const r = await routeAnswer(ctx, settings, context("When are you open?", [chunk(HOURS.title, HOURS.content)]));
    expect(r).toMatchObject({ provider: "workers-ai", model: "@cf/meta/llama-3.1-8b-instruct", confident: true, usage: { inputTokens: 50, outputTokens: 12 } });
    expect(run).toHaveBeenCalledWith("@cf/meta/llama-3.1-8b-instruct", expect.objectContaining({ messages: expect.any(Array) }));
  });
});

describe("answering", () => {
  it("answers from the knowledge, records sources, usage and one credit", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [HOURS, TOWNHOUSE]);
    const before = (await owner.callWithKey("GET", "/api/credits")).json.balance;
    const m = await storedMessage(owner, "When is your office open?");
    const outcome = await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [m.messageId] });
    expect(outcome.kind).toBe("answered");
    const [reply] = await outbound(m.conversationId);
    expect(reply!.author).toBe("bot");
    expect(reply!.text).toContain("08:00 to 16:00");
    expect(reply!.payload.sources).toHaveLength(1);
    expect(reply!.payload.usage.outputTokens).toBeGreaterThan(0);
    const credits = (await owner.callWithKey("GET", "/api/credits")).json;
    expect(credits.balance).toBe(before - 1);
    const ledger = (await owner.callWithKey("GET", "/api/credits/ledger")).json.data;
    expect(ledger[0]).toMatchObject({ delta: -1, reason: "answer", balanceAfter: before - 1 });
  });

  it("does not know what the knowledge does not say: says so, hands off, charges nothing", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [HOURS, TOWNHOUSE]);
    const before = (await owner.callWithKey("GET", "/api/credits")).json.balance;
    const send = vi.spyOn(env.EVENTS_QUEUE, "sendBatch");
    const m = await storedMessage(owner, "How much is the villa in Bali?");
    const outcome = await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [m.messageId] });
    expect(outcome).toEqual({ kind: "handoff", reason: "no_knowledge" });
    const [reply] = await outbound(m.conversationId);
    expect(reply!.text).toMatch(/don't have that information/);
    expect(reply!.text).not.toMatch(/\d/);
    expect(await modeOf(m.conversationId)).toBe("human");
    expect((await owner.callWithKey("GET", "/api/credits")).json.balance).toBe(before);
    const handoffs = send.mock.calls.flatMap(([msgs]) => [...msgs].map((x) => x.body as { type: string; data: { reason: string } })).filter((e) => e.type === "conversation.handoff");
    expect(handoffs.map((e) => e.data.reason)).toEqual(["no_knowledge"]);
    send.mockRestore();
  });

  it("records each question it could not answer once, for the owner's gap list", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [HOURS, TOWNHOUSE]);
    const m = await storedMessage(owner, "Do you have parking for guests?");
    const input = { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [m.messageId] };
    expect(await respond(ctxWith(), input)).toEqual({ kind: "handoff", reason: "no_knowledge" });
    // The same turn again (a redelivery) records nothing new.
    await respond(ctxWith(), input);
    const gaps = await env.DB.prepare("SELECT tenant_id, conversation_id, message_id, question, normalized FROM knowledge_gaps WHERE tenant_id = ?")
      .bind(owner.tenant.id)
      .all();
    expect(gaps.results).toEqual([
      { tenant_id: owner.tenant.id, conversation_id: m.conversationId, message_id: m.messageId, question: "Do you have parking for guests?", normalized: "do you have parking for guests" },
    ]);
  });

  it("refunds the credit when the model cannot answer", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [TOWNHOUSE]);
    const before = (await owner.callWithKey("GET", "/api/credits")).json.balance;
    const m = await storedMessage(owner, "How much is the Menteng townhouse?");
    const fetcher: Fetcher = async () => json({ choices: [{ message: { content: "NO_ANSWER" } }] });
    const outcome = await respond(ctxWith(LLM), { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [m.messageId] }, fetcher);
    expect(outcome).toEqual({ kind: "handoff", reason: "low_confidence" });
    expect((await owner.callWithKey("GET", "/api/credits")).json.balance).toBe(before);
    const ledger = (await owner.callWithKey("GET", "/api/credits/ledger")).json.data.map((l: { reason: string; delta: number }) => [l.reason, l.delta]);
    expect(ledger.slice(0, 2)).toEqual([
      ["refund", 1],
      ["answer", -1],
    ]);
  });
});

describe("small talk", () => {
  it("greets back a greeting without handing off or charging", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [HOURS]);
    const before = (await owner.callWithKey("GET", "/api/credits")).json.balance;
    const m = await storedMessage(owner, "Hi!");
    expect((await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [m.messageId] })).kind).toBe("answered");
    expect((await outbound(m.conversationId))[0]!.text).toBe("Hi! How can I help you today?");
    expect(await modeOf(m.conversationId)).toBe("bot");
    expect((await owner.callWithKey("GET", "/api/credits")).json.balance).toBe(before);
  });
});

describe("handoff", () => {
  it("hands off when the customer asks for a human, and the bot then stays silent until handed back", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [HOURS]);
    const m = await storedMessage(owner, "Saya mau bicara dengan manusia");
    expect(await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [m.messageId] })).toEqual({ kind: "handoff", reason: "customer_request" });
    expect((await outbound(m.conversationId))[0]!.text).toMatch(/rekan kami/);
    const again = await storedMessage(owner, "When are you open?", m.phone);
    expect(await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [again.messageId] })).toMatchObject({ kind: "none" });
    expect((await owner.callWithKey("POST", `/api/conversations/${m.conversationId}/resume-bot`)).json.mode).toBe("bot");
    const third = await storedMessage(owner, "When are you open?", m.phone);
    expect((await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [third.messageId] })).kind).toBe("answered");
  });

  it("hands off after two unhappy messages in a row", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [HOURS]);
    const first = await storedMessage(owner, "This is terrible service");
    const r1 = await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId: first.conversationId, messageIds: [first.messageId] });
    expect(r1).not.toEqual({ kind: "handoff", reason: "negative_sentiment" });
    await ctxWith().db.run(`UPDATE conversations SET mode = 'bot' WHERE id = '${first.conversationId}'`);
    const second = await storedMessage(owner, "Saya sangat kecewa, pelayanan buruk", first.phone);
    const r2 = await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId: first.conversationId, messageIds: [second.messageId] });
    expect(r2).toEqual({ kind: "handoff", reason: "negative_sentiment" });
  });

  it("outside business hours sends the away message and hands off", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [HOURS]);
    const closed = await owner.callWithKey("PATCH", "/api/bot-settings", {
      businessHours: { enabled: true, timezone: "Asia/Jakarta", awayMessage: "We're closed now; we'll reply in the morning.", days: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } },
    });
    expect(closed.status, closed.text).toBe(200);
    const m = await storedMessage(owner, "When are you open?");
    expect(await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [m.messageId] })).toEqual({ kind: "handoff", reason: "outside_business_hours" });
    expect((await outbound(m.conversationId))[0]!.text).toBe("We're closed now; we'll reply in the morning.");
  });

  it("hands off instead of going silent when credits run out", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [HOURS]);
    await owner.callWithKey("GET", "/api/credits");
    await env.DB.prepare("UPDATE credit_accounts SET balance = 0 WHERE tenant_id = ?").bind(owner.tenant.id).run();
    const m = await storedMessage(owner, "When are you open?");
    expect(await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [m.messageId] })).toEqual({ kind: "handoff", reason: "credits_exhausted" });
    expect((await outbound(m.conversationId))[0]!.text).toMatch(/colleague will reply/);
    expect((await owner.callWithKey("GET", "/api/credits")).json.balance).toBe(0);
  });

  it("an agent's reply takes the conversation over from the bot", async () => {
    const owner = await quietTenant();
    const m = await storedMessage(owner, "Hello");
    expect((await owner.callWithKey("POST", `/api/conversations/${m.conversationId}/messages`, { text: "Hi, this is Dana." })).status).toBe(201);
    expect(await modeOf(m.conversationId)).toBe("human");
  });
});

describe("bursts and staleness", () => {
  it("answers several quick messages once", async () => {
    const owner = await createTenant();
    await addKnowledge(owner, [HOURS, TOWNHOUSE]);
    expect((await owner.callWithKey("PATCH", "/api/bot-settings", { burstSeconds: 20 })).status).toBe(200);
    const a = await storedMessage(owner, "Hi!");
    const b = await storedMessage(owner, "When is your office open?", a.phone);
    const c = await storedMessage(owner, "And how much is the Menteng townhouse?", a.phone);
    expect(new Set([a.conversationId, b.conversationId, c.conversationId]).size).toBe(1);
    const stub = env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName(`${owner.tenant.id}:${a.contactId}`));
    await runDurableObjectAlarm(stub);
    const replies = await eventually(async () => {
      const r = await outbound(a.conversationId);
      expect(r).toHaveLength(1);
      return r;
    });
    expect(replies[0]!.text).toContain("08:00 to 16:00");
    expect(replies[0]!.text).toContain("8.5 billion");
    expect(await runDurableObjectAlarm(stub)).toBe(false);
    expect(await outbound(a.conversationId)).toHaveLength(1);
  });

  it("does not answer a message older than the stale age", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [HOURS]);
    const m = await storedMessage(owner, "When are you open?");
    await env.DB.prepare("UPDATE messages SET provider_timestamp = ? WHERE id = ?").bind(Date.now() - 2 * 3600_000, m.messageId).run();
    expect(await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [m.messageId] })).toMatchObject({ kind: "none" });
    expect(await outbound(m.conversationId)).toHaveLength(0);
  });
});

describe("opt-out", () => {
  it("STOP opts out with one confirmation; nothing automated follows; START opts back in", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [HOURS]);
    const stop = await storedMessage(owner, "STOP");
    const ctx = ctxWith();
    const burst = (id: string) => ({ tenantId: owner.tenant.id, conversationId: stop.conversationId, messageIds: [id] });
    expect(await respond(ctx, burst(stop.messageId))).toEqual({ kind: "opted_out" });
    expect((await env.DB.prepare("SELECT opted_out FROM contacts WHERE id = ?").bind(stop.contactId).first("opted_out"))).toBe(1);
    const q = await storedMessage(owner, "When are you open?", stop.phone);
    expect(await respond(ctx, burst(q.messageId))).toMatchObject({ kind: "none" });
    expect(await outbound(stop.conversationId)).toHaveLength(1);
    const start = await storedMessage(owner, "start", stop.phone);
    expect(await respond(ctx, burst(start.messageId))).toEqual({ kind: "opted_in" });
    expect((await env.DB.prepare("SELECT opted_out FROM contacts WHERE id = ?").bind(stop.contactId).first("opted_out"))).toBe(0);
  });
});

describe("credits", () => {
  it("20 concurrent reservations against a balance of 10 admit exactly 10 and never go below zero", async () => {
    const owner = await createTenant();
    await owner.callWithKey("GET", "/api/credits");
    await env.DB.prepare("UPDATE credit_accounts SET balance = 10 WHERE tenant_id = ?").bind(owner.tenant.id).run();
    const ctx = ctxWith();
    const results = await Promise.all(Array.from({ length: 20 }, () => reserveCredits(ctx, owner.tenant.id, 1)));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    const account = await env.DB.prepare("SELECT balance FROM credit_accounts WHERE tenant_id = ?").bind(owner.tenant.id).first<{ balance: number }>();
    expect(account!.balance).toBe(0);
    const spent = await env.DB.prepare("SELECT count(*) AS n FROM credit_ledger WHERE tenant_id = ? AND reason = 'answer'").bind(owner.tenant.id).first("n");
    expect(spent).toBe(10);
  });

  it("a refund is applied once per reservation", async () => {
    const owner = await createTenant();
    const ctx = ctxWith();
    const r = await reserveCredits(ctx, owner.tenant.id, 3);
    await refundCredits(ctx, owner.tenant.id, r, "test");
    await refundCredits(ctx, owner.tenant.id, r, "test again");
    expect((await owner.callWithKey("GET", "/api/credits")).json.balance).toBe(r.balance + 3);
  });

  it("emits credit.low at the threshold and credit.exhausted at zero, once each", async () => {
    const owner = await createTenant();
    const ctx = ctxWith();
    await owner.callWithKey("GET", "/api/credits");
    await env.DB.prepare("UPDATE credit_accounts SET balance = 201, monthly_credits = 1000 WHERE tenant_id = ?").bind(owner.tenant.id).run();
    const send = vi.spyOn(env.EVENTS_QUEUE, "sendBatch");
    await reserveCredits(ctx, owner.tenant.id, 1);
    await reserveCredits(ctx, owner.tenant.id, 1);
    await reserveCredits(ctx, owner.tenant.id, 199);
    await reserveCredits(ctx, owner.tenant.id, 1);
    const types = send.mock.calls.flatMap(([msgs]) => [...msgs].map((m) => (m.body as { type: string }).type));
    expect(types).toEqual(["credit.low", "credit.exhausted"]);
    send.mockRestore();
  });

  it("projects the exhaustion date from the last 7 days of use", async () => {
    const owner = await createTenant();
    const ctx = ctxWith();
    for (let i = 0; i < 7; i++) await reserveCredits(ctx, owner.tenant.id, 10);
    const c = (await owner.callWithKey("GET", "/api/credits")).json;
    expect(c).toMatchObject({ plan: "starter", monthlyCredits: 1000, balance: 930, burnPerDay: 10 });
    const days = (Date.parse(c.projectedExhaustionAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(92);
    expect(days).toBeLessThan(94);
  });
});

describe("memory", () => {
  it("summarizes older turns once the conversation passes 20 messages", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [HOURS]);
    const first = await storedMessage(owner, "Hi, my name is Ana and I want to buy a house in Menteng.");
    for (let i = 0; i < 19; i++) await storedMessage(owner, `Message number ${i + 2}`, first.phone);
    const ctx = ctxWith();
    const twenty = await storedMessage(owner, "When are you open?", first.phone);
    await respond(ctx, { tenantId: owner.tenant.id, conversationId: first.conversationId, messageIds: [twenty.messageId] });
    const row = await env.DB.prepare("SELECT summary, summary_message_count FROM conversations WHERE id = ?").bind(first.conversationId).first<{ summary: string | null; summary_message_count: number }>();
    expect(row!.summary).toContain("Ana");
    expect(row!.summary_message_count).toBe(11);
  });
});
