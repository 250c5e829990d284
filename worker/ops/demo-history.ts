// The demo tenant's history (local runs only, DEMO_SEED on): a property agency
// with knowledge in English and Indonesian, a qualification flow, and 30 days
// of customers on the sandbox channel — answers, questions the assistant could
// not answer, handoffs with agent replies, qualified leads, bookings and
// delivery statuses, a few opt-outs (STOP), and a finished campaign two weeks
// ago (demo-campaign.ts). It writes the same rows live traffic writes (the
// analytics triggers count them as they go), then rebuilds the rollups from
// those rows. Seeding twice changes nothing.
import { and, eq, getTableColumns, sql } from "drizzle-orm";
import { creditSummary } from "../ai/credits";
import { createKnowledge } from "../ai/knowledge";
import { normalizeQuestion } from "../ai/gaps";
import { loadBotSettings, updateBotSettings } from "../ai/settings";
import { rebuildAnalytics } from "../analytics/rebuild";
import { sandboxChannel } from "../channels/store";
import { chunkRows } from "../db/client";
import { bookings, contacts, conversations, creditAccounts, creditLedger, flowAnswers, knowledgeEntries, knowledgeGaps, messages } from "../db/schema";
import { PRESETS } from "../flows/definition";
import { loadFlow, saveFlow } from "../flows/store";
import { AppError } from "../http/errors";
import type { TenantCtx } from "../lib/context";
import { newId } from "../lib/ids";
import { campaignTimes, planAudience, seedDemoCampaign } from "./demo-campaign";

const DAY = 86_400_000;
const MINUTE = 60_000;
const CONTACTS = 240;
const WA_PREFIX = "6281100";

const KNOWLEDGE = [
  { title: "Office hours", content: "Our office in Kemang is open Monday to Saturday, 09:00 to 18:00 WIB. Viewings can also be arranged on Sunday by appointment.", tags: ["office"] },
  { title: "Jam buka kantor", content: "Kantor kami di Kemang buka Senin sampai Sabtu, pukul 09:00 sampai 18:00 WIB. Kunjungan hari Minggu bisa dengan janji.", tags: ["kantor"] },
  { title: "Menteng townhouse", content: "3-bedroom townhouse in Menteng, 180 m² building on 150 m² land, carport for 2 cars. Price: IDR 8.5 billion, negotiable.", tags: ["listing", "menteng"] },
  { title: "Rumah di BSD", content: "Rumah 4 kamar tidur di BSD City, luas tanah 200 m², dekat tol dan AEON Mall. Harga IDR 4,2 miliar. Bisa KPR.", tags: ["listing", "bsd"] },
  { title: "Apartment rental in Sudirman", content: "2-bedroom apartment in Sudirman, fully furnished, 24th floor with city view. Rent: IDR 25 million per month, minimum 12 months.", tags: ["rental"] },
  { title: "Mortgage (KPR) help", content: "We work with BCA, Mandiri and BTN for mortgages (KPR). A down payment of at least 10% is usually needed; we help you prepare the documents.", tags: ["kpr"] },
  { title: "Biaya dan komisi", content: "Pembeli tidak dikenakan komisi. Penjual membayar komisi 2,5% dari harga jual setelah transaksi selesai.", tags: ["biaya"] },
  { title: "Viewing a property", content: "Viewings take about 45 minutes. Book a slot in the chat and an agent meets you at the property.", tags: ["viewing"] },
];

/** Questions customers ask, the entry that answers each (null: the knowledge has no answer). */
const QUESTIONS: Array<[string, number | null]> = [
  ["When is your office open?", 0],
  ["Jam berapa kantor buka?", 1],
  ["How much is the Menteng townhouse?", 2],
  ["Berapa harga rumah di BSD?", 3],
  ["Is the Sudirman apartment still available for rent?", 4],
  ["Can you help me with a mortgage?", 5],
  ["Apakah pembeli bayar komisi?", 6],
  ["How long does a viewing take?", 7],
  ["Do you have villas in Bali?", null],
  ["Is there a swimming pool in the complex?", null],
  ["Apakah boleh bawa hewan peliharaan?", null],
  ["Do you sell land in Bogor?", null],
  ["Is the area flood free?", null],
];

const NAMES = ["Ayu", "Budi", "Citra", "Dewi", "Eko", "Fajar", "Gita", "Hendra", "Indah", "Joko", "Kartika", "Lestari", "Made", "Nadia", "Oka", "Putri", "Rizky", "Sari", "Taufik", "Wulan", "Yusuf", "Zahra", "Anna", "Michael", "Sarah", "David"];
const SURNAMES = ["Santoso", "Wijaya", "Pratama", "Halim", "Kusuma", "Nugroho", "Saputra", "Hartono", "Smith", "Tan"];

function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedDemoHistory(ctx: TenantCtx): Promise<{ created: boolean; contacts: number; messages: number }> {
  if (!ctx.config.DEMO_SEED || ctx.config.ENVIRONMENT === "production") throw new AppError("not_found", "Not found");
  const firstWaId = `${WA_PREFIX}0000`;
  const seeded = await ctx.db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.tenantId, ctx.tenantId), eq(contacts.waId, firstWaId))).get();
  if (seeded) return { created: false, contacts: 0, messages: 0 };

  const settings = await loadBotSettings(ctx, ctx.tenantId);
  if (settings.businessHours.timezone === "UTC" && settings.booking.timezone === "UTC") {
    await updateBotSettings(ctx, { businessHours: { timezone: "Asia/Jakarta" }, booking: { timezone: "Asia/Jakarta" } });
  }
  const [{ n: entries }] = (await ctx.db.select({ n: sql<number>`count(*)` }).from(knowledgeEntries).where(eq(knowledgeEntries.tenantId, ctx.tenantId)).all()) as [{ n: number }];
  const entryIds: string[] = [];
  if (entries === 0) for (const k of KNOWLEDGE) entryIds.push((await createKnowledge(ctx, k)).id);
  const flow = await loadFlow(ctx, ctx.tenantId);
  const preset = PRESETS.find((p) => p.id === "real_estate")!.flow;
  if (!flow.enabled) await saveFlow(ctx, preset);
  const channel = await sandboxChannel(ctx);

  const r = prng(20260101);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const now = ctx.now();
  const rows = {
    contacts: [] as Array<typeof contacts.$inferInsert>,
    conversations: [] as Array<typeof conversations.$inferInsert>,
    messages: [] as Array<typeof messages.$inferInsert>,
    gaps: [] as Array<typeof knowledgeGaps.$inferInsert>,
    answers: [] as Array<typeof flowAnswers.$inferInsert>,
    bookings: [] as Array<typeof bookings.$inferInsert>,
    ledger: [] as Array<typeof creditLedger.$inferInsert>,
  };
  // The credit account as the credits code opens it (with its monthly grant), at the start of the history when it
  // has none yet, so the answers below are paid from it and its balance is what the ledger says.
  await creditSummary({ ...ctx, now: () => Math.floor((now - 29 * DAY) / DAY) * DAY });
  const account = await ctx.db.select().from(creditAccounts).where(eq(creditAccounts.tenantId, ctx.tenantId)).get();
  let balance = account?.balance ?? 0;
  const bookedSlots = new Set<number>();

  for (let i = 0; i < CONTACTS; i++) {
    // Busier on recent days; customers write between 08:00 and 21:00 Jakarta time (01:00–14:00 UTC).
    const daysAgo = Math.floor(Math.pow(r(), 1.3) * 29);
    const dayStart = Math.floor((now - daysAgo * DAY) / DAY) * DAY;
    // A conversation runs on for up to a few hours after its first message: one that would not have
    // finished by now starts a day earlier, so no row lies in the future (or past today's date in Jakarta).
    let t = Math.round(dayStart + (1 + r() * 13) * 60 * MINUTE);
    if (t > now - 12 * 60 * MINUTE) t -= DAY;
    const contactId = newId("contact");
    const conversationId = newId("conversation");
    const name = `${pick(NAMES)} ${pick(SURNAMES)}`;
    const waId = `${WA_PREFIX}${String(i).padStart(4, "0")}`;
    const createdAt = t;
    const conv: typeof conversations.$inferInsert = { id: conversationId, tenantId: ctx.tenantId, contactId, channelId: channel.id, mode: "bot", status: "open", unreadCount: 0, createdAt, updatedAt: createdAt };
    const contact: typeof contacts.$inferInsert = { id: contactId, tenantId: ctx.tenantId, waId, phone: `+${waId}`, name, createdAt, updatedAt: createdAt, stage: "new", leadScore: 0 };
    let lastInbound = t;
    let lastPreview = "";
    const say = (direction: "inbound" | "outbound", author: "customer" | "bot" | "agent", text: string, payload: Record<string, unknown> | null = null) => {
      const id = newId("message");
      const status =
        direction === "inbound" ? "received" : (() => {
          const x = r();
          return x < 0.04 ? "failed" : x < 0.16 ? "delivered" : x < 0.2 ? "sent" : "read";
        })();
      rows.messages.push({
        id,
        tenantId: ctx.tenantId,
        conversationId,
        channelId: channel.id,
        direction,
        author,
        authorUserId: author === "agent" ? ctx.userId : null,
        type: "text",
        text,
        payload: direction === "outbound" ? { content: { type: "text", text }, ...payload } : null,
        status,
        errorCode: status === "failed" ? "131026" : null,
        errorTitle: status === "failed" ? "Message undeliverable" : null,
        providerMessageId: `demo.${id}`,
        providerTimestamp: Math.floor(t / 1000),
        createdAt: t,
        updatedAt: t,
      });
      // Only what is stored counts: a message after now is not written (see below).
      if (direction === "inbound" && t <= now) lastInbound = t;
      if (t <= now) lastPreview = text;
      return id;
    };

    const turns = 1 + Math.floor(r() * 3);
    for (let turn = 0; turn < turns && t < now; turn++) {
      // Most questions are ones the knowledge answers; a few are not (the gap list).
      const [question, entry] = r() < 0.8 ? pick(QUESTIONS.filter((q) => q[1] !== null)) : pick(QUESTIONS.filter((q) => q[1] === null));
      const asked = say("inbound", "customer", question);
      t += 2_000 + Math.floor(r() * 6_000);
      if (conv.mode === "human") {
        t += Math.round((5 + r() * 120) * MINUTE);
        say("outbound", "agent", "Thanks for your message, let me check that for you.");
      } else if (entry !== null && entryIds[entry]) {
        const reply = KNOWLEDGE[entry]!.content;
        const id = say("outbound", "bot", reply, { sources: [entryIds[entry]], language: /[?]$/.test(question) && /[a-z]/.test(question) ? "en" : "id" });
        balance -= 1;
        rows.ledger.push({ id: newId("ledger"), tenantId: ctx.tenantId, delta: -1, reason: "answer", reference: `demo:${id}`, balanceAfter: balance, createdAt: t });
      } else {
        rows.gaps.push({ id: newId("knowledgeGap"), tenantId: ctx.tenantId, conversationId, messageId: asked, question, normalized: normalizeQuestion(question), createdAt: t });
        say("outbound", "bot", "I don't have that information yet. A colleague will reply to you here shortly.", { handoff: "no_knowledge", unanswered: true });
        conv.mode = "human";
        conv.handedOffAt = t;
        conv.handoffReason = "no_knowledge";
        t += Math.round((3 + r() * 90) * MINUTE);
        say("outbound", "agent", "Hi, this is Dana from Demo Realty. Let me help you with that.");
      }
      t += Math.round((30 + r() * 600) * MINUTE);
    }

    // Qualification: about 40% answer the flow; the serious ones become qualified and some book a viewing.
    // A flow is only started when all its answers (each within 20 minutes) can be in by now.
    if (r() < 0.4 && conv.mode === "bot" && t + preset.steps.length * 25 * MINUTE <= now) {
      let score = 0;
      const steps = preset.steps.slice(0, 3 + Math.floor(r() * (preset.steps.length - 2)));
      for (const step of steps) {
        if (contact.flowAskedAt == null && t <= now) contact.flowAskedAt = t;
        say("outbound", "bot", step.question, { flow: step.key });
        t += Math.round((1 + r() * 20) * MINUTE);
        const option = step.options?.length ? (r() < 0.6 ? step.options[0]! : pick(step.options)) : null;
        const answer = option ? option.label : step.type === "number" ? "3000000000" : "next month";
        const points = option ? option.points : (step.points ?? 10);
        const id = say("inbound", "customer", answer);
        rows.answers.push({ tenantId: ctx.tenantId, contactId, stepKey: step.key, answer, value: answer, points, messageId: id, answeredAt: t });
        score += points;
        t += 3_000;
      }
      contact.leadScore = Math.min(100, score);
      // A contact qualifies once its last answer is in (nothing from the future: the history ends now).
      if (score >= preset.qualifiedScore && t <= now) {
        contact.stage = "qualified";
        contact.qualifiedAt = t;
        say("outbound", "bot", preset.completionMessage, { flow: "completed" });
        if (r() < 0.5) {
          let slot = Math.floor((t + (2 + Math.floor(r() * 10)) * DAY) / (60 * MINUTE)) * 60 * MINUTE;
          while (bookedSlots.has(slot)) slot += 60 * MINUTE;
          bookedSlots.add(slot);
          t += 2 * MINUTE;
          say("outbound", "bot", "Your viewing is booked. See you there!", { booking: true });
          rows.bookings.push({ id: newId("booking"), tenantId: ctx.tenantId, contactId, conversationId, startsAt: slot, endsAt: slot + 45 * MINUTE, status: "confirmed", source: "bot", createdAt: t, updatedAt: t });
        }
      } else contact.stage = "contacted";
    }
    if (r() < 0.15) conv.status = "closed";
    conv.lastMessageAt = Math.min(t, now);
    conv.lastInboundAt = lastInbound;
    conv.lastMessagePreview = lastPreview.slice(0, 120);
    conv.updatedAt = Math.min(t, now);
    contact.lastMessageAt = conv.lastMessageAt;
    rows.contacts.push(contact);
    rows.conversations.push(conv);
  }
  // Nothing from the future: a conversation still going on ends now.
  rows.messages = rows.messages.filter((m) => m.createdAt <= now);
  const messageIds = new Set(rows.messages.map((m) => m.id));
  rows.gaps = rows.gaps.filter((g) => messageIds.has(g.messageId));
  rows.ledger = rows.ledger.filter((l) => l.createdAt <= now);
  rows.bookings = rows.bookings.filter((b) => b.createdAt <= now);
  rows.answers = rows.answers.filter((a) => a.answeredAt <= now);
  // The contacts tagged for listing alerts before the campaign (a few of whom had opted out); its own random sequence.
  const times = campaignTimes(now);
  const rc = prng(20260214);
  const tagged = planAudience(rows, times, rc);

  const statements = [
    ...insertAll(ctx, contacts, rows.contacts),
    ...insertAll(ctx, conversations, rows.conversations),
    ...insertAll(ctx, messages, rows.messages),
    ...insertAll(ctx, knowledgeGaps, rows.gaps),
    ...insertAll(ctx, flowAnswers, rows.answers),
    ...insertAll(ctx, bookings, rows.bookings),
    ...insertAll(ctx, creditLedger, rows.ledger),
  ];
  for (let i = 0; i < statements.length; i += 50) {
    const [first, ...rest] = statements.slice(i, i + 50);
    await ctx.db.batch([first!, ...rest]);
  }
  const campaign = await seedDemoCampaign(ctx, {
    times,
    tagged,
    channelId: channel.id,
    knowledge: KNOWLEDGE.map((k, i) => ({ id: entryIds[i], answer: k.content })),
    bookedSlots,
    balance,
    random: rc,
  });
  const used = [...rows.ledger, ...(campaign?.ledger ?? [])].reduce((s, l) => s - l.delta, 0);
  if (account && used) await ctx.db.update(creditAccounts).set({ balance: sql`max(0, ${creditAccounts.balance} - ${used})`, updatedAt: now }).where(eq(creditAccounts.tenantId, ctx.tenantId));
  await rebuildAnalytics(ctx, ctx.tenantId);
  return { created: true, contacts: rows.contacts.length, messages: rows.messages.length + (campaign?.messages ?? 0) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function insertAll(ctx: TenantCtx, table: any, values: Array<Record<string, unknown>>) {
  if (!values.length) return [];
  // Drizzle binds every column of the table (defaults included) for each row.
  return chunkRows(values, Object.keys(getTableColumns(table)).length).map((chunk) => ctx.db.insert(table).values(chunk));
}
