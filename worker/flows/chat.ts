// The flow engine's part of the assistant's turn: recording answers to the
// qualification questions, scoring the lead, offering and booking slots.
// The responder calls flowTurn() before answering from the knowledge, and
// followUp() to append the next question to whatever the bot says.
import { and, eq, isNull } from "drizzle-orm";
import { contacts, conversations, flowAnswers, type messages } from "../db/schema";
import type { Ctx } from "../lib/context";
import { attributeConversion, CONVERTED_STAGE } from "../campaigns/attribution";
import { buildEvent, emitEvents } from "../events/emit";
import { contactView, eventContact } from "../contacts/views";
import { PHRASES } from "../ai/phrases";
import type { BotSettings } from "../ai/settings";
import { tokenize, type Language } from "../ai/text";
import { book, slotsFor } from "./bookings";
import { pickedNumber, parseAnswer } from "./parse";
import { formatSlot, type Slot } from "./slots";
import { rescoreContact } from "../leads/score";
import type { OutboundContent } from "../outbound/send";
import { questionContent, slotsContent, tappedOption, tappedSlot } from "./choices";
import { CANCEL_STEP, manageTurn, moveTo, RESCHEDULE_STEP } from "./manage";
import { answersOf, loadFlow, nextStep, scoreOf, type AnswerRow, type StoredFlow } from "./store";

type Conversation = typeof conversations.$inferSelect;
type Contact = typeof contacts.$inferSelect;
type Message = typeof messages.$inferSelect;

/** The conversation is waiting for the customer to pick one of the offered slots. */
export const BOOKING_STEP = "booking";
/** Stages the flow may move to "qualified"; a stage an agent set by hand is left alone. */
const EARLY_STAGES = new Set(["new", "lead", "contacted"]);

const BOOKING_WORDS = new Set(
  "book booking appointment appointments schedule reserve reservation viewing visit consultation meeting jadwal janji janjian survei survey kunjungan berkunjung ketemu bertemu konsultasi reservasi".split(" "),
);

/** The customer asks to book a time. */
export function wantsBooking(text: string): boolean {
  return tokenize(text).some((w) => BOOKING_WORDS.has(w));
}

export interface FlowState {
  flow: StoredFlow;
  answers: AnswerRow[];
  booking: BotSettings["booking"];
}

export async function loadFlowState(ctx: Ctx, c: Conversation, settings: BotSettings): Promise<FlowState> {
  const flow = await loadFlow(ctx, c.tenantId);
  // With the flow off there is nothing to ask: the answers are not needed.
  const answers = flow.enabled ? await answersOf(ctx, c.tenantId, c.contactId) : [];
  return { flow, answers, booking: settings.booking };
}

export type FlowTurn =
  /** `content`: the same reply as reply buttons or a list (Meta); `text` is what other channels get. */
  | { kind: "reply"; text: string; meta: Record<string, unknown>; handoff?: "qualified" | "no_availability"; content?: OutboundContent }
  /** Messages that were not answers: the responder answers them from the knowledge. */
  | { kind: "continue"; remaining: Message[] };

interface TurnInput {
  c: Conversation;
  contact: Contact;
  fresh: Message[];
  language: Language;
  state: FlowState;
  /** meta gets choices as buttons and lists; waha and sandbox as numbered text. */
  channelType: string;
}

const numbered = (slots: Slot[], s: BotSettings["booking"], language: Language) => slots.map((x, i) => `${i + 1}. ${formatSlot(x.start, s.timezone, language)}`).join("\n");

async function setFlowState(ctx: Ctx, c: Conversation, flowStep: string | null, flowOffer: number[] | null) {
  await ctx.db.update(conversations).set({ flowStep, flowOffer }).where(eq(conversations.id, c.id));
  c.flowStep = flowStep;
  c.flowOffer = flowOffer;
}

/** Offer the next free slots; none free → say so and hand over. */
async function offer(ctx: Ctx, c: Conversation, b: BotSettings["booking"], language: Language, channelType: string, taken = false, step = BOOKING_STEP): Promise<FlowTurn> {
  const p = PHRASES[language];
  const slots = await slotsFor(ctx, c.tenantId, b, { limit: b.offerCount });
  if (!slots.length) {
    await setFlowState(ctx, c, null, null);
    return { kind: "reply", text: p.noSlots, meta: { booking: "none_free" }, handoff: "no_availability" };
  }
  await setFlowState(ctx, c, step, slots.map((s) => s.start));
  const list = numbered(slots, b, language);
  const text = taken ? p.slotTaken(list) : p.offerSlots(list);
  const content = slotsContent(text, slots.map((s) => ({ start: s.start, label: formatSlot(s.start, b.timezone, language) })), channelType, language);
  return { kind: "reply", text, meta: { booking: "offered", slots: slots.map((s) => new Date(s.start).toISOString()) }, ...(content ? { content } : {}) };
}

/** Which offered slot the customer picked: its number, or a time only one of them has. */
function pickedSlot(text: string, payload: unknown, offered: number[], b: BotSettings["booking"]): number | null {
  const tapped = tappedSlot(payload, offered);
  if (tapped !== null) return tapped;
  const n = pickedNumber(text);
  if (n !== null) return offered[n - 1] ?? null;
  const m = /\b([01]?\d|2[0-3])[:.]([0-5]\d)\b/.exec(text);
  if (!m) return null;
  const hhmm = `${m[1]!.padStart(2, "0")}:${m[2]}`;
  const hits = offered.filter((s) => formatSlot(s, b.timezone, "en").endsWith(hhmm));
  return hits.length === 1 ? hits[0]! : null;
}

/** Record answers to the pending question(s); returns what was recorded and what was not an answer. */
async function recordAnswers(ctx: Ctx, input: TurnInput) {
  const { c, contact, fresh, state } = input;
  const { flow } = state;
  const remaining: Message[] = [];
  const recorded: AnswerRow[] = [];
  let pending = flow.steps.find((s) => s.key === c.flowStep) ?? null;
  for (const m of fresh) {
    // A tapped button or list row names its option by id, whatever its (possibly shortened) title says.
    const parsed = pending ? parseAnswer(pending, tappedOption(pending, m.payload) ?? m.text!, ctx.now()) : null;
    if (!pending || !parsed) {
      remaining.push(m);
      continue;
    }
    recorded.push({ tenantId: c.tenantId, contactId: contact.id, stepKey: pending.key, answer: m.text!.trim().slice(0, 500), value: parsed.value, points: parsed.points, messageId: m.id, answeredAt: ctx.now() });
    pending = nextStep(flow, [...state.answers, ...recorded]);
  }
  return { remaining, recorded, pending };
}

/**
 * The flow's turn. Picking an offered slot books it; asking to book offers
 * slots; answers to the pending question are recorded and the next question
 * (or the completion message) is the reply. Anything else continues to the
 * knowledge answer.
 */
export async function flowTurn(ctx: Ctx, input: TurnInput): Promise<FlowTurn> {
  const { c, contact, fresh, language, state, channelType } = input;
  const p = PHRASES[language];
  const b = state.booking;
  const last = fresh[fresh.length - 1]!;

  if (b.enabled) {
    // Moving a booking: the customer picked the new time.
    if (c.flowStep?.startsWith(RESCHEDULE_STEP) && c.flowOffer?.length) {
      const start = pickedSlot(last.text!, last.payload, c.flowOffer, b);
      if (start !== null) {
        const moved = await moveTo(ctx, c.tenantId, c.flowStep.slice(RESCHEDULE_STEP.length), start, language, b);
        if (!moved.ok) return offer(ctx, c, b, language, channelType, true, c.flowStep);
        await setFlowState(ctx, c, null, null);
        return { kind: "reply", text: moved.text, meta: moved.meta };
      }
    }
    // Asking to move or cancel an upcoming booking, or answering "cancel it?".
    const managed = await manageTurn(ctx, { tenantId: c.tenantId, contactId: contact.id, flowStep: c.flowStep, text: last.text!, language, booking: b });
    if (managed?.kind === "offer_reschedule") return offer(ctx, c, b, language, channelType, false, RESCHEDULE_STEP + managed.bookingId);
    if (managed?.kind === "ask_cancel") {
      await setFlowState(ctx, c, CANCEL_STEP + managed.bookingId, null);
      return { kind: "reply", text: managed.text, meta: { booking: "confirm_cancel", bookingId: managed.bookingId } };
    }
    if (managed?.kind === "reply") {
      if (managed.clear) await setFlowState(ctx, c, null, null);
      return { kind: "reply", text: managed.text, meta: managed.meta };
    }
  }
  if (b.enabled && c.flowStep === BOOKING_STEP && c.flowOffer?.length) {
    const start = pickedSlot(last.text!, last.payload, c.flowOffer, b);
    if (start !== null) {
      const result = await book(ctx, { tenantId: c.tenantId, contact: { id: contact.id, name: contact.name, phone: contact.phone }, conversationId: c.id, start, source: "bot" }, b);
      if (!result.ok) return offer(ctx, c, b, language, channelType, true);
      await setFlowState(ctx, c, null, null);
      return { kind: "reply", text: p.booked(formatSlot(start, b.timezone, language), b.timezone), meta: { booking: "booked", bookingId: result.booking.id } };
    }
  }
  if (b.enabled && fresh.some((m) => wantsBooking(m.text!))) return offer(ctx, c, b, language, channelType);

  const { flow } = state;
  if (!flow.enabled || !c.flowStep || c.flowStep === BOOKING_STEP) return { kind: "continue", remaining: fresh };
  const { remaining, recorded, pending } = await recordAnswers(ctx, input);
  if (!recorded.length) return { kind: "continue", remaining: fresh };

  const answers = [...state.answers.filter((a) => !recorded.some((r) => r.stepKey === a.stepKey)), ...recorded];
  state.answers = answers;
  const score = scoreOf(flow, answers);
  const qualifiedNow = score >= flow.qualifiedScore && contact.stage !== "qualified" && EARLY_STAGES.has(contact.stage);
  const stage = qualifiedNow ? "qualified" : contact.stage;
  const now = ctx.now();
  const nextKey = pending?.key ?? null;
  const [updatedContacts] = await ctx.db.batch([
    ctx.db.update(contacts).set({ stage, updatedAt: now }).where(and(eq(contacts.id, contact.id), eq(contacts.tenantId, c.tenantId))).returning(),
    ctx.db.update(conversations).set({ flowStep: nextKey, flowOffer: null }).where(eq(conversations.id, c.id)),
    ...recorded.map((r) =>
      ctx.db
        .insert(flowAnswers)
        .values(r)
        .onConflictDoUpdate({ target: [flowAnswers.contactId, flowAnswers.stepKey], set: { answer: r.answer, value: r.value, points: r.points, messageId: r.messageId, answeredAt: r.answeredAt } }),
    ),
  ]);
  c.flowStep = nextKey;
  c.flowOffer = null;
  // The answers' points are the score's qualification component (worker/leads/); a band change is announced there.
  const rescored = await rescoreContact(ctx, c.tenantId, contact.id, { mutate: (s) => ({ ...s, qualification: score }), conversationId: c.id });
  const updated = updatedContacts?.[0];
  if (updated && updated.stage !== contact.stage) {
    const view = contactView(updated);
    await emitEvents(ctx, [buildEvent(ctx, c.tenantId, "contact.updated", { contact: eventContact({ ...view, ...(rescored ? { leadScore: rescored.score, leadBand: rescored.band } : {}) }), changes: ["stage"] })]);
    if (updated.stage === CONVERTED_STAGE && contact.stage !== CONVERTED_STAGE) await attributeConversion(ctx, c.tenantId, contact.id);
  }
  Object.assign(contact, { stage: updated?.stage ?? contact.stage, ...(rescored ? { leadScore: rescored.score, leadBand: rescored.band } : {}) });
  const meta = { flow: { recorded: recorded.map((r) => r.stepKey), score } };

  if (qualifiedNow && flow.handoffWhenQualified) {
    await setFlowState(ctx, c, null, null);
    return { kind: "reply", text: p.qualifiedHandoff, meta, handoff: "qualified" };
  }
  // Some of the burst was a question: it is answered from the knowledge, and the next question follows that answer.
  if (remaining.length) return { kind: "continue", remaining };
  if (pending) {
    const content = questionContent(pending, channelType, language);
    return { kind: "reply", text: pending.question, meta, ...(content ? { content } : {}) };
  }
  const done = flow.completionMessage || p.flowDone;
  if (!b.enabled) return { kind: "reply", text: done, meta };
  const offered = await offer(ctx, c, b, language, channelType);
  if (offered.kind !== "reply") return offered;
  const text = `${done}\n\n${offered.text}`;
  const content = offered.content?.type === "list" ? { ...offered.content, body: text } : undefined;
  return { ...offered, text, meta: { ...meta, ...offered.meta }, ...(content ? { content } : {}) };
}

/**
 * What the bot appends to its message: the next question, or a reminder to
 * pick a slot. Marks the question as pending. `content`: on Meta, a choice
 * question as buttons or a list, sent as its own message after the bot's.
 */
export async function followUp(ctx: Ctx, c: Conversation, state: FlowState, language: Language, channelType: string): Promise<{ text: string; content: OutboundContent | null } | null> {
  if ((c.flowStep === BOOKING_STEP || c.flowStep?.startsWith(RESCHEDULE_STEP)) && c.flowOffer?.length && state.booking.enabled) return { text: PHRASES[language].pickSlot, content: null };
  if (!state.flow.enabled) return null;
  const step = nextStep(state.flow, state.answers);
  if (!step) return null;
  if (c.flowStep !== step.key) {
    await setFlowState(ctx, c, step.key, null);
    // The qualification funnel's "asked" (analytics): the first question this contact was asked.
    await ctx.db
      .update(contacts)
      .set({ flowAskedAt: ctx.now() })
      .where(and(eq(contacts.id, c.contactId), eq(contacts.tenantId, c.tenantId), isNull(contacts.flowAskedAt)));
  }
  return { text: step.question, content: questionContent(step, channelType, language) };
}
