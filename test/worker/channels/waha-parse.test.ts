import { describe, expect, it } from "vitest";
import ackFixture from "../../fixtures/waha/message-ack.json?raw";
import messageFixture from "../../fixtures/waha/message.json?raw";
import sessionFixture from "../../fixtures/waha/session-status.json?raw";
import { ChannelPayloadError, parseWahaPayload } from "../../../worker/channels/waha";
import type { InboundMessage } from "../../../worker/channels/types";

const FALLBACK = 1_700_000_000_000;

/** The message fixture with its payload changed. */
function message(payload: Record<string, unknown>, event = "message") {
  const body = JSON.parse(messageFixture);
  return { ...body, event, payload: { ...body.payload, ...payload } };
}

function ack(ackValue: number, payload: Record<string, unknown> = {}) {
  const body = JSON.parse(ackFixture);
  return { ...body, payload: { ...body.payload, ack: ackValue, ...payload } };
}

const one = (body: unknown) => {
  const events = parseWahaPayload(body, FALLBACK);
  expect(events).toHaveLength(1);
  return events[0]!;
};

describe("parseWahaPayload: fixtures", () => {
  it("message.json → an inbound text", () => {
    expect(parseWahaPayload(JSON.parse(messageFixture), FALLBACK)).toEqual([
      {
        kind: "message",
        providerMessageId: "false_15557654321@c.us_3EB0FAKE00000000000001",
        from: "15557654321",
        chatId: "15557654321@c.us",
        profileName: null,
        timestamp: 1767225599_000,
        type: "text",
        text: "Hi, do you deliver on Sundays?",
      },
    ]);
  });

  it("message-ack.json → read status for our message, timed by the envelope", () => {
    expect(parseWahaPayload(JSON.parse(ackFixture), FALLBACK)).toEqual([
      {
        kind: "status",
        providerMessageId: "true_15557654321@c.us_3EB0FAKE00000000000002",
        status: "read",
        timestamp: 1767225610456,
        recipient: "15557654321",
      },
    ]);
  });

  it("session-status.json → channel state", () => {
    expect(parseWahaPayload(JSON.parse(sessionFixture), FALLBACK)).toEqual([{ kind: "channel_state", state: "SCAN_QR_CODE", timestamp: 1767226000789 }]);
  });
});

describe("parseWahaPayload: messages", () => {
  it("the business's own messages (fromMe) belong to the customer's chat, marked fromBusiness, without the business's push name", () => {
    const mine = { id: "true_15557654321@c.us_3EB0MINE", fromMe: true, from: "15550003333@c.us", to: "15557654321@c.us", _data: { pushName: "Acme Support" } };
    expect(one(message(mine, "message.any"))).toMatchObject({
      kind: "message",
      providerMessageId: "true_15557654321@c.us_3EB0MINE",
      from: "15557654321",
      chatId: "15557654321@c.us",
      fromBusiness: true,
      profileName: null,
    });
    // Without `to`, the chat is read from the message id.
    expect(one(message({ ...mine, to: undefined }, "message.any"))).toMatchObject({ from: "15557654321", fromBusiness: true });
    // To a LID chat.
    expect(one(message({ ...mine, id: "true_98765432101234@lid_X", to: "98765432101234@lid" }, "message.any"))).toMatchObject({ from: "98765432101234@lid", lid: "98765432101234", fromBusiness: true });
  });

  it("a note to self is nobody's conversation", () => {
    expect(parseWahaPayload(message({ fromMe: true, from: "15550003333@c.us", to: "15550003333@c.us" }, "message.any"), FALLBACK)).toEqual([]);
  });

  it("message.any from a customer is a message", () => {
    expect(one(message({}, "message.any"))).toMatchObject({ kind: "message", from: "15557654321", text: "Hi, do you deliver on Sundays?" });
  });

  it("ignores groups, status broadcasts and newsletters", () => {
    for (const from of ["120363025555555555@g.us", "status@broadcast", "120363111111111111@newsletter"]) {
      expect(parseWahaPayload(message({ from, participant: "15557654321@c.us" }), FALLBACK), from).toEqual([]);
    }
  });

  it("an @lid sender is not taken for a phone number: their LID and their chat are kept", () => {
    const m = one(message({ from: "123456789012345@lid" })) as InboundMessage;
    expect(m).toMatchObject({ kind: "message", from: "123456789012345@lid", lid: "123456789012345", chatId: "123456789012345@lid" });
    expect(m.lidPhone).toBeUndefined();
  });

  it("takes the phone number an engine sends beside a LID (NOWEB senderPn / remoteJidAlt, GOWS SenderAlt)", () => {
    for (const _data of [{ key: { senderPn: "6281234567890@s.whatsapp.net" } }, { key: { remoteJidAlt: "6281234567890@s.whatsapp.net" } }, { Info: { SenderAlt: "6281234567890@s.whatsapp.net" } }]) {
      expect(one(message({ from: "123456789012345@lid", _data })), JSON.stringify(_data)).toMatchObject({ lid: "123456789012345", lidPhone: "6281234567890" });
    }
  });

  it("accepts @s.whatsapp.net senders and WEBJS id objects", () => {
    expect(one(message({ from: "15557654321:12@s.whatsapp.net", id: { fromMe: false, _serialized: "false_15557654321@c.us_ABC" } }))).toMatchObject({
      from: "15557654321",
      providerMessageId: "false_15557654321@c.us_ABC",
    });
  });

  it("profile name from engine data (WEBJS notifyName, NOWEB pushName, GOWS Info.PushName)", () => {
    expect(one(message({ _data: { notifyName: "Ana" } }))).toMatchObject({ profileName: "Ana" });
    expect(one(message({ _data: { pushName: "Budi" } }))).toMatchObject({ profileName: "Budi" });
    expect(one(message({ _data: { Info: { PushName: "Citra" } } }))).toMatchObject({ profileName: "Citra" });
    expect(one(message({ _data: "garbage" }))).toMatchObject({ profileName: null });
  });

  it("media by mimetype, body as caption", () => {
    const media = (mimetype: string) => message({ hasMedia: true, body: "see this", media: { url: "https://waha.local/api/files/x", mimetype, filename: null } });
    expect(one(media("image/jpeg"))).toMatchObject({ type: "image", text: "see this", media: { url: "https://waha.local/api/files/x", mimeType: "image/jpeg" } });
    expect(one(media("image/webp"))).toMatchObject({ type: "sticker" });
    expect(one(media("audio/ogg; codecs=opus"))).toMatchObject({ type: "audio" });
    expect(one(media("video/mp4"))).toMatchObject({ type: "video" });
    expect(one(message({ hasMedia: true, body: "", media: { mimetype: "application/pdf", filename: "invoice.pdf" } }))).toMatchObject({
      type: "document",
      text: null,
      media: { mimeType: "application/pdf", filename: "invoice.pdf" },
    });
  });

  it("media that WAHA did not download is unsupported", () => {
    expect(one(message({ hasMedia: true, body: "caption", media: null }))).toMatchObject({ type: "unsupported", text: "caption" });
  });

  it("location, vCards, reply context", () => {
    expect(one(message({ body: "", location: { latitude: "-6.2", longitude: 106.8, description: "Monas" } }))).toMatchObject({
      type: "location",
      text: "Monas",
      location: { latitude: -6.2, longitude: 106.8, name: "Monas" },
    });
    const vcard = "BEGIN:VCARD\nVERSION:3.0\nFN:Budi Santoso\nitem1.TEL;waid=628123456789:+62 812-3456-789\nEND:VCARD";
    expect(one(message({ body: "", vCards: [vcard] }))).toMatchObject({ type: "contacts", text: "Budi Santoso: +62 812-3456-789" });
    expect(one(message({ replyTo: { id: "true_15557654321@c.us_OUR", body: "quoted" } }))).toMatchObject({ context: { messageId: "true_15557654321@c.us_OUR" } });
    expect(one(message({ replyTo: "true_15557654321@c.us_OLD" }))).toMatchObject({ context: { messageId: "true_15557654321@c.us_OLD" } });
  });

  it("an empty message is unsupported", () => {
    expect(one(message({ body: "" }))).toMatchObject({ type: "unsupported", text: null });
  });

  it("falls back to the envelope timestamp, then the given one", () => {
    const noPayloadTs = message({ timestamp: undefined });
    expect((one(noPayloadTs) as InboundMessage).timestamp).toBe(1767225600123);
    expect((one({ ...noPayloadTs, timestamp: undefined }) as InboundMessage).timestamp).toBe(FALLBACK);
  });
});

describe("parseWahaPayload: acks", () => {
  it.each([
    [-1, "failed"],
    [1, "sent"],
    [2, "delivered"],
    [3, "read"],
    [4, "played"],
  ])("ack %i → %s", (value, status) => {
    expect(one(ack(value))).toMatchObject({ kind: "status", status, recipient: "15557654321" });
  });

  it("an ERROR ack carries an error", () => {
    expect(one(ack(-1, { ackName: "ERROR" }))).toMatchObject({ status: "failed", error: { code: -1, message: "ERROR" } });
  });

  it("ignores pending acks, unknown values and acks of messages we did not send", () => {
    expect(parseWahaPayload(ack(0), FALLBACK)).toEqual([]);
    expect(parseWahaPayload(ack(7), FALLBACK)).toEqual([]);
    expect(parseWahaPayload(ack(3, { fromMe: false, id: "false_15557654321@c.us_THEIRS" }), FALLBACK)).toEqual([]);
  });

  it("takes the customer from the message id whatever from/to say (NOWEB puts the chat in from)", () => {
    expect(one(ack(2, { from: "15557654321@c.us", to: null }))).toMatchObject({ recipient: "15557654321" });
  });

  it("ignores acks in group chats", () => {
    expect(parseWahaPayload(ack(3, { id: "true_120363025555555555@g.us_X_15557654321@c.us", to: "120363025555555555@g.us" }), FALLBACK)).toEqual([]);
  });
});

describe("parseWahaPayload: other events and bad shapes", () => {
  it("unknown events and session states produce nothing", () => {
    expect(parseWahaPayload({ event: "presence.update", session: "s", payload: {} }, FALLBACK)).toEqual([]);
    expect(parseWahaPayload({ event: "session.status", session: "s", payload: { status: "HIBERNATING" } }, FALLBACK)).toEqual([]);
  });

  it.each([
    ["null", null, /not a WAHA webhook payload/],
    ["a Meta payload", { object: "whatsapp_business_account", entry: [] }, /not a WAHA webhook payload: event/],
    ["a reaction without the message it reacts to", { event: "message.reaction", payload: { id: "x", from: "1@c.us", reaction: { text: "x" } } }, /not a WAHA message.reaction: reaction/],
    ["a message without an id", { event: "message", payload: { from: "1@c.us", fromMe: false } }, /not a WAHA message: id/],
    ["an ack without a value", { event: "message.ack", payload: { id: "x", fromMe: true } }, /not a WAHA message.ack: ack/],
    ["a session.status without status", { event: "session.status", payload: {} }, /not a WAHA session.status: status/],
  ])("%s → ChannelPayloadError", (_, body, message) => {
    expect(() => parseWahaPayload(body, FALLBACK)).toThrow(ChannelPayloadError);
    expect(() => parseWahaPayload(body, FALLBACK)).toThrow(message);
  });
});

describe("parseWahaPayload: optional fields left out", () => {
  it("a message without fromMe is the customer's, not a dead letter", () => {
    expect(parseWahaPayload({ event: "message", payload: { id: "false_15557654321@c.us_A1", from: "15557654321@c.us", body: "halo" } }, FALLBACK)).toEqual([
      { kind: "message", providerMessageId: "false_15557654321@c.us_A1", from: "15557654321", chatId: "15557654321@c.us", profileName: null, timestamp: FALLBACK, type: "text", text: "halo" },
    ]);
  });

  it("a customer's reaction is a reaction message; their own (fromMe) is not", () => {
    const payload = { id: "false_15557654321@c.us_R1", from: "15557654321@c.us", timestamp: 1710481111.853, reaction: { text: "🙏", messageId: "true_15557654321@c.us_M1" } };
    expect(parseWahaPayload({ event: "message.reaction", payload }, FALLBACK)).toEqual([
      { kind: "message", providerMessageId: payload.id, from: "15557654321", chatId: "15557654321@c.us", profileName: null, timestamp: 1710481111853, type: "reaction", text: "🙏", reaction: { messageId: "true_15557654321@c.us_M1", emoji: "🙏" } },
    ]);
    expect(parseWahaPayload({ event: "message.reaction", payload: { ...payload, fromMe: true } }, FALLBACK)).toEqual([]);
  });
});
