// The assistant's turn in a conversation. Given the customer's unanswered
// messages (one burst), it decides between: nothing (stale, human mode, opted
// out), opt-out/opt-in, a handoff (asked for a human, unhappy, closed hours,
// no knowledge, no credits), or a grounded answer that cost credits.
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { channels, contacts, conversations, messages } from "../db/schema";
import type { Ctx } from "../lib/context";
import { errorFields } from "../lib/logger";
import type { Fetcher } from "../channels/types";
import { metaClient } from "../channels/meta";
import { channelSecrets, channelGraphBaseUrl } from "../channels/store";
import { buildEvent, emitEvents } from "../events/emit";
import { queueOutbound, type OutboundContent } from "../outbound/send";
import { conversationView } from "../conversations/views";
import { handOver, type HandoffReason } from "../conversations/handoff";
import { newestFirst, oldestFirst } from "../conversations/message-order";
import { reserveCredits, refundCredits } from "./credits";
import { entryChunks, lookup, type RetrievedChunk } from "./knowledge";
import { asksSomething, choiceFrom } from "./match";
import { PHRASES } from "./phrases";
import { routeAnswer, routeSummary } from "./router";
import { botSettingsSchema, isOpen, loadBotSettings, type BotSettings } from "./settings";
import { asksForHuman, isKeyword, isNegative } from "./signals";
import { detectLanguage, type Language } from "./text";
import { flowTurn, followUp, loadFlowState } from "../flows/chat";
import type { Turn } from "./types";
import { recordKnowledgeGaps, type KnowledgeGap } from "./gaps";
import { MEDIA_PHRASES, understandMedia } from "../media/understand";
import { countConversationMessages } from "../conversations/queries";

export type { HandoffReason };

export type RespondOutcome =
  | { kind: "none"; why: string }
  | { kind: "opted_out" | "opted_in" }
  | { kind: "handoff"; reason: HandoffReason }
  | { kind: "answered"; messageId: string; sources: string[] };

const RECENT_TURNS = 10;
/** Message kinds that carry something besides text: without a caption they still get an answer or a human. */
const NEEDS_READING = new Set(["image", "sticker", "audio", "video", "document", "location", "contacts"]);
const SUMMARY_AFTER = 20;

type Conversation = typeof conversations.$inferSelect;
type Contact = typeof contacts.$inferSelect;

interface Turnish {
  direction: "inbound" | "outbound";
  text: string | null;
}
const toTurn = (m: Turnish): Turn => ({ role: m.direction === "inbound" ? "customer" : "assistant", text: m.text ?? "" });

async function sendBot(ctx: Ctx, c: Conversation, text: string, meta: Record<string, unknown> = {}, allowOptedOut = false) {
  return queueOutbound(ctx, { tenantId: c.tenantId, conversationId: c.id, author: "bot", content: { type: "text", text }, meta, allowOptedOut });
}

/** Hand the conversation to a human: mode human, the bot falls silent, conversation.handoff. */
export async function handoff(ctx: Ctx, c: Conversation, contact: Contact, reason: HandoffReason, message: string | null): Promise<RespondOutcome> {
  if (message) {
    try {
      await sendBot(ctx, c, message, { handoff: reason });
    } catch (err) {
      ctx.logger.warn("could not send the handoff message", { conversationId: c.id, ...errorFields(err) });
    }
  }
  await handOver(ctx, c.tenantId, c.id, reason, contact);
  return { kind: "handoff", reason };
}

async function setOptOut(ctx: Ctx, contact: Contact, optedOut: boolean) {
  const now = ctx.now();
  await ctx.db.update(contacts).set({ optedOut, optedOutAt: optedOut ? now : null, updatedAt: now }).where(eq(contacts.id, contact.id));
  await emitEvents(ctx, [buildEvent(ctx, contact.tenantId, "contact.updated", { contact: { id: contact.id, phone: contact.phone, name: contact.name, optedOut }, changes: ["optedOut"] })]);
}

/** A stored sentiment at or below this is an unhappy message (a mild "a bit pricey" is negative, not unhappy). */
const UNHAPPY = -0.45;

/** The conversation's last ten customer messages, newest first (for negativeStreak). */
const recentInboundQuery = (ctx: Ctx, tenantId: string, conversationId: string) =>
  ctx.db
    .select({ direction: messages.direction, text: messages.text, sentiment: messages.sentiment })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.tenantId, tenantId), eq(messages.direction, "inbound")))
    .orderBy(...newestFirst())
    .limit(10);

/**
 * Consecutive negative customer messages at the end of the conversation: the
 * sentiment stored on each message (worker/leads/sentiment.ts), or for a
 * message stored without one, the frustration words.
 */
function negativeStreak(recent: Array<{ text: string | null; sentiment: number | null }>): number {
  let n = 0;
  for (const m of recent) {
    if (!m.text || !(m.sentiment !== null ? m.sentiment <= UNHAPPY : isNegative(m.text))) break;
    n++;
  }
  return n;
}

async function markReadWithTyping(ctx: Ctx, channel: typeof channels.$inferSelect, providerMessageId: string | null, fetcher: Fetcher) {
  if (channel.type !== "meta" || !providerMessageId) return;
  try {
    const secrets = await channelSecrets(ctx, channel);
    const client = metaClient({ graphBaseUrl: channelGraphBaseUrl(ctx, channel), phoneNumberId: channel.phoneNumberId!, accessToken: secrets.accessToken ?? "" }, fetcher);
    await client.markRead(providerMessageId, true);
  } catch (err) {
    ctx.logger.warn("typing indicator failed", errorFields(err));
  }
}

/** Keep a rolling summary once the conversation passes SUMMARY_AFTER messages. */
async function refreshSummary(ctx: Ctx, settings: BotSettings, c: Conversation, total: number, language: Language, fetcher: Fetcher): Promise<string | null> {
  if (total <= SUMMARY_AFTER) return c.summary;
  const covered = total - RECENT_TURNS;
  if (covered - c.summaryMessageCount < RECENT_TURNS && c.summary) return c.summary;
  const older = await ctx.db
    .select({ direction: messages.direction, text: messages.text })
    .from(messages)
    .where(and(eq(messages.conversationId, c.id), eq(messages.tenantId, c.tenantId)))
    .orderBy(...oldestFirst())
    .limit(covered - c.summaryMessageCount)
    .offset(c.summaryMessageCount)
    .all();
  const summary = await routeSummary(ctx, settings, c.summary, older.map(toTurn), language, fetcher);
  await ctx.db.update(conversations).set({ summary, summaryMessageCount: covered }).where(eq(conversations.id, c.id));
  return summary;
}

const CHOICES = 3;

/** Ask which of the equally matching entries the customer means: reply buttons on Meta, numbered text elsewhere. */
/** The first words of an entry's text, up to about 40 characters. */
function opening(text: string): string {
  const first = text.trim().split(/\s+/);
  let out = "";
  for (const w of first) {
    if (out && out.length + w.length > 40) return `${out}…`;
    out = out ? `${out} ${w}` : w;
  }
  return out;
}

async function askWhichOne(ctx: Ctx, c: Conversation, channelType: string, language: Language, question: string, options: RetrievedChunk[]) {
  const p = PHRASES[language];
  const entries = options.slice(0, CHOICES);
  // Entries with the same title ("Opening hours" of two branches) are told apart by how their text begins.
  const labels = entries.map((e) => (entries.filter((o) => o.title === e.title).length > 1 ? `${e.title} (${opening(e.text)})` : e.title));
  const meta = { clarify: { question, entryIds: entries.map((e) => e.entryId), titles: labels } };
  if (channelType === "meta") {
    const buttons = entries.map((e) => ({ id: `kb:${e.entryId}`, title: e.title.length > 20 ? `${e.title.slice(0, 19)}…` : e.title }));
    // WhatsApp refuses buttons with the same title ("Paket Umroh Reguler…" of two packages): then numbered text, never nothing.
    if (new Set(buttons.map((b) => b.title)).size === buttons.length) {
      return queueOutbound(ctx, { tenantId: c.tenantId, conversationId: c.id, author: "bot", content: { type: "buttons", body: p.whichOne, buttons }, meta });
    }
  }
  const list = labels.map((label, i) => `${i + 1}. ${label}`).join("\n");
  return sendBot(ctx, c, `${p.whichOne}\n${list}\n${p.pickOne(entries.length)}`, meta);
}

/** The customer's answer to "which one do you mean?": the entry they picked and the question it answers. */
async function pickedChoice(ctx: Ctx, c: Conversation, asked: { text: string | null; payload: unknown }[]): Promise<{ question: string; chunks: RetrievedChunk[] } | null> {
  if (asked.length !== 1) return null;
  const last = await ctx.db
    .select({ direction: messages.direction, payload: messages.payload })
    .from(messages)
    .where(and(eq(messages.conversationId, c.id), eq(messages.tenantId, c.tenantId), eq(messages.direction, "outbound")))
    .orderBy(desc(messages.id))
    .limit(1)
    .get();
  const clarify = (last?.payload as { clarify?: { question: string; entryIds: string[]; titles: string[] } } | null)?.clarify;
  if (!clarify) return null;
  const reply = asked[0]!;
  const buttonId = (reply.payload as { interactive?: { id?: string } } | null)?.interactive?.id;
  const index = buttonId?.startsWith("kb:") ? clarify.entryIds.indexOf(buttonId.slice(3)) : choiceFrom(reply.text ?? "", clarify.titles);
  const entryId = index !== null && index >= 0 ? clarify.entryIds[index] : undefined;
  if (!entryId) return null;
  const chunks = await entryChunks(ctx, c.tenantId, entryId);
  return chunks.length ? { question: clarify.question, chunks } : null;
}

export interface RespondInput {
  tenantId: string;
  conversationId: string;
  /** The burst: ids of inbound messages not answered yet. */
  messageIds: string[];
}

export async function respond(ctx: Ctx, input: RespondInput, fetcher: Fetcher = fetch): Promise<RespondOutcome> {
  const { tenantId, conversationId } = input;
  // Everything the rules below read, in one round trip (and the settings beside it).
  const ofConversation = (column: typeof conversations.contactId | typeof conversations.channelId) =>
    sql`(SELECT ${column} FROM ${conversations} WHERE ${conversations.id} = ${conversationId} AND ${conversations.tenantId} = ${tenantId})`;
  const [[[c], [contact], [channel], burstRows, recentInbound], settings] = await Promise.all([
    ctx.db.batch([
      ctx.db.select().from(conversations).where(and(eq(conversations.id, conversationId), eq(conversations.tenantId, tenantId))),
      ctx.db.select().from(contacts).where(and(eq(contacts.id, ofConversation(conversations.contactId)), eq(contacts.tenantId, tenantId))),
      ctx.db.select().from(channels).where(and(eq(channels.id, ofConversation(conversations.channelId)), eq(channels.tenantId, tenantId))),
      ctx.db
        .select()
        .from(messages)
        .where(and(eq(messages.tenantId, tenantId), eq(messages.conversationId, conversationId), inArray(messages.id, input.messageIds.length ? input.messageIds : [""])))
        .orderBy(...oldestFirst()),
      recentInboundQuery(ctx, tenantId, conversationId),
    ]),
    loadBotSettings(ctx, tenantId),
  ]);
  if (!c) return { kind: "none", why: "conversation not found" };
  if (!contact || !channel || channel.status === "disconnected") return { kind: "none", why: "channel or contact gone" };

  const now = ctx.now();
  const burst = input.messageIds.length ? burstRows : [];
  const recent = burst.filter((m) => m.direction === "inbound" && !m.stale && now - (m.providerTimestamp ?? m.createdAt) <= settings.staleMessageSeconds * 1000);
  let fresh = recent.filter((m) => m.text);
  // Photos, voice notes and files without a caption: never left unanswered (see media/understand.ts).
  const mediaOnly = recent.filter((m) => !m.text && (m.mediaId || NEEDS_READING.has(m.type)));
  if (!fresh.length && !mediaOnly.length) return { kind: "none", why: "no fresh text messages" };
  const question = fresh.map((m) => m.text!).join("\n");
  const language = fresh.length ? detectLanguage(question, settings.persona.defaultLanguage) : settings.persona.defaultLanguage;
  const p = PHRASES[language];

  // Opt-out and opt-in are honoured whatever the mode.
  if (fresh.some((m) => isKeyword(m.text!, settings.optOut.stopWords))) {
    if (!contact.optedOut) {
      await setOptOut(ctx, contact, true);
      await sendBot(ctx, c, p.optedOut, { optOut: true }, true);
    }
    return { kind: "opted_out" };
  }
  if (contact.optedOut) {
    if (fresh.some((m) => isKeyword(m.text!, settings.optOut.startWords))) {
      await setOptOut(ctx, contact, false);
      await sendBot(ctx, c, p.optedIn, { optIn: true });
      return { kind: "opted_in" };
    }
    return { kind: "none", why: "contact opted out" };
  }
  if (c.mode !== "bot") return { kind: "none", why: `conversation is in ${c.mode} mode` };

  if (settings.handoff.onHumanRequest && fresh.some((m) => asksForHuman(m.text!, settings.handoff.extraHumanPhrases))) {
    return handoff(ctx, c, contact, "customer_request", p.handoffRequested);
  }
  if (negativeStreak(recentInbound) >= settings.handoff.negativeMessages) {
    return handoff(ctx, c, contact, "negative_sentiment", p.handoffNegative);
  }
  if (!isOpen(settings.businessHours, now)) {
    return handoff(ctx, c, contact, "outside_business_hours", settings.businessHours.awayMessage);
  }

  // Read after the rules above, so a closed business or a handed-over chat spends no credits on files.
  if (mediaOnly.length) {
    const read = await understandMedia(ctx, settings, c.tenantId, mediaOnly, language, fetcher);
    if (read.unreadable.length) return handoff(ctx, c, contact, "media", MEDIA_PHRASES[language].received);
    if (settings.handoff.onHumanRequest && read.understood.some((m) => asksForHuman(m.text!, settings.handoff.extraHumanPhrases))) {
      return handoff(ctx, c, contact, "customer_request", p.handoffRequested);
    }
    // Transcripts and photo descriptions are answered like text, under the same rules.
    fresh = [...fresh, ...read.understood].sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  // Qualification answers, booking requests and slot picks are the flow engine's.
  const flowState = await loadFlowState(ctx, c, settings);
  const turn = await flowTurn(ctx, { c, contact, fresh, language, state: flowState, channelType: channel.type });
  if (turn.kind === "reply") {
    const sent = turn.content
      ? await queueOutbound(ctx, { tenantId: c.tenantId, conversationId: c.id, author: "bot", content: turn.content, meta: turn.meta })
      : await sendBot(ctx, c, turn.text, turn.meta);
    if (turn.handoff) return handoff(ctx, c, contact, turn.handoff, null);
    return { kind: "answered", messageId: sent.id, sources: [] };
  }
  const asked = turn.remaining;
  /** A choice question to send as buttons or a list right after the bot's message (Meta). */
  let interactiveFollowUp: OutboundContent | null = null;
  /** The bot's text with the flow's next question (or slot reminder) after it. */
  const withFollowUp = async (text: string) => {
    const next = await followUp(ctx, c, flowState, language, channel.type);
    if (next?.content) {
      interactiveFollowUp = next.content;
      return text;
    }
    return next ? `${text}\n\n${next.text}` : text;
  };
  /** Send the bot's message, then the interactive question withFollowUp set aside. */
  const sendWithFollowUp = async (text: string, meta: Record<string, unknown>) => {
    const sent = await sendBot(ctx, c, text, meta);
    const question = interactiveFollowUp as OutboundContent | null;
    if (question) await queueOutbound(ctx, { tenantId: c.tenantId, conversationId: c.id, author: "bot", content: question, meta: { flow: { question: c.flowStep } } });
    return sent;
  };

  // Each message of a burst is looked up on its own, so one answer can address all of them;
  // a reply naming one of the entries the assistant asked about answers the earlier question.
  const knowledge: RetrievedChunk[] = [];
  const ambiguous: RetrievedChunk[] = [];
  let unanswered = 0;
  const gaps: KnowledgeGap[] = [];
  const picked = await pickedChoice(ctx, c, asked);
  if (picked) knowledge.push(...picked.chunks);
  for (const m of picked ? [] : asked) {
    if (!asksSomething(m.text!)) continue;
    const r = await lookup(ctx, c.tenantId, m.text!, { minCoverage: settings.handoff.minConfidence });
    for (const k of r.answered) if (!knowledge.some((x) => x.chunkId === k.chunkId)) knowledge.push(k);
    for (const k of r.ambiguous) if (!ambiguous.some((x) => x.entryId === k.entryId)) ambiguous.push(k);
    // Recorded for the owner: the whole message, or the questions of it the knowledge does not cover.
    if (r.unanswered.length) {
      unanswered++;
      const nothing = !r.answered.length && !r.ambiguous.length;
      gaps.push({ tenantId: c.tenantId, conversationId: c.id, messageId: m.id, question: nothing ? m.text! : r.unanswered.join("\n") });
    }
  }
  if (!picked && !asked.some((m) => asksSomething(m.text!))) {
    // Only greetings or small talk: greet back, free of charge.
    const thanks = asked.some((m) => /\b(thanks?|thank you|thx|makasih|terima kasih|trims)\b/i.test(m.text!));
    const sent = await sendWithFollowUp(await withFollowUp(thanks ? p.welcome : settings.persona.greeting || p.hello), { greeting: true });
    return { kind: "answered", messageId: sent.id, sources: [] };
  }
  if (!knowledge.length && ambiguous.length && !unanswered) {
    // Two or more entries answer equally well: ask which one rather than guess or hand off.
    const sent = await askWhichOne(ctx, c, channel.type, language, asked.map((m) => m.text!).join("\n"), ambiguous);
    return { kind: "answered", messageId: sent.id, sources: [] };
  }
  // Alongside answers, the equally good entries of another question are all quoted.
  if (knowledge.length) for (const k of ambiguous) if (!knowledge.some((x) => x.chunkId === k.chunkId)) knowledge.push(k);
  if (gaps.length) await recordKnowledgeGaps(ctx, gaps);
  if (!knowledge.length) {
    if (settings.handoff.onNoKnowledge) return handoff(ctx, c, contact, "no_knowledge", p.dontKnow);
    await sendWithFollowUp(await withFollowUp(p.dontKnowStay), { unanswered: true });
    return { kind: "none", why: "no knowledge" };
  }

  const reservation = await reserveCredits(ctx, c.tenantId, settings.creditCostPerAnswer, { lowThreshold: settings.lowCreditThreshold });
  if (!reservation.ok) return handoff(ctx, c, contact, "credits_exhausted", p.creditsExhausted);

  // The typing indicator goes out while the answer is composed (it never fails the turn).
  const typing = markReadWithTyping(ctx, channel, fresh[fresh.length - 1]!.providerMessageId, fetcher);
  try {
    const [history, total] = await Promise.all([
      ctx.db
        .select({ direction: messages.direction, text: messages.text, id: messages.id })
        .from(messages)
        .where(and(eq(messages.conversationId, c.id), eq(messages.tenantId, c.tenantId)))
        .orderBy(...newestFirst())
        .limit(RECENT_TURNS + fresh.length)
        .all(),
      countConversationMessages(ctx, c.tenantId, c.id),
    ]);
    const freshIds = new Set(fresh.map((m) => m.id));
    const recentTurns = history.filter((m) => !freshIds.has(m.id) && m.text).reverse().slice(-RECENT_TURNS).map(toTurn);
    const summary = await refreshSummary(ctx, settings, c, total, language, fetcher);

    const answer = await routeAnswer(
      ctx,
      settings,
      { language, persona: settings.persona, question: picked?.question ?? asked.map((m) => m.text!).join("\n"), knowledge, contact: { name: contact.name, phone: contact.phone, fields: contact.customFields ?? {} }, summary, recentTurns },
      fetcher,
    );
    if (!answer.confident) {
      await refundCredits(ctx, c.tenantId, reservation, answer.fallbackReason ?? "not confident");
      await recordKnowledgeGaps(
        ctx,
        asked.filter((m) => asksSomething(m.text!)).map((m) => ({ tenantId: c.tenantId, conversationId: c.id, messageId: m.id, question: m.text! })),
      );
      return handoff(ctx, c, contact, "low_confidence", p.dontKnow);
    }
    const greeting = settings.persona.greeting && total <= fresh.length ? `${settings.persona.greeting}\n\n` : "";
    const sources = [...new Set(knowledge.map((k) => k.entryId))];
    // Part of the burst had no answer in the knowledge: say so, and a human takes over after this reply.
    const rest = unanswered > 0 ? `\n\n${settings.handoff.onNoKnowledge ? p.dontKnow : p.dontKnowStay}` : "";
    const handingOff = unanswered > 0 && settings.handoff.onNoKnowledge;
    const body = greeting + answer.text + rest;
    const sent = await (handingOff ? (t: string, m: Record<string, unknown>) => sendBot(ctx, c, t, m) : sendWithFollowUp)(handingOff ? body : await withFollowUp(body), {
      sources,
      usage: answer.usage,
      provider: answer.provider,
      model: answer.model,
      fallbackReason: answer.fallbackReason,
      credits: { cost: reservation.cost, reference: reservation.reference },
      language,
    });
    if (handingOff) await handoff(ctx, c, contact, "no_knowledge", null);
    return { kind: "answered", messageId: sent.id, sources };
  } catch (err) {
    await refundCredits(ctx, c.tenantId, reservation, `answer failed: ${String(errorFields(err).error)}`);
    throw err;
  } finally {
    await typing;
  }
}

/** When answering failed outright: never silent — a human gets the conversation; a STOP in the turn is still honoured. */
export async function handoffAfterError(ctx: Ctx, input: RespondInput): Promise<void> {
  const c = await ctx.db.select().from(conversations).where(and(eq(conversations.id, input.conversationId), eq(conversations.tenantId, input.tenantId))).get();
  const contact = c && (await ctx.db.select().from(contacts).where(eq(contacts.id, c.contactId)).get());
  if (!c || !contact) return;
  if (!contact.optedOut && input.messageIds.length) {
    // Nobody who said STOP is messaged again, even when the turn that read it failed.
    const settings = await loadBotSettings(ctx, c.tenantId).catch(() => botSettingsSchema.parse({}));
    const texts = await ctx.db
      .select({ text: messages.text })
      .from(messages)
      .where(and(eq(messages.tenantId, c.tenantId), eq(messages.conversationId, c.id), eq(messages.direction, "inbound"), inArray(messages.id, input.messageIds)))
      .all();
    const stop = texts.find((m) => m.text && isKeyword(m.text, settings.optOut.stopWords));
    if (stop) {
      await setOptOut(ctx, contact, true);
      const p = PHRASES[detectLanguage(stop.text!, settings.persona.defaultLanguage)];
      // The confirmation is the one message an opted-out contact may get; if it cannot be sent, the opt-out still stands.
      await sendBot(ctx, c, p.optedOut, { optOut: true }, true).catch((err) => ctx.logger.warn("opt-out confirmation not sent", errorFields(err)));
      return;
    }
  }
  if (c.mode === "bot") await handoff(ctx, c, contact, "assistant_error", null);
}
