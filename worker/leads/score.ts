// Keeping contacts.lead_score current: on each customer message (inside the
// conversation's Durable Object, right after the message is stored), when a
// qualification answer is recorded, when a booking is made or cancelled, and
// once a day by the cron so that silence lowers it. A recomputation is one
// read batch and one write batch; contact.updated is emitted once per band
// change (the write is guarded on the band it read, so two writers never
// both announce the same change).
import { and, asc, count, desc, eq, lt, ne, or, gt, sql, type SQL } from "drizzle-orm";
import { bookings, contacts, conversations, messages, memberships } from "../db/schema";
import type { Ctx } from "../lib/context";
import { placeholderFor, preparedStatement, runBound, type Bound, type Value } from "../db/prepared";
import { SYSTEM_ACTOR } from "../lib/context";
import { errorFields } from "../lib/logger";
import { buildEvent, emitEvents } from "../events/emit";
import { contactView, eventContact } from "../contacts/views";
import { loadBotSettings } from "../ai/settings";
import { PHRASES } from "../ai/phrases";
import { handoff } from "../ai/responder";
import { publishConversationChange } from "../conversations/changes";
import { intentOf } from "./intent";
import { emptyState, scoreOf, withMessage, type Band, type LeadState, type ScoringSettings, type ScoreResult } from "./model";
import { classifierSentiment, lexiconSentiment, type Sentiment, type SentimentAi } from "./sentiment";

type ContactRow = typeof contacts.$inferSelect;
type MessageRow = typeof messages.$inferSelect;

export function stateOf(c: Pick<ContactRow, "leadState" | "leadScore">): LeadState {
  const s = c.leadState as Partial<LeadState> | null;
  // A contact scored before this model: its score was the qualification answers' points.
  return s && typeof s.activity === "number" ? { ...emptyState(), ...s } : emptyState(c.leadScore);
}

/** The sentiment of a customer message under the tenant's setting. */
export async function sentimentFor(ctx: Ctx, scoring: ScoringSettings, text: string): Promise<Sentiment> {
  if (scoring.sentiment === "workers-ai" && ctx.env.AI) return classifierSentiment(ctx.env.AI as unknown as SentimentAi, text);
  return lexiconSentiment(text);
}

interface Change {
  /** How the state moves (a new message, a new qualification total); none for a plain recomputation. */
  mutate?: (s: LeadState) => LeadState;
  /** Written in the same batch as the score. */
  extra?: (ctx: Ctx) => Bound<unknown>[];
  conversationId?: string | null;
  /** The contact and its booking count as the caller just read them (used by the first attempt only). */
  known?: ScoringReads;
}

/** What a recomputation reads besides the settings; a caller that batches them with its own writes passes them in. */
export interface ScoringReads {
  contact: ContactRow;
  bookings: number;
}

export const bookingCount = (ctx: Pick<Ctx, "db">, tenantId: Value<string>, contactId: Value<string>) =>
  ctx.db
    .select({ n: count() })
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.contactId, contactId), eq(bookings.status, "confirmed")));

/**
 * Recompute one contact's score and store it with its breakdown. Returns the
 * result, or null when the contact is gone. Emits contact.updated (and runs
 * the hot-lead action) when the band changed.
 */
export async function rescoreContact(ctx: Ctx, tenantId: string, contactId: string, change: Change = {}, settings?: ScoringSettings): Promise<ScoreResult | null> {
  const scoring = settings ?? (await loadBotSettings(ctx, tenantId)).scoring;
  for (let attempt = 0; attempt < 2; attempt++) {
    // A retry (the band moved under us) always reads afresh.
    const reads =
      attempt === 0 && change.known
        ? change.known
        : await ctx.db
            .batch([ctx.db.select().from(contacts).where(and(eq(contacts.id, contactId), eq(contacts.tenantId, tenantId))), bookingCount(ctx, tenantId, contactId)])
            .then(([[contact], [booked]]) => (contact ? { contact, bookings: booked?.n ?? 0 } : null));
    const contact = reads?.contact;
    if (!contact || contact.erasedAt) return null;
    const now = ctx.now();
    const state = change.mutate ? change.mutate(stateOf(contact)) : stateOf(contact);
    const result = scoreOf(state, { name: contact.name, email: contact.email, customFields: contact.customFields, bookings: reads.bookings }, scoring, now);
    const [updated] = await runBound(ctx.db, [
      storeScore(ctx.db, { score: result.score, band: result.band, breakdown: result.breakdown, state, now, contactId, tenantId, bandRead: contact.leadBand }),
      ...(change.extra?.(ctx) ?? []),
    ]);
    const row = updated[0];
    if (!row) continue;
    if (row.leadBand !== contact.leadBand) await bandChanged(ctx, row, contact.leadBand, scoring, change.conversationId ?? null);
    return result;
  }
  ctx.logger.warn("lead score not stored: the band kept changing", { contactId });
  return null;
}

/** A contact's new score, guarded on the band read before it: of two concurrent writers only one sees the band change. */
const storeScore = preparedStatement((db) =>
  db
    .update(contacts)
    .set({
      leadScore: placeholderFor<number>("score"),
      leadBand: placeholderFor<Band>("band"),
      scoreBreakdown: placeholderFor<ScoreResult["breakdown"]>("breakdown"),
      leadState: placeholderFor<Record<string, unknown>>("state"),
      scoreUpdatedAt: placeholderFor<number>("now"),
    })
    .where(and(eq(contacts.id, sql.placeholder("contactId")), eq(contacts.tenantId, sql.placeholder("tenantId")), eq(contacts.leadBand, sql.placeholder("bandRead"))))
    .returning(),
);

/** A customer message's sentiment, written with the score. */
const storeSentiment = preparedStatement((db) =>
  db
    .update(messages)
    .set({ sentiment: placeholderFor<number>("score"), sentimentLabel: placeholderFor<Sentiment["label"]>("label") })
    .where(and(eq(messages.id, sql.placeholder("messageId")), eq(messages.tenantId, sql.placeholder("tenantId")))),
);

/**
 * The message before `messageId` in its conversation (at or before `at`): when
 * it was the business's, the customer is answering it. `conversationId` may be
 * a subquery, so the insert's batch can read it in the same round trip.
 */
export const previousMessageQuery = (ctx: Pick<Ctx, "db">, tenantId: Value<string>, conversationId: SQL | Value<string>, messageId: Value<string>, at: Value<number>) =>
  ctx.db
    .select({ direction: messages.direction, at: sql<number>`coalesce(${messages.providerTimestamp}, ${messages.createdAt})` })
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), eq(messages.conversationId, conversationId), ne(messages.id, messageId), sql`coalesce(${messages.providerTimestamp}, ${messages.createdAt}) <= ${at}`))
    .orderBy(desc(sql`coalesce(${messages.providerTimestamp}, ${messages.createdAt})`), desc(messages.id))
    .limit(1);

export const repliedToAtOf = (prev: { direction: string; at: number } | undefined): number | null => (prev?.direction === "outbound" ? prev.at : null);

async function repliedToAt(ctx: Ctx, row: MessageRow): Promise<number | null> {
  return repliedToAtOf(await previousMessageQuery(ctx, row.tenantId, row.conversationId, row.id, row.providerTimestamp ?? row.createdAt).get());
}

/** What scoring a stored customer message needs, when the insert read it already. */
export interface InboundScoringReads {
  scoring: ScoringSettings;
  reads: ScoringReads | undefined;
  repliedToAt: number | null;
}

/**
 * A customer message was stored: read its sentiment and buying signals, keep
 * the sentiment on the message, and recompute the contact's score. Returns the
 * sentiment (null for a message without text).
 */
export async function scoreInbound(ctx: Ctx, row: MessageRow, contactId: string, known?: InboundScoringReads): Promise<Sentiment | null> {
  // The caller usually read these with the insert; otherwise they are read here.
  const scoring = known?.scoring ?? (await loadBotSettings(ctx, row.tenantId)).scoring;
  const text = row.text ?? row.transcript ?? "";
  const sentiment = text.trim() ? await sentimentFor(ctx, scoring, text) : null;
  const at = row.providerTimestamp ?? row.createdAt;
  const replied = known ? known.repliedToAt : await repliedToAt(ctx, row);
  await rescoreContact(
    ctx,
    row.tenantId,
    contactId,
    {
      conversationId: row.conversationId,
      known: known?.reads,
      mutate: (s) => withMessage(s, { at, type: row.type, intent: intentOf(text), sentiment, repliedToAt: replied }),
      extra: (c) => (sentiment ? [storeSentiment(c.db, { score: sentiment.score, label: sentiment.label, messageId: row.id, tenantId: row.tenantId })] : []),
    },
    scoring,
  );
  return sentiment;
}

async function bandChanged(ctx: Ctx, row: ContactRow, from: Band, scoring: ScoringSettings, conversationId: string | null) {
  await emitEvents(ctx, [buildEvent(ctx, row.tenantId, "contact.updated", { contact: eventContact(contactView(row)), changes: ["leadBand", "leadScore"], previousBand: from })]);
  if (row.leadBand !== "hot" || scoring.onHot === "none" || !conversationId) return;
  try {
    await hotLeadAction(ctx, row, scoring, conversationId);
  } catch (err) {
    ctx.logger.warn("hot lead action failed", { contactId: row.id, ...errorFields(err) });
  }
}

/** A lead just became hot: hand the conversation to a person, or give it to the chosen member. */
async function hotLeadAction(ctx: Ctx, contact: ContactRow, scoring: ScoringSettings, conversationId: string) {
  const c = await ctx.db.select().from(conversations).where(and(eq(conversations.id, conversationId), eq(conversations.tenantId, contact.tenantId))).get();
  if (!c) return;
  if (scoring.onHot === "handoff") {
    if (c.mode !== "bot") return;
    const settings = await loadBotSettings(ctx, contact.tenantId);
    await handoff(ctx, c, contact, "hot_lead", PHRASES[settings.persona.defaultLanguage].qualifiedHandoff);
    return;
  }
  const to = scoring.assignTo;
  if (!to || c.assignedTo) return;
  // Only a member of the tenant, and only a conversation nobody has taken.
  const [updated] = await ctx.db
    .update(conversations)
    .set({ assignedTo: to, updatedAt: ctx.now() })
    .where(
      and(
        eq(conversations.id, c.id),
        eq(conversations.tenantId, c.tenantId),
        sql`${conversations.assignedTo} IS NULL`,
        sql`EXISTS (SELECT 1 FROM ${memberships} WHERE ${memberships.tenantId} = ${c.tenantId} AND ${memberships.userId} = ${to})`,
      ),
    )
    .returning();
  if (!updated) {
    ctx.logger.warn("hot lead not assigned: the conversation is taken or the member left", { conversationId: c.id });
    return;
  }
  await publishConversationChange({ ...ctx, tenantId: c.tenantId, actor: SYSTEM_ACTOR, role: "owner", userId: null }, updated, "assigned", { from: null, to, reason: "hot_lead" });
}

const DECAY_EVERY_MS = 20 * 3600_000;
const DECAY_CHUNK = 200;
const DECAY_CHUNKS_PER_RUN = 10;

/**
 * The cron's daily decay: contacts with a score whose last computation is more
 * than 20 hours old are recomputed at the current time, oldest first, in
 * chunks (the next run continues where this one stopped).
 */
export async function decayLeadScores(ctx: Ctx): Promise<number> {
  let done = 0;
  const settingsByTenant = new Map<string, ScoringSettings>();
  for (let chunk = 0; chunk < DECAY_CHUNKS_PER_RUN; chunk++) {
    const cutoff = ctx.now() - DECAY_EVERY_MS;
    const rows = await ctx.db
      .select({ id: contacts.id, tenantId: contacts.tenantId })
      .from(contacts)
      .where(and(or(gt(contacts.leadScore, 0), ne(contacts.leadBand, "cold")), or(lt(contacts.scoreUpdatedAt, cutoff), sql`${contacts.scoreUpdatedAt} IS NULL`)))
      .orderBy(asc(contacts.scoreUpdatedAt))
      .limit(DECAY_CHUNK)
      .all();
    for (const r of rows) {
      let scoring = settingsByTenant.get(r.tenantId);
      if (!scoring) {
        scoring = (await loadBotSettings(ctx, r.tenantId)).scoring;
        settingsByTenant.set(r.tenantId, scoring);
      }
      const result = await rescoreContact(ctx, r.tenantId, r.id, {}, scoring);
      // An erased contact keeps its row: stamp it so the sweep does not pick it again.
      if (!result) await ctx.db.update(contacts).set({ scoreUpdatedAt: ctx.now() }).where(and(eq(contacts.id, r.id), eq(contacts.tenantId, r.tenantId)));
      done++;
    }
    if (rows.length < DECAY_CHUNK) break;
  }
  return done;
}

/**
 * The conversation's Durable Object calls this once per stored customer
 * message. A failure is logged and never holds up the message: the next
 * message or the daily run recomputes the score.
 */
export async function scoreReceived(ctx: Ctx, row: MessageRow, contactId: string, known?: InboundScoringReads): Promise<void> {
  try {
    const s = await scoreInbound(ctx, row, contactId, known);
    if (s) Object.assign(row, { sentiment: s.score, sentimentLabel: s.label });
  } catch (err) {
    ctx.logger.warn("lead score not updated", { messageId: row.id, ...errorFields(err) });
  }
}
