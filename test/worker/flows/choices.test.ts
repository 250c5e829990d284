// Choices as taps on Meta: a flow question with options goes out as reply
// buttons or a list within WhatsApp's limits, the offered slots as a list;
// the tap is read back by id; WAHA and the sandbox keep numbered text.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { respond } from "../../../worker/ai/responder";
import { metaMessageBody } from "../../../worker/channels/meta-outbound";
import { interactiveAsText } from "../../../worker/channels/waha";
import type { OutboundMessage } from "../../../worker/channels/types";
import { questionContent, slotsContent } from "../../../worker/flows/choices";
import { PRESETS, type FlowStep } from "../../../worker/flows/definition";
import type { OutboundContent } from "../../../worker/outbound/send";
import { ctxWith, outbound, storedMessage } from "../helpers/assistant";
import { connectMeta, metaTextPayload, postMeta, signMeta, type MetaChannel } from "../helpers/channels";
import { quietTenantWith } from "./choices-helpers";
import interactiveReply from "../../fixtures/meta/interactive-button-reply.json";

const realEstate = PRESETS.find((p) => p.id === "real_estate")!.flow;
const ALL_DAY = { start: "00:00", end: "23:59" };
const EVERY_DAY = { mon: [ALL_DAY], tue: [ALL_DAY], wed: [ALL_DAY], thu: [ALL_DAY], fri: [ALL_DAY], sat: [ALL_DAY], sun: [ALL_DAY] };

/** What the outbound consumer would hand Meta for this content. */
function graphBody(content: OutboundContent) {
  const msg: OutboundMessage =
    content.type === "list"
      ? { type: "list", to: "+6281234567890", body: content.body, button: content.button, sections: [{ rows: content.rows }] }
      : content.type === "buttons"
        ? { type: "buttons", to: "+6281234567890", body: content.body, buttons: content.buttons }
        : (() => {
            throw new Error(`not interactive: ${content.type}`);
          })();
  return { msg, result: metaMessageBody(msg) };
}

const step = (n: number, label: (i: number) => string): FlowStep => ({
  key: "pick",
  label: "Pick",
  question: "Which one?",
  type: "choice",
  options: Array.from({ length: n }, (_, i) => ({ label: label(i), points: i, aliases: [] })),
});

describe("interactive payloads", () => {
  it("sends up to 3 options as reply buttons and up to 10 as a list, within the Graph API's limits", () => {
    const two = questionContent(step(2, (i) => ["Buy", "Rent"][i]!), "meta", "en")!;
    expect(two).toEqual({ type: "buttons", body: "Which one?", buttons: [{ id: "flow:pick:0", title: "Buy" }, { id: "flow:pick:1", title: "Rent" }] });
    const ten = questionContent(step(10, (i) => `Option ${i + 1}: a rather long label for a list row`), "meta", "en")!;
    expect(ten.type).toBe("list");
    for (const c of [two, ten, questionContent(step(3, (i) => `${i + 1}. Option with a very long name`), "meta", "id")!]) {
      const { result } = graphBody(c);
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
    const rows = (ten as Extract<OutboundContent, { type: "list" }>).rows;
    expect(rows).toHaveLength(10);
    for (const r of rows) {
      expect([...r.title].length).toBeLessThanOrEqual(24);
      expect([...(r.description ?? "")].length).toBeLessThanOrEqual(72);
    }
    expect(rows[0]).toEqual({ id: "flow:pick:0", title: "Option 1: a rather long…", description: "Option 1: a rather long label for a list row" });
  });

  it("keeps numbered text when the titles cannot fit, and on WAHA and the sandbox", () => {
    // Three buttons whose first 19 characters are the same cannot be told apart; as list rows (24) they can.
    const similar = questionContent(step(3, (i) => `Apartment in Jakarta ${["North", "South", "West"][i]}`), "meta", "en")!;
    expect(similar.type).toBe("list");
    // Identical within 23 characters even as rows: text.
    expect(questionContent(step(4, (i) => `Apartment in South Jakarta, tower ${i}`), "meta", "en")).toBeNull();
    for (const channel of ["waha", "sandbox"]) expect(questionContent(step(2, (i) => ["Buy", "Rent"][i]!), channel, "en")).toBeNull();
    expect(questionContent({ key: "budget", label: "Budget", question: "Budget?", type: "number", ranges: [] }, "meta", "en")).toBeNull();
    // WAHA's numbered text for a list the flow would send.
    const waha = interactiveAsText({ type: "list", to: "+62812", body: "Which one?", button: "Choose", sections: [{ rows: [{ id: "a", title: "Buy" }, { id: "b", title: "Rent" }] }] });
    expect(waha).toBe("Which one?\n\n1. Buy\n2. Rent");
  });

  it("refuses what Meta would refuse: 11 rows, a 25-character row title, duplicate button titles", () => {
    const rows = Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, title: `Row ${i}` }));
    expect(metaMessageBody({ type: "list", to: "+62812", body: "x", button: "Choose", sections: [{ rows }] })).toMatchObject({ ok: false, retryable: false });
    expect(metaMessageBody({ type: "list", to: "+62812", body: "x", button: "Choose", sections: [{ rows: [{ id: "a", title: "x".repeat(25) }] }] })).toMatchObject({ ok: false });
    expect(metaMessageBody({ type: "buttons", to: "+62812", body: "x", buttons: [{ id: "a", title: "Same" }, { id: "b", title: "Same" }] })).toMatchObject({ ok: false });
    // The slot list fits: formatted slots are well under 24 characters.
    const slots = slotsContent("These times are free", [0, 1, 2, 3, 4, 5].map((i) => ({ start: Date.UTC(2026, 11, 7 + i, 9), label: `Mon ${7 + i} Dec, 09:00` })), "meta", "en")!;
    expect(graphBody(slots).result.ok).toBe(true);
  });
});

async function metaMessage(channel: MetaChannel, from: string, body: (payload: Record<string, unknown>) => void) {
  const { payload } = metaTextPayload(channel, { from, text: "placeholder" });
  body(payload.entry[0]!.changes[0]!.value.messages[0] as unknown as Record<string, unknown>);
  const raw = JSON.stringify(payload);
  const res = await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw));
  expect(res.status).toBe(200);
  return (payload.entry[0]!.changes[0]!.value.messages[0] as { id: string }).id;
}

async function storedRow(providerId: string) {
  for (let i = 0; i < 200; i++) {
    const row = await env.DB.prepare("SELECT id, conversation_id, tenant_id FROM messages WHERE provider_message_id = ?").bind(providerId).first<{ id: string; conversation_id: string; tenant_id: string }>();
    if (row) return row;
    await scheduler.wait(50);
  }
  throw new Error(`message ${providerId} not stored`);
}

describe("in a Meta conversation", () => {
  it("asks with buttons, reads the tapped button, and offers slots as a list whose row books the slot", async () => {
    const owner = await quietTenantWith({ flow: { ...realEstate, steps: realEstate.steps.slice(0, 2) }, booking: { enabled: true, timezone: "UTC", slotMinutes: 30, minNoticeMinutes: 60, offerCount: 3, days: EVERY_DAY } });
    const channel = await connectMeta(owner);
    const from = "6281355500011";
    const turn = async (providerId: string) => {
      const row = await storedRow(providerId);
      await respond(ctxWith(), { tenantId: row.tenant_id, conversationId: row.conversation_id, messageIds: [row.id] });
      return row.conversation_id;
    };

    const conversationId = await turn(await metaMessage(channel, from, (m) => ((m.text as { body: string }).body = "Hello")));
    let sent = await outbound(conversationId);
    // The greeting, then the first question as its own message with two buttons.
    expect(sent.map((m) => m.payload.content.type)).toEqual(["text", "buttons"]);
    expect(sent[1]!.payload.content).toMatchObject({ body: "Are you looking to buy or to rent?", buttons: [{ id: "flow:intent:0", title: "Buy" }, { id: "flow:intent:1", title: "Rent" }] });

    // The customer taps "Rent" (the Meta fixture's interactive reply, with this flow's id).
    const tap = structuredClone(interactiveReply.entry[0]!.changes[0]!.value.messages[0]!);
    await turn(
      await metaMessage(channel, from, (m) => {
        delete m.text;
        Object.assign(m, { type: "interactive", context: tap.context, interactive: { type: "button_reply", button_reply: { id: "flow:intent:1", title: "Rent" } } });
      }),
    );
    sent = await outbound(conversationId);
    expect(sent.at(-1)!.payload.content).toMatchObject({ type: "buttons", body: "What kind of property: house, apartment or land?" });
    const q = (await owner.callWithKey("GET", `/api/contacts/${(await env.DB.prepare("SELECT contact_id FROM conversations WHERE id = ?").bind(conversationId).first<{ contact_id: string }>())!.contact_id}/qualification`)).json;
    expect(q.answers).toMatchObject([{ key: "intent", value: "Rent", points: 10 }]);

    // A list row for "House" (from a list message this time); the flow completes and slots come as a list.
    await turn(
      await metaMessage(channel, from, (m) => {
        delete m.text;
        Object.assign(m, { type: "interactive", interactive: { type: "list_reply", list_reply: { id: "flow:property_type:0", title: "House" } } });
      }),
    );
    sent = await outbound(conversationId);
    const offer = sent.at(-1)!.payload.content;
    expect(offer).toMatchObject({ type: "list", button: "See times" });
    expect(offer.rows).toHaveLength(3);
    expect(offer.body).toMatch(/These times are free:\n1\. /);
    expect(graphBody(offer).result.ok).toBe(true);

    // Tapping the second row books exactly that slot.
    const second = offer.rows[1];
    await turn(
      await metaMessage(channel, from, (m) => {
        delete m.text;
        Object.assign(m, { type: "interactive", interactive: { type: "list_reply", list_reply: { id: second.id, title: second.title } } });
      }),
    );
    const booking = await env.DB.prepare("SELECT starts_at FROM bookings WHERE conversation_id = ? AND status = 'confirmed'").bind(conversationId).first<{ starts_at: number }>();
    expect(booking!.starts_at).toBe(Number(second.id.slice(5)));
  });

  it("keeps numbered text in the sandbox", async () => {
    const owner = await quietTenantWith({ flow: realEstate });
    const m = await storedMessage(owner, "Hello", "+6281355500012");
    await respond(ctxWith(), { tenantId: owner.tenant.id, conversationId: m.conversationId, messageIds: [m.messageId] });
    const sent = await outbound(m.conversationId);
    expect(sent.map((m) => m.payload.content.type)).toEqual(["text"]);
    expect(sent[0]!.text).toMatch(/Are you looking to buy or to rent\?$/);
  });
});
