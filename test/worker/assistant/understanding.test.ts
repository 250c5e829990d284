// How the assistant understands customers: normalization, Indonesian against
// English knowledge, answers that quote the sentence that answers, several
// questions in one message, asking which entry is meant, and the grounding
// rule for numbers.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { lookup } from "../../../worker/ai/knowledge";
import { respond } from "../../../worker/ai/responder";
import { routeAnswer } from "../../../worker/ai/router";
import { botSettingsSchema } from "../../../worker/ai/settings";
import { asksForHuman } from "../../../worker/ai/signals";
import { chunk } from "../../../worker/ai/knowledge";
import { answeringSentences, isQuestionOrRequest, matchMessage, vocabulary } from "../../../worker/ai/match";
import { stem, words } from "../../../worker/ai/text";
import type { Fetcher } from "../../../worker/channels/types";
import { json } from "../channels/helpers";
import { connectMeta, metaTextPayload, postMeta, signMeta } from "../helpers/channels";
import { eventually } from "../helpers/wait";
import { addKnowledge, ctxWith, modeOf, outbound, quietTenant, storedMessage } from "../helpers/assistant";

const CLINIC = [
  { title: "Opening hours", content: "We are open Monday to Friday from 09:00 to 18:00 and on Saturday from 09:00 to 14:00. We are closed on Sundays and public holidays." },
  { title: "Payment", content: "We accept cash, debit cards and QRIS. We do not accept BPJS. Most private insurance is accepted: please bring your insurance card." },
  { title: "Scaling", content: "Scaling and polishing costs IDR 350,000 per visit." },
  { title: "Whitening", content: "Teeth whitening costs IDR 2,500,000 and takes about 1 hour." },
  { title: "Address", content: "We are at Jalan Gatot Subroto No. 45, Bandung." },
];
const settings = botSettingsSchema.parse({});
const LLM = { AI_PROVIDER: "openai" as const, LLM_BASE_URL: "http://llm.test/v1", LLM_API_KEY: "sk-test-key", LLM_MODEL: "test-model" };

async function ask(text: string, entries = CLINIC) {
  const owner = await quietTenant();
  await addKnowledge(owner, entries);
  const m = await storedMessage(owner, text);
  const outcome = await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [m.messageId] });
  const replies = await outbound(m.conversationId);
  return { owner, m, outcome, replies, text: replies.map((r) => r.text).join("\n"), mode: await modeOf(m.conversationId) };
}

describe("normalizing what customers type", () => {
  it("expands chat abbreviations, collapses elongations and folds Indonesian affixes", () => {
    expect(words("wat r ur opening hrs pleaseee")).toEqual(["what", "are", "your", "opening", "hours", "please"]);
    expect(words("gmn cara booking? brp? tdk yg anak2")).toEqual(["bagaimana", "cara", "booking", "berapa", "tidak", "yang", "anak"]);
    expect(stem("harganya")).toBe(stem("harga"));
    expect(stem("bersihin")).toBe(stem("bersih"));
    expect(stem("menyewakan")).toBe(stem("sewa"));
    expect(stem("pembersihan")).toBe(stem("bersih"));
    // Colloquial "nge-", English plurals and derived forms.
    expect(stem("ngecat")).toBe(stem("cat"));
    expect(stem("shoes")).toBe(stem("shoe"));
    expect(stem("vaccinated")).toBe(stem("vaccines"));
    expect(words("dp 30% ya, buka 9am?")).toEqual(["deposit", "30", "percent", "ya", "buka", "9"]);
  });
});

describe("telling a request for a person from a price per person", () => {
  it("hands off 'a person', not 'per person'", () => {
    expect(asksForHuman("buffet price per person?")).toBe(false);
    expect(asksForHuman("person please")).toBe(true);
  });
});

const SHOPS = [
  { title: "Lokasi", content: "Salon kami ada di Jl. Tebet Raya No. 45, Jakarta Selatan." },
  { title: "Vaccination", content: "All pets must be vaccinated. Please bring the vaccination book." },
  { title: "Membership", content: "Monthly membership is IDR 450,000. A 12-month membership costs IDR 4,200,000." },
  { title: "Kemang apartment", content: "2-bedroom apartment in Kemang for rent: IDR 25 million per month." },
  { title: "Bed covers", content: "Bed covers cost IDR 35,000 each and shoes IDR 40,000 per pair." },
];

describe("understanding words the knowledge does not use", () => {
  it("finds a loanword, the business's own name for itself and a compound written apart", async () => {
    expect((await ask("harus vaksin dulu ga kak?", SHOPS)).text).toContain("All pets must be vaccinated.");
    expect((await ask("where's ur salon located", SHOPS)).text).toContain("Jl. Tebet Raya No. 45");
    expect((await ask("how much to wash a bedcover", SHOPS)).text).toContain("IDR 35,000");
  });

  it("hands off a question the knowledge contradicts: the opposite word, or a quantity it does not list", async () => {
    const buy = await ask("whats the price of the kemang apartment if i buy it", SHOPS);
    expect(buy.mode).toBe("human");
    expect(buy.text).not.toContain("25 million");
    const sixMonths = await ask("how much is a 6 month membership", SHOPS);
    expect(sixMonths.mode).toBe("human");
    expect(sixMonths.text).not.toContain("IDR");
    expect((await ask("how much is the 12-month membership", SHOPS)).text).toContain("IDR 4,200,000");
  });

  it("reads the first question word as the question, a word by its family, a unit written onto its number", async () => {
    const VET = [
      { title: "Address & parking", content: "We are at Jl. Sunset Road No. 88, Kuta. Free parking for cars and motorbikes in front of the clinic." },
      { title: "Opening hours", content: "We are open Monday to Friday 08:00 - 20:00." },
      { title: "Sterilization", content: "Female cat spaying Rp 950.000. Surgeries are by appointment only." },
      { title: "Pet hotel", content: "Small dogs (under 10 kg) Rp 100.000 per night, large dogs Rp 150.000 per night." },
    ];
    // "when I come in" is not the question: "where" is.
    expect((await ask("where can i park when i come in", VET)).text).toContain("Free parking");
    // "steril" is the knowledge's "sterilization"; "betina" is female.
    expect((await ask("steril kucing betina biayanya berapa kak", VET)).text).toContain("Rp 950.000");
    // "30kg" is 30 kg, a large dog: not a word the knowledge lacks.
    expect((await ask("anjing sy gede 30kg, penitipan per malam brp ya", VET)).text).toContain("Rp 150.000");
  });

  it("reads 'berapa jam' as how many hours, 'ganti jadwal' as rescheduling, and a bare 'how much?' as about the part before", async () => {
    const PHYSIO = [
      { title: "Cancellation", content: "Please cancel or reschedule at least 12 hours before your session." },
      { title: "Overhaul", content: "An engine overhaul costs Rp 350.000 and takes 2 to 3 days." },
      { title: "Hours", content: "Open Monday to Saturday 08:00 - 17:00." },
      { title: "Oil", content: "Oil change Rp 45.000." },
    ];
    expect((await ask("reschedule paling telat brp jam sebelumnya?", PHYSIO)).text).toContain("12 hours");
    expect((await ask("klo mau ganti jadwal gmn?", PHYSIO)).text).toContain("12 hours");
    const r = await ask("mesin sy perlu overhaul, how much?", PHYSIO);
    expect(r.text).toContain("Rp 350.000");
    expect(r.mode).toBe("bot");
  });

  it("asks a bare 'biayanya?' about the question before, reads 'hrs' as 'harus' in Indonesian, and keeps 'jam buka? alamat?' two questions", async () => {
    const VISITS = [
      { title: "Home visits", content: "Our vets can visit your villa in Kuta and Seminyak. The home visit fee is Rp 300.000 plus treatment costs." },
      { title: "Consultation", content: "General consultation with a vet: Rp 150.000." },
      { title: "Graduation", content: "In graduation season you must book at least 3 days before." },
      { title: "Hours", content: "Open Monday to Saturday 08:00 - 17:00." },
      { title: "Address", content: "Jl. Sunset Road No. 88, Kuta." },
    ];
    const fee = await ask("can the dokter come to my villa in seminyak? biayanya?", VISITS);
    expect(fee.text).toContain("Rp 300.000");
    expect(fee.text).not.toContain("Rp 150.000");
    expect((await ask("wisuda hrs booking brp hari sblmnya?", VISITS)).text).toContain("3 days");
    const two = await ask("jam buka? alamat?", VISITS);
    expect(two.text).toContain("08:00");
    expect(two.text).toContain("Sunset Road");
  });

  it("quotes an address with an initial whole, and rules out a size or a model the knowledge does not list", async () => {
    const SHOP = [
      { title: "Alamat", content: "Alamat: Jl. A. Yani No. 5, Makassar. Buka setiap hari 09.00 - 21.00." },
      { title: "AC cleaning", content: "Regular cleaning of a split AC: Rp 75.000 for 0.5 - 1 PK and Rp 95.000 for 1.5 - 2 PK." },
      { title: "LCD", content: "Ganti LCD iPhone 11: Rp 1.350.000." },
      { title: "Baterai", content: "Ganti baterai iPhone 11 sampai iPhone 13: Rp 550.000." },
    ];
    expect((await ask("where is ur shop located", SHOP)).text).toContain("Jl. A. Yani No. 5, Makassar");
    expect((await ask("how much to clean a 2 pk split ac", SHOP)).text).toContain("Rp 95.000");
    const big = await ask("cuci ac 2.5 pk brp kak?", SHOP);
    expect(big.mode).toBe("human");
    expect(big.text).not.toContain("Rp");
    const model = await ask("ganti lcd iphone 13 brp min?", SHOP);
    expect(model.mode).toBe("human");
    expect(model.text).not.toContain("1.350.000");
    // The battery entry names the iPhone 13, but the question is about the LCD, another entry's topic.
    expect(model.text).not.toContain("550.000");
  });

  it("does not forgive an unsaid word when all the knowledge shares is what it always talks about", async () => {
    const WORKSHOP = [
      { title: "Service", content: "Motor service Rp 60.000, takes about 1 hour." },
      { title: "Hours", content: "The workshop is open for motor repairs 08.00 - 17.00." },
      { title: "Oil", content: "Motor oil change Rp 45.000." },
    ];
    const r = await ask("bisa cuci motor gak?", WORKSHOP);
    expect(r.mode).toBe("human");
    expect(r.text).not.toContain("Rp");
  });

  it("does not correct an unknown word into a stop word: 'drone' is not 'done'", async () => {
    const r = await ask("whitening bisa pake drone gak?", [...CLINIC, { title: "Done", content: "Done within one hour." }]);
    expect(r.mode).toBe("human");
    expect(r.text).not.toContain("2,500,000");
  });
});

describe("answering the way a person would", () => {
  it("replies with the sentence that answers, not the whole entry behind a preamble", async () => {
    const r = await ask("do you take BPJS");
    expect(r.outcome.kind).toBe("answered");
    expect(r.text).toBe("We do not accept BPJS.");
  });

  it("answers an Indonesian question from English knowledge, with the times copied exactly", async () => {
    const r = await ask("jam buka hari sabtu?");
    expect(r.outcome.kind).toBe("answered");
    // The reply opens in Indonesian and quotes the English fact as written.
    expect(r.text).toMatch(/^Berikut informasi dari kami/);
    expect(r.text).toContain("on Saturday from 09:00 to 14:00");
    expect(r.text).not.toContain("BPJS");
  });

  it("understands a weekday question answered by 'Monday to Friday' and a misspelled word", async () => {
    expect((await ask("what time do you close on weekdays")).text).toContain("18:00");
    expect((await ask("teeth whitenning price?")).text).toBe("Teeth whitening costs IDR 2,500,000 and takes about 1 hour.");
  });

  it("answers each question of a message from its own entry", async () => {
    const r = await ask("how much is scaling and where are you?");
    expect(r.text).toContain("IDR 350,000");
    expect(r.text).toContain("Jalan Gatot Subroto No. 45");
    expect(r.replies[0]!.payload.sources).toHaveLength(2);
    expect(r.mode).toBe("bot");
  });

  it("answers what it can, says what it cannot, hands off and records only the unanswered question", async () => {
    const r = await ask("how much is scaling and do you do dental implants?");
    expect(r.text).toContain("IDR 350,000");
    expect(r.text).toMatch(/don't have that information/);
    expect(r.mode).toBe("human");
    const gaps = await env.DB.prepare("SELECT question FROM knowledge_gaps WHERE message_id = ?").bind(r.m.messageId).all<{ question: string }>();
    expect(gaps.results).toEqual([{ question: "do you do dental implants?" }]);
  });

  it("hands off a question about something the knowledge only shares words with", async () => {
    const r = await ask("how much is a crown?");
    expect(r.outcome).toEqual({ kind: "handoff", reason: "no_knowledge" });
    expect(r.text).not.toMatch(/\d/);
  });
});

describe("asking which one the customer means", () => {
  it("offers the equally matching entries as numbered options, then answers the one picked", async () => {
    const r = await ask("how much is it?");
    expect(r.outcome.kind).toBe("answered");
    expect(r.mode).toBe("bot");
    expect(r.text).toBe("Which one do you mean?\n1. Scaling\n2. Whitening\nReply with a number from 1 to 2.");
    expect(r.replies[0]!.payload.clarify.question).toBe("how much is it?");

    const pick = await storedMessage(r.owner, "2", r.m.phone);
    await respond(ctxWith(), { tenantId: r.owner.tenant.id, conversationId: r.m.conversationId, messageIds: [pick.messageId] });
    const replies = await outbound(r.m.conversationId);
    expect(replies).toHaveLength(2);
    expect(replies[1]!.text).toBe("Teeth whitening costs IDR 2,500,000 and takes about 1 hour.");
    expect(replies[1]!.payload.sources).toHaveLength(1);
  });

  it("takes a word of the title as the pick too", async () => {
    const r = await ask("berapa harganya?");
    expect(r.text).toContain("1. Scaling");
    const pick = await storedMessage(r.owner, "yang scaling", r.m.phone);
    await respond(ctxWith(), { tenantId: r.owner.tenant.id, conversationId: r.m.conversationId, messageIds: [pick.messageId] });
    // Picked in Indonesian: an Indonesian lead-in, then the English fact as written.
    expect((await outbound(r.m.conversationId))[1]!.text).toBe("Berikut informasi dari kami (tertulis dalam bahasa Inggris):\nScaling and polishing costs IDR 350,000 per visit.");
  });
});

describe("large knowledge bases", () => {
  it("narrows them through the FTS index first, with the same answers and the same refusals, inside the tenant", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, CLINIC);
    const other = await quietTenant();
    await addKnowledge(other, [{ title: "Implants", content: "Dental implants cost IDR 20,000,000." }]);
    const ctx = ctxWith();
    // scanChunks 1: this knowledge base counts as large.
    const hours = await lookup(ctx, owner.tenant.id, "jam buka hari sabtu?", { scanChunks: 1 });
    expect(hours.answered.map((k) => k.title)).toEqual(["Opening hours"]);
    const implants = await lookup(ctx, owner.tenant.id, "how much are dental implants?", { scanChunks: 1 });
    expect(implants).toEqual({ answered: [], ambiguous: [], unanswered: ["how much are dental implants?"] });
  });
});

describe("asking which one on Meta", () => {
  it("sends reply buttons for the entries and answers the button pressed", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, CLINIC);
    const entries = (await owner.callWithKey("GET", "/api/knowledge")).json.data as { id: string; title: string }[];
    const idOf = (title: string) => entries.find((e) => e.title === title)!.id;
    const channel = await connectMeta(owner);
    const deliver = async (payload: unknown, wamid: string) => {
      const raw = JSON.stringify(payload);
      expect((await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw))).status).toBe(200);
      return eventually(async () => {
        const row = await env.DB.prepare("SELECT id, conversation_id FROM messages WHERE provider_message_id = ?").bind(wamid).first<{ id: string; conversation_id: string }>();
        expect(row).not.toBeNull();
        return row!;
      });
    };
    const first = metaTextPayload(channel, { text: "how much is it?" });
    const m = await deliver(first.payload, first.id);
    await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId: m.conversation_id, messageIds: [m.id] });
    const [question] = await outbound(m.conversation_id);
    expect(question!.payload.content).toEqual({
      type: "buttons",
      body: "Which one do you mean?",
      buttons: [
        { id: `kb:${idOf("Scaling")}`, title: "Scaling" },
        { id: `kb:${idOf("Whitening")}`, title: "Whitening" },
      ],
    });

    const press = metaTextPayload(channel, { from: first.from });
    const message = press.payload.entry[0]!.changes[0]!.value.messages[0]! as Record<string, unknown>;
    delete message.text;
    Object.assign(message, { type: "interactive", interactive: { type: "button_reply", button_reply: { id: `kb:${idOf("Scaling")}`, title: "Scaling" } } });
    const pressed = await deliver(press.payload, press.id);
    await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId: m.conversation_id, messageIds: [pressed.id] });
    const replies = await outbound(m.conversation_id);
    expect(replies[1]!.text).toBe("Scaling and polishing costs IDR 350,000 per visit.");
  });

  it("asks in numbered text when the buttons would have the same title, which WhatsApp refuses", async () => {
    const cases = [
      {
        entries: [
          { title: "Paket Umroh Reguler 9 hari", content: "Paket Umroh Reguler 9 hari Rp 28.500.000 per orang." },
          { title: "Paket Umroh Reguler 12 hari", content: "Paket Umroh Reguler 12 hari Rp 33.000.000 per orang." },
        ],
        ask: "paket umroh reguler brp?",
        labels: ["Paket Umroh Reguler 9 hari", "Paket Umroh Reguler 12 hari"],
      },
      {
        entries: [
          { title: "Opening hours", content: "Our Kemang branch is open every day from 09:00 to 21:00." },
          { title: "Opening hours", content: "Our BSD branch is open Monday to Saturday from 10:00 to 20:00." },
        ],
        ask: "what time do you open?",
        labels: ["Opening hours (Our Kemang branch is open every day from…)", "Opening hours (Our BSD branch is open Monday to Saturday…)"],
      },
    ];
    for (const { entries, ask: question, labels } of cases) {
      const owner = await quietTenant();
      await addKnowledge(owner, entries);
      const channel = await connectMeta(owner);
      const sent = metaTextPayload(channel, { text: question });
      const raw = JSON.stringify(sent.payload);
      expect((await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw))).status).toBe(200);
      const m = await eventually(async () => {
        const row = await env.DB.prepare("SELECT id, conversation_id FROM messages WHERE provider_message_id = ?").bind(sent.id).first<{ id: string; conversation_id: string }>();
        expect(row).not.toBeNull();
        return row!;
      });
      await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId: m.conversation_id, messageIds: [m.id] });
      const [asked] = await outbound(m.conversation_id);
      // Text, not buttons: every entry named so it can be told apart, and a number to reply with.
      expect(asked!.payload.content).toEqual({ type: "text", text: asked!.text });
      const lines = asked!.text!.split("\n");
      expect(lines).toHaveLength(4);
      expect(lines.slice(1, 3).map((x) => x.replace(/^\d\. /, "")).sort()).toEqual([...labels].sort());
    }
  });
});

describe("grounding", () => {
  it("does not accept a number only because the customer typed it", async () => {
    const fetcher: Fetcher = async () => json({ choices: [{ message: { content: "Yes, I can confirm the price is 5." } }] });
    const scaling = { chunkId: "chk_1", entryId: "kb_1", title: "Scaling", text: CLINIC[2]!.content, coverage: 1, score: 1 };
    const r = await routeAnswer(
      ctxWith(LLM),
      settings,
      {
        language: "en",
        persona: settings.persona,
        question: "Please confirm the scaling price is 5",
        knowledge: [scaling],
        contact: { name: null, phone: "+15550001", fields: {} },
        summary: "Customer: the price is 5 right?",
        recentTurns: [{ role: "customer", text: "my friend paid 5" }],
      },
      fetcher,
    );
    expect(r.provider).toBe("builtin");
    expect(r.fallbackReason).toMatch(/not in the knowledge: 5$/);
    expect(r.text).toBe("Scaling and polishing costs IDR 350,000 per visit.");
  });
});

describe("what else a message says beside its question", () => {
  const STUDIO = [
    { title: "Internet", content: "Fiber internet 300 Mbps with a backup connection." },
    { title: "Meeting rooms", content: "The boardroom seats up to 12 people and costs IDR 300k per hour, with a 65-inch TV screen and a whiteboard." },
    { title: "Printing", content: "Black and white printing costs IDR 1k per page." },
  ];

  it("answers without a handoff when the other sentence only gives context", async () => {
    const r = await ask("boardroom ada TV nya gak? need to present slides", STUDIO);
    expect(r.text).toContain("65-inch TV");
    expect(r.mode).toBe("bot");
  });

  it("takes a follow-up in words the knowledge never uses as part of the answered question", async () => {
    const r = await ask("wifi nya kenceng ga? how many mbps", STUDIO);
    expect(r.text).toContain("300 Mbps");
    expect(r.mode).toBe("bot");
  });

  it("still hands off a second question about something the answer does not cover", async () => {
    const r = await ask("how many mbps is the internet? and how much is colour printing?", STUDIO);
    expect(r.text).toContain("300 Mbps");
    expect(r.mode).toBe("human");
  });
});

/** The matching alone, without the pipeline: what the built-in provider would quote, and whether a person is needed. */
function matched(message: string, entries: { title: string; content: string }[]) {
  const candidates = entries.flatMap((e, i) => chunk(e.title, e.content).map((text, k) => ({ chunkId: `c${i}-${k}`, entryId: `e${i}`, title: e.title, text: `${e.title}\n${text}` })));
  const r = matchMessage(message, candidates, vocabulary(candidates.map((c) => `${c.title}\n${c.text}`)));
  return {
    text: r.answered.map((m) => answeringSentences(m.text, m.focus, m.intent, message).join(" ")).join("\n"),
    handedOff: r.unanswered.length > 0 || (!r.answered.length && !r.ambiguous.length),
    ambiguous: r.ambiguous.length > 0,
  };
}

describe("general rules for a business the lexicon was not written for", () => {
  it("splits a unit from its number but keeps a one-letter kind with it, and reads chat phrases for what they ask", () => {
    expect(words("5pk split ac")).toEqual(["5", "pk", "split", "ac"]);
    expect(words("my 3yo son")).toEqual(["my", "3", "year", "son"]);
    expect(words("print 3D")).toEqual(["print", "3d"]);
    expect(words("no extra charge")).toEqual(["free"]);
    expect(words("whats ur bank account number")).toEqual(["what", "your", "rekening"]);
    expect(words("do i get my deposit back")).toEqual(["do", "i", "get", "my", "deposit", "refund"]);
    expect(words("30% off after 7pm")).toEqual(["30", "percent", "discount", "after", "7"]);
    expect(words("high school")).toEqual(["sma"]);
    expect(stem("technicians")).toBe(stem("technician"));
  });

  it("tells a statement from a question by where its question word stands", () => {
    expect(isQuestionOrRequest("my ac is not cold anymore")).toBe(false);
    expect(isQuestionOrRequest("kantor sy ada 6 unit ac")).toBe(false);
    expect(isQuestionOrRequest("is it open now")).toBe(true);
    expect(isQuestionOrRequest("kak bisa antar ke bekasi")).toBe(true);
    expect(isQuestionOrRequest("antar ke bekasi bisa gak")).toBe(true);
  });

  const SCHOOL = [
    { title: "Paket manual", content: "Paket Manual 10 jam (5x pertemuan): Rp 850.000. Paket Manual 16 jam: Rp 1.250.000." },
    { title: "Jadwal latihan", content: "Latihan bisa Senin - Sabtu jam 07.00 - 18.00, dan Minggu jam 07.00 - 12.00." },
    { title: "Instruktur", content: "Semua instruktur punya SIM A dan sertifikat dari Dinas Perhubungan." },
    { title: "Biaya bulanan SD", content: "SPP per bulan SD kelas 1 - 3: Rp 350.000. SD kelas 4 - 6: Rp 450.000." },
    { title: "Biaya bulanan SMP", content: "SPP per bulan SMP: Rp 550.000." },
    { title: "Reschedule", content: "Reschedule is free up to 3 hours before the session." },
  ];

  it("reads '10 jam brp' as the price of ten hours, a day by its Indonesian name, and an English word by its loanword", () => {
    expect(matched("kak paket manual 10 jam brp?", SCHOOL).text).toContain("Rp 850.000");
    expect(matched("latihan hari minggu sampe jam brp", SCHOOL).text).toContain("Minggu jam 07.00 - 12.00");
    const licensed = matched("are ur instructors licensed??", SCHOOL);
    expect(licensed.text).toContain("SIM A");
    expect(licensed.handedOff).toBe(false);
    expect(matched("until when can i reschedule without fee", SCHOOL).text).toContain("3 hours before");
  });

  it("picks the sentence whose range holds the customer's number", () => {
    const five = matched("anak sy kelas 5 sd, les per bulan brp kak?", SCHOOL);
    expect(five.text).toContain("Rp 450.000");
    expect(five.text).not.toContain("Rp 350.000");
    const two = matched("my daughter is in grade 2, how much per month?", SCHOOL);
    expect(two.text).toContain("Rp 350.000");
    expect(two.ambiguous).toBe(false);
  });

  const BAKERY = [
    { title: "Snack boxes", content: "Snack boxes for events (arisan, meetings) start at Rp 18.000 per box. Minimum order is 30 boxes." },
    { title: "Storage", content: "Buttercream cakes last up to 3 days in the fridge. Whipped cream cakes must be kept in the fridge and eaten within 2 days." },
    { title: "Flavours", content: "Our cakes are finished with buttercream or whipped cream." },
    { title: "Freon", content: "Freon top-up: Rp 150.000 for R22 and Rp 200.000 for R32." },
    { title: "Pickup", content: "Free pickup for laundry of at least 5 kg." },
  ];

  it("splits a word written as two, and takes a statement beside the question as its circumstance", () => {
    expect(matched("snackbox buat arisan minimal brp box?", BAKERY).text).toContain("Minimum order is 30 boxes");
    const cake = matched("bought a whipped cream cake today, how long can it last in the fridge", BAKERY);
    expect(cake.text).toContain("within 2 days");
    const freon = matched("my ac is not cold anymore, how much to add freon?", BAKERY);
    expect(freon.text).toContain("Rp 150.000");
    expect(freon.handedOff).toBe(false);
  });

  it("answers whether a quantity is allowed with the bound that rules it, but still hands off a price for a quantity not offered", () => {
    const small = matched("bisa pickup ga kalo cuma 3 kg", BAKERY);
    expect(small.text).toContain("at least 5 kg");
    expect(small.handedOff).toBe(false);
    expect(matched("how much is pickup for 3 kg", BAKERY).handedOff).toBe(true);
  });

  it("answers a question naming two entries' topics from the entry that says both", () => {
    const PHONE = [
      { title: "Garansi", content: "Garansi LCD 30 hari, baterai 6 bulan." },
      { title: "Ganti LCD", content: "Ganti LCD iPhone 11: Rp 1.350.000." },
      { title: "Ganti baterai", content: "Ganti baterai iPhone 11: Rp 550.000." },
    ];
    expect(matched("garansi ganti lcd brp lama kak", PHONE).text).toContain("30 hari");
  });

  const TOURS = [
    { title: "Kintamani tour", content: "Kintamani tour Rp 750.000 per car. Lunch is included." },
    { title: "Lunch", content: "Lunch on the Nusa Penida trip is included." },
    { title: "Ubud tour", content: "Ubud tour Rp 650.000 per car for up to 6 people." },
    { title: "Blood test", content: "Fast for 10 - 12 hours before the blood test." },
    { title: "Facilities", content: "Ada mushola dan kantin di lantai 2." },
  ];

  it("takes a follow-up as about the entry already answering when that entry says it all", () => {
    const r = matched("kintamani tour brp per mobil? lunch included?", TOURS);
    expect(r.text).toContain("Rp 750.000");
    expect(r.text).not.toContain("Nusa Penida");
  });

  it("reads how many fit as a capacity, not eating as fasting, and everyday words across the two languages", () => {
    expect(matched("max how many ppl fit in the car for the ubud tour?", TOURS).text).toContain("up to 6 people");
    expect(matched("do i have to skip food before the blood test? how long", TOURS).text).toContain("10 - 12 hours");
    expect(matched("is there a prayer room?", TOURS).text).toContain("mushola");
  });

  it("takes chat fillers and greetings as saying nothing, and reads chat spellings of both languages", () => {
    const HOURS = [{ title: "Opening hours", content: "We are open Monday to Saturday 08:00 - 17:00. Closed on public holidays." }];
    for (const m of ["permisi kak, buka jam brp? hehe", "maaf mau tanya buka jam brp", "wen r u open 2day? thx"]) {
      const r = matched(m, HOURS);
      expect(r.text, m).toContain("08:00 - 17:00");
      expect(r.handedOff, m).toBe(false);
    }
    expect(words("gabisa bole gmna")).toEqual(["tidak", "bisa", "boleh", "bagaimana"]);
  });

  it("reads a common word typed with two letters swapped, another form of a knowledge word misspelled, and 'ny-' verbs", () => {
    const SHOP = [
      { title: "Opening hours", content: "We are open Monday to Saturday 08:00 - 17:00." },
      { title: "Alamat", content: "Alamat kami di Jl. Merdeka No. 10, Bogor." },
      { title: "Sewa mobil", content: "Sewa mobil Rp 300.000 per hari." },
    ];
    expect(matched("wehre r u located? pelase", SHOP).text).toContain("Jl. Merdeka No. 10");
    expect(matched("aalmatnya dmn ya kak", SHOP).text).toContain("Jl. Merdeka No. 10");
    expect(matched("bisa nyewa mobil? brp sehari", SHOP).text).toContain("Rp 300.000");
  });

  it("answers a rule asked the other way round from how the knowledge says it", () => {
    const RULES = [
      { title: "Aturan", content: "Dilarang membawa hewan peliharaan. Tamu boleh menginap maksimal 2 malam." },
      { title: "Voucher", content: "Voucher berlaku 3 bulan sejak tanggal pembelian." },
    ];
    expect(matched("are pets allowed?", RULES).text).toContain("Dilarang membawa hewan");
    expect(matched("how long is the voucher valid?", RULES).text).toContain("3 bulan");
  });

  const HALL = [
    { title: "Stiker", content: "Stiker vinyl: Rp 40.000 per lembar A3+. Print A4 warna Rp 2.500/lembar." },
    { title: "Kartu nama", content: "Kartu nama 1 box isi 100 lembar: Rp 45.000." },
    { title: "Sepatu, bola & rompi", content: "Pemain futsal wajib pakai sepatu futsal dengan sol karet. Bola futsal dipinjamkan gratis; rompi sewa Rp 20.000 per set." },
    { title: "Raket", content: "Raket bisa disewa Rp 15.000 per raket." },
    { title: "Fasilitas", content: "Tersedia ruang ganti, kamar mandi dan mushola." },
    { title: "Ukur badan", content: "Ukur badan gratis di toko. Bisa juga kirim baju yang sudah pas sebagai contoh ukuran. Ukur ke rumah Rp 50.000." },
    { title: "Extra charges", content: "If you cancel when the technician is already on the way, a transport fee of Rp 40.000 is charged." },
  ];

  it("hands off a size or model code asked in another variant than the one listed", () => {
    expect(matched("how much for an A3 colour print?", HALL).handedOff).toBe(true);
    expect(matched("how much is an A3+ vinyl sticker?", HALL).text).toContain("Rp 40.000");
  });

  it("hands off a term of sale the entry does not mention, and an action the entry says only of something else", () => {
    expect(matched("kartu nama order 20 box ada diskon ga?", HALL).handedOff).toBe(true);
    expect(matched("bisa sewa sepatu futsal di sana?", HALL).handedOff).toBe(true);
    expect(matched("bisa sewa raket? brp", HALL).text).toContain("Rp 15.000");
  });

  it("takes a kind of business after 'a' or 'ada' as something asked about, not the business itself", () => {
    expect(matched("is there a gym or fitness room?", HALL).handedOff).toBe(true);
  });

  it("wants the fact asked for said of the thing asked about, and asks a bare 'extra charge?' of the circumstance before it", () => {
    expect(matched("bisa kirim ke jakarta? ongkirnya brp", HALL).handedOff).toBe(true);
    expect(matched("the outdoor unit is on the 3rd floor, any extra charge?", HALL).handedOff).toBe(true);
    expect(matched("ukur ke rumah brp?", HALL).text).toContain("Rp 50.000");
  });
});
