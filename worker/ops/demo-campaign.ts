// The demo history's finished campaign: two weeks ago the agency announced a
// new listing (an approved marketing template) to the contacts it had tagged
// "Listing alerts". The template, the tag, the campaign and its frozen audience
// go through the code that makes them for real (templates/store, contacts'
// tag links, campaigns/store.createCampaign, campaigns/lifecycle.freezeAudience,
// which leaves out everyone who opted out); the sends and their outcomes are
// written as the pacer, the outbound consumer and the status webhooks write
// them (a `campaign` message per recipient with its delivery status and a
// real WhatsApp error code where it failed, the recipient's message and sent
// time); replies and bookings are attributed with campaigns/attribution.ts at
// the moment they happened. Campaign messages cost no credits; the assistant's
// answers to the replies cost one each, as live answers do.
import { and, eq, getTableColumns, sql } from "drizzle-orm";
import { attributeConversion, attributeReplyQuery } from "../campaigns/attribution";
import { freezeAudience, systemTenantCtx } from "../campaigns/lifecycle";
import { checkCampaignTemplate, renderFor } from "../campaigns/message";
import { createCampaign, getCampaignRow } from "../campaigns/store";
import { createCampaignInput, type MessageInput } from "../campaigns/inputs";
import { runBatch, type Statement } from "../contacts/batch";
import { addTags, contactIdsParam, ensureTags, refreshTagCache } from "../contacts/tag-links";
import { preview } from "../conversations/views";
import { PHRASES } from "../ai/phrases";
import { chunkRows } from "../db/client";
import { bookings, campaignRecipients, campaigns, contacts, conversations, creditLedger, messages } from "../db/schema";
import { contentText } from "../outbound/send";
import { createTemplate, createTemplateInput, findDefinition } from "../templates/store";
import { auditStatement } from "../tenancy/audit";
import type { TenantCtx } from "../lib/context";
import { newId } from "../lib/ids";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

export const DEMO_CAMPAIGN_NAME = "New listing: BSD City family home";
export const DEMO_TAG = "Listing alerts";
const TEMPLATE = {
  name: "new_listing_alert",
  language: "en",
  category: "marketing" as const,
  components: [
    { type: "HEADER" as const, format: "TEXT" as const, text: "New listing in BSD City" },
    {
      type: "BODY" as const,
      text: "Hi {{1}}, a 4-bedroom house in BSD City just came on the market: 200 m² of land, close to the toll road and AEON Mall, IDR 4.2 billion and mortgage (KPR) possible. Reply to this message to ask a question or book a viewing.",
    },
    { type: "FOOTER" as const, text: "Demo Realty · reply STOP to unsubscribe" },
  ],
};
const MESSAGE: MessageInput = { template: { name: TEMPLATE.name, language: TEMPLATE.language, parameters: [{ field: "name", fallback: "there" }] } };

/** Meta's errors for a marketing template that did not arrive. */
const FAILURES = [
  { code: "131026", title: "Message undeliverable" },
  { code: "131049", title: "This message was not delivered to maintain healthy ecosystem engagement." },
];

/** What recipients ask after the announcement: the knowledge entry that answers it (indexes of the demo's knowledge). */
const REPLIES: Array<[string, number, "en" | "id"]> = [
  ["Berapa harga rumah di BSD?", 3, "id"],
  ["Can you help me with a mortgage for this one?", 5, "en"],
  ["How long does a viewing take?", 7, "en"],
  ["Apakah pembeli bayar komisi?", 6, "id"],
  ["When is your office open? I'd like to drop by.", 0, "en"],
];
const BOOK = ["Can I see it this Saturday?", "Boleh lihat rumahnya hari Sabtu?"];

export interface CampaignTimes {
  templateAt: number;
  taggedAt: number;
  createdAt: number;
  startAt: number;
}

/** Two weeks ago: the template two days before, the list tagged and the campaign drafted the afternoon before, sent at 10:00 in Jakarta. */
export function campaignTimes(now: number): CampaignTimes {
  const day = Math.floor((now - 14 * DAY) / DAY) * DAY;
  return { templateAt: day - 2 * DAY + 2 * HOUR, taggedAt: day - DAY + 6 * HOUR, createdAt: day - DAY + 7 * HOUR, startAt: day + 3 * HOUR };
}

type Row<T extends { $inferInsert: unknown }> = T["$inferInsert"];
export interface HistoryRows {
  contacts: Array<Row<typeof contacts>>;
  conversations: Array<Row<typeof conversations>>;
  messages: Array<Row<typeof messages>>;
}

/**
 * Before the history is written: which contacts the agency had tagged for listing alerts
 * (customers whose conversation was over before the list was tagged), and the few of them
 * who had sent STOP by then (the assistant confirmed; the campaign leaves them out).
 */
export function planAudience(rows: HistoryRows, times: CampaignTimes, random: () => number): string[] {
  const last = new Map<string, number>();
  for (const m of rows.messages) last.set(m.conversationId, Math.max(last.get(m.conversationId) ?? 0, m.createdAt!));
  const tagged: string[] = [];
  let stopDue = false;
  rows.contacts.forEach((contact, i) => {
    const conv = rows.conversations[i]!;
    const ended = last.get(conv.id!) ?? conv.createdAt!;
    if (contact.createdAt! >= times.taggedAt || ended >= times.taggedAt - HOUR || random() >= 0.7) return;
    tagged.push(contact.id!);
    // About one in twelve of them had written STOP since.
    if (tagged.length % 12 === 4) stopDue = true;
    const stopAt = ended + Math.round((60 + random() * 2 * 24 * 60) * MINUTE);
    if (stopDue && stopAt < times.taggedAt - HOUR) {
      stopDue = false;
      const base = { tenantId: conv.tenantId!, conversationId: conv.id!, channelId: conv.channelId!, type: "text" } as const;
      const stopId = newId("message", stopAt);
      const text = PHRASES.en.optedOut;
      rows.messages.push(
        { ...base, id: stopId, direction: "inbound", author: "customer", text: "STOP", status: "received", providerMessageId: `demo.${stopId}`, providerTimestamp: Math.floor(stopAt / 1000), createdAt: stopAt, updatedAt: stopAt },
      );
      const confirmAt = stopAt + 3_000;
      const confirmId = newId("message", confirmAt);
      rows.messages.push({
        ...base,
        id: confirmId,
        direction: "outbound",
        author: "bot",
        text,
        payload: { content: { type: "text", text }, optOut: true },
        status: "read",
        providerMessageId: `demo.${confirmId}`,
        providerTimestamp: Math.floor(confirmAt / 1000),
        createdAt: confirmAt,
        updatedAt: confirmAt,
      });
      contact.optedOut = true;
      contact.optedOutAt = stopAt;
      contact.lastMessageAt = confirmAt;
      contact.updatedAt = stopAt;
      // A customer message reopens a closed conversation.
      Object.assign(conv, { status: "open", lastMessageAt: confirmAt, lastInboundAt: stopAt, lastMessagePreview: preview(text, "text"), updatedAt: confirmAt });
    }
  });
  return tagged;
}

export interface SeededCampaign {
  campaignId: string;
  messages: number;
  ledger: Array<Row<typeof creditLedger>>;
}

/** After the history is written: the template, the tag, the campaign, its sends, replies and bookings. */
export async function seedDemoCampaign(
  ctx: TenantCtx,
  input: {
    times: CampaignTimes;
    tagged: string[];
    channelId: string;
    /** The knowledge entries' ids and their answers (an id is missing where the tenant had its own knowledge). */
    knowledge: Array<{ id: string | undefined; answer: string }>;
    bookedSlots: Set<number>;
    balance: number;
    random: () => number;
  },
): Promise<SeededCampaign | null> {
  const { times, random } = input;
  if (!input.tagged.length) return null;
  const at = (t: number): TenantCtx => ({ ...ctx, now: () => t });
  const channel = { id: input.channelId, type: "sandbox" as const };

  const existing = await findDefinition(ctx, channel, TEMPLATE.name, TEMPLATE.language);
  if (!existing) await createTemplate(at(times.templateAt), createTemplateInput.parse(TEMPLATE));
  const tagCtx = at(times.taggedAt);
  await runBatch(tagCtx, [ensureTags(tagCtx, [DEMO_TAG]), addTags(tagCtx, input.tagged, [DEMO_TAG]), refreshTagCache(tagCtx, contactIdsParam(input.tagged))]);

  const draft = await createCampaign(
    at(times.createdAt),
    createCampaignInput.parse({ name: DEMO_CAMPAIGN_NAME, channelId: input.channelId, audience: { tags: [DEMO_TAG] }, message: MESSAGE, scheduledAt: new Date(times.startAt).toISOString() }),
  );
  const info = await checkCampaignTemplate(ctx, channel, MESSAGE);
  // Scheduled a minute after it was created; at 10:00 it started and froze its audience (the opted-out left out).
  const startCtx = at(times.startAt);
  await ctx.db.batch([
    ctx.db.update(campaigns).set({ status: "scheduled", updatedAt: times.createdAt + MINUTE }).where(and(eq(campaigns.id, draft.id), eq(campaigns.tenantId, ctx.tenantId))),
    auditStatement(at(times.createdAt + MINUTE), { action: "campaign.scheduled", targetType: "campaign", targetId: draft.id, metadata: { status: "scheduled" } }),
    ctx.db.update(campaigns).set({ status: "sending", startedAt: times.startAt, updatedAt: times.startAt }).where(and(eq(campaigns.id, draft.id), eq(campaigns.tenantId, ctx.tenantId))),
    auditStatement(systemTenantCtx(startCtx, ctx.tenantId), { action: "campaign.started", targetType: "campaign", targetId: draft.id, metadata: { status: "sending" } }),
  ]);
  const campaign = await getCampaignRow(ctx, draft.id);
  const audienceCount = await freezeAudience(startCtx, campaign);

  const recipients = await ctx.db
    .select({ recipient: campaignRecipients, contact: contacts, conversation: conversations })
    .from(campaignRecipients)
    .innerJoin(contacts, eq(contacts.id, campaignRecipients.contactId))
    .innerJoin(conversations, and(eq(conversations.contactId, contacts.id), eq(conversations.channelId, input.channelId), eq(conversations.tenantId, ctx.tenantId)))
    .where(and(eq(campaignRecipients.tenantId, ctx.tenantId), eq(campaignRecipients.campaignId, campaign.id)))
    .orderBy(campaignRecipients.id)
    .all();

  const rows = { messages: [] as Array<Row<typeof messages>>, bookings: [] as Array<Row<typeof bookings>>, ledger: [] as Array<Row<typeof creditLedger>> };
  const updates: Statement[] = [];
  const replies: Array<{ contactId: string; at: number }> = [];
  const conversions: Array<{ contactId: string; at: number }> = [];
  let balance = input.balance;
  let lastSent = times.startAt;
  let answered = 0;
  const ratePerSecond = campaign.ratePerSecond;

  recipients.forEach(({ recipient, contact, conversation }, i) => {
    // Released at the campaign's rate; the provider accepted each a moment later.
    const queuedAt = times.startAt + 1_000 + Math.floor((i * 1000) / ratePerSecond);
    const sentAt = queuedAt + 250 + Math.floor(random() * 600);
    lastSent = Math.max(lastSent, sentAt);
    const { content, meta } = renderFor(MESSAGE, info, contact);
    const text = contentText(content);
    // About one in twelve never arrived (a number no longer on WhatsApp, Meta's marketing limit per user).
    const failure = i % 23 === 5 ? FAILURES[0]! : i % 31 === 11 ? FAILURES[1]! : null;
    const x = random();
    const status = failure ? "failed" : x < 0.05 ? "sent" : x < 0.27 ? "delivered" : "read";
    const statusAt = status === "sent" ? sentAt : status === "read" ? sentAt + Math.round((2 + random() * 300) * MINUTE) : sentAt + Math.round(random() * 90_000);
    const base = { tenantId: ctx.tenantId, conversationId: conversation.id, channelId: conversation.channelId };
    const messageId = newId("message", queuedAt);
    rows.messages.push({
      ...base,
      id: messageId,
      direction: "outbound",
      author: "campaign",
      type: content.type,
      text,
      payload: { content, ...meta },
      status,
      errorCode: failure?.code ?? null,
      errorTitle: failure?.title ?? null,
      providerMessageId: `demo.${messageId}`,
      providerTimestamp: Math.floor(sentAt / 1000),
      campaignId: campaign.id,
      createdAt: queuedAt,
      updatedAt: statusAt,
    });
    updates.push(
      ctx.db
        .update(campaignRecipients)
        .set({ state: "queued", messageId, queuedAt, sentAt, updatedAt: statusAt })
        .where(and(eq(campaignRecipients.id, recipient.id), eq(campaignRecipients.tenantId, ctx.tenantId))),
    );

    // About a third of those who read it wrote back within a few hours; the assistant answered from the knowledge.
    let t = statusAt;
    let lastInbound = conversation.lastInboundAt;
    let lastText = text;
    let last = queuedAt;
    const say = (direction: "inbound" | "outbound", author: "customer" | "bot" | "agent", body: string, payload: Record<string, unknown> | null = null) => {
      const id = newId("message", t);
      rows.messages.push({
        ...base,
        id,
        type: "text",
        direction,
        author,
        authorUserId: author === "agent" ? ctx.userId : null,
        text: body,
        payload: direction === "outbound" ? { content: { type: "text", text: body }, ...payload } : null,
        status: direction === "inbound" ? "received" : "read",
        providerMessageId: `demo.${id}`,
        providerTimestamp: Math.floor(t / 1000),
        createdAt: t,
        updatedAt: t,
      });
      if (direction === "inbound") lastInbound = t;
      lastText = body;
      last = t;
      return id;
    };
    if (status === "read" && random() < 0.35) {
      t += Math.round((1 + random() * 180) * MINUTE);
      const [question, entry, language] = REPLIES[Math.floor(random() * REPLIES.length)]!;
      const known = input.knowledge[entry]!;
      say("inbound", "customer", question);
      replies.push({ contactId: contact.id, at: t });
      t += 2_000 + Math.floor(random() * 5_000);
      const bot = conversation.mode === "bot" && known.id !== undefined;
      if (bot) {
        const id = say("outbound", "bot", known.answer, { sources: [known.id], language });
        balance -= 1;
        rows.ledger.push({ id: newId("ledger", t), tenantId: ctx.tenantId, delta: -1, reason: "answer", reference: `demo:${id}`, balanceAfter: balance, createdAt: t });
      } else {
        t += Math.round((5 + random() * 60) * MINUTE);
        say("outbound", "agent", "Thanks for your message, happy to help with the BSD house. Let me send you the details.");
      }
      // Every third of those the assistant answered booked a viewing there and then: the campaign converted them.
      if (bot && answered++ % 3 === 0) {
        t += Math.round((2 + random() * 30) * MINUTE);
        say("inbound", "customer", BOOK[Math.floor(random() * BOOK.length)]!);
        t += 3_000;
        let slot = Math.floor((t + (3 + Math.floor(random() * 4)) * DAY) / HOUR) * HOUR;
        while (input.bookedSlots.has(slot)) slot += HOUR;
        input.bookedSlots.add(slot);
        say("outbound", "bot", "Your viewing is booked. See you there!", { booking: true });
        rows.bookings.push({ id: newId("booking", t), tenantId: ctx.tenantId, contactId: contact.id, conversationId: conversation.id, startsAt: slot, endsAt: slot + 45 * MINUTE, status: "confirmed", source: "bot", createdAt: t, updatedAt: t });
        conversions.push({ contactId: contact.id, at: t });
      }
    }
    const lastAt = Math.max(last, conversation.lastMessageAt ?? 0);
    const newest = last >= (conversation.lastMessageAt ?? 0);
    updates.push(
      ctx.db
        .update(conversations)
        .set({
          lastMessageAt: lastAt,
          lastInboundAt: lastInbound,
          ...(newest ? { lastMessagePreview: preview(lastText, lastText === text ? content.type : "text") } : {}),
          ...(lastInbound !== conversation.lastInboundAt ? { status: "open" as const } : {}),
          updatedAt: Math.max(lastAt, conversation.updatedAt),
        })
        .where(and(eq(conversations.id, conversation.id), eq(conversations.tenantId, ctx.tenantId))),
      ctx.db
        .update(contacts)
        .set({ lastMessageAt: Math.max(lastAt, contact.lastMessageAt ?? 0) })
        .where(and(eq(contacts.id, contact.id), eq(contacts.tenantId, ctx.tenantId))),
    );
  });

  // Drizzle binds every column of the table (defaults included) for each row.
  const width = (table: Parameters<typeof getTableColumns>[0]) => Object.keys(getTableColumns(table)).length;
  const inserts = [
    ...chunkRows(rows.messages, width(messages)).map((v) => ctx.db.insert(messages).values(v)),
    ...chunkRows(rows.bookings, width(bookings)).map((v) => ctx.db.insert(bookings).values(v)),
    ...chunkRows(rows.ledger, width(creditLedger)).map((v) => ctx.db.insert(creditLedger).values(v)),
  ];
  const statements: Statement[] = [...inserts, ...updates];
  for (let i = 0; i < statements.length; i += 50) await runBatch(ctx, statements.slice(i, i + 50));
  // Attributed as the inbound path and the booking code attribute them, at the moment each happened.
  for (const r of replies) await attributeReplyQuery(ctx, r.at, ctx.tenantId, r.contactId, sql`1`);
  for (const c of conversions) await attributeConversion(at(c.at), ctx.tenantId, c.contactId);

  // Nothing pending and nothing on the queue after the last send: completed.
  const completedAt = lastSent + 1_500;
  await ctx.db
    .update(campaigns)
    .set({ status: "completed", audienceCount, pacerStartedAt: times.startAt, dispatched: recipients.length, completedAt, updatedAt: completedAt })
    .where(and(eq(campaigns.id, campaign.id), eq(campaigns.tenantId, ctx.tenantId), eq(campaigns.status, "sending")));
  return { campaignId: campaign.id, messages: rows.messages.length, ledger: rows.ledger };
}
