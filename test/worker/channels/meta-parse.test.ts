import { describe, expect, it } from "vitest";
import batched from "../../fixtures/meta/batched.json?raw";
import imageCaption from "../../fixtures/meta/image-caption.json?raw";
import buttonReply from "../../fixtures/meta/interactive-button-reply.json?raw";
import statusDelivered from "../../fixtures/meta/status-delivered.json?raw";
import statusFailed from "../../fixtures/meta/status-failed-131047.json?raw";
import text from "../../fixtures/meta/text.json?raw";
import { ChannelPayloadError, parseMetaDelivery, parseMetaPayload, splitMetaByPhoneNumberId } from "../../../worker/channels/meta";

const metaPhoneNumberIds = (body: unknown) => [...splitMetaByPhoneNumberId(body).keys()];
import type { InboundMessage } from "../../../worker/channels/types";

const PNID = "220000000000001";
const FROM = "15557654321";

/** One `messages` change around the given value parts. */
function payload(value: Record<string, unknown>, phoneNumberId = PNID) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "110000000000001",
        changes: [
          {
            field: "messages",
            value: { messaging_product: "whatsapp", metadata: { display_phone_number: "15550001111", phone_number_id: phoneNumberId }, ...value },
          },
        ],
      },
    ],
  };
}

/** Parse a single inbound message of `type` with `body` under its type key. */
function parseOne(type: string, body: unknown, extra: Record<string, unknown> = {}): InboundMessage {
  const events = parseMetaPayload(
    payload({
      contacts: [{ profile: { name: "Ana Souza" }, wa_id: FROM }],
      messages: [{ from: FROM, id: `wamid.${type}`, timestamp: "1767225600", type, [type]: body, ...extra }],
    }),
  );
  expect(events).toHaveLength(1);
  const [event] = events;
  if (event?.kind !== "message") throw new Error("expected a message");
  return event;
}

describe("parseMetaPayload: fixtures", () => {
  it("text.json", () => {
    expect(parseMetaPayload(JSON.parse(text))).toEqual([
      {
        kind: "message",
        providerMessageId: "wamid.HBgLMTU1NTc2NTQzMjEVAgASGBRGQUtFSU4wMDAwMDAwMDAwMDAxAA==",
        from: FROM,
        profileName: "Ana Souza",
        timestamp: 1767225600_000,
        type: "text",
        text: "Hi! Are you open on Sunday?",
        businessPhoneNumberId: PNID,
      },
    ]);
  });

  it("image-caption.json", () => {
    const [m] = parseMetaPayload(JSON.parse(imageCaption)) as InboundMessage[];
    expect(m).toMatchObject({ kind: "message", type: "image", text: "Is this the right part?", timestamp: 1767225660_000, profileName: "Ana Souza" });
    expect(m?.media).toEqual({
      id: "9900000000000001",
      mimeType: "image/jpeg",
      sha256: "q1w2e3r4t5y6u7i8o9p0AsDfGhJkLzXcVbNm1234567=",
      url: "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=9900000000000001&ext=1767226000&hash=FAKEHASH",
    });
  });

  it("interactive-button-reply.json", () => {
    const [m] = parseMetaPayload(JSON.parse(buttonReply)) as InboundMessage[];
    expect(m).toMatchObject({
      type: "interactive",
      text: "Yes",
      interactive: { kind: "button_reply", id: "resched_yes", title: "Yes" },
      context: { messageId: "wamid.HBgLMTU1NTc2NTQzMjEVAgARGBJGQUtFT1VUMDAwMDAwMDAwMDEA" },
      timestamp: 1767225720_000,
    });
  });

  it("status-delivered.json", () => {
    expect(parseMetaPayload(JSON.parse(statusDelivered))).toEqual([
      {
        kind: "status",
        providerMessageId: "wamid.HBgLMTU1NTc2NTQzMjEVAgARGBJGQUtFT1VUMDAwMDAwMDAwMDIA",
        status: "delivered",
        timestamp: 1767225785_000,
        recipient: FROM,
        // biz_opaque_callback_data, echoed back from the send.
        reference: "tenant=acme;turn=8812",
        businessPhoneNumberId: PNID,
      },
    ]);
  });

  it("status-failed-131047.json carries the first error", () => {
    expect(parseMetaPayload(JSON.parse(statusFailed))).toEqual([
      {
        kind: "status",
        providerMessageId: "wamid.HBgLMTU1NTc2NTQzMjEVAgARGBJGQUtFT1VUMDAwMDAwMDAwMDMA",
        status: "failed",
        timestamp: 1767312000_000,
        recipient: FROM,
        error: {
          code: 131047,
          title: "Re-engagement message",
          message: "Re-engagement message",
          details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
        },
        businessPhoneNumberId: PNID,
      },
    ]);
  });

  it("batched.json: every entry × change × message/status, in order", () => {
    const events = parseMetaPayload(JSON.parse(batched));
    expect(events.map((e) => [e.kind, e.kind === "channel_state" || e.kind === "channel_health" || e.kind === "template_update" ? null : e.businessPhoneNumberId])).toEqual([
      ["message", "220000000000001"],
      ["message", "220000000000001"],
      ["status", "220000000000001"],
      ["status", "220000000000002"],
    ]);
    expect(events[0]).toMatchObject({ type: "text", text: "Also, can I pay by card?", profileName: "Ana Souza", timestamp: 1767226000_000 });
    expect(events[1]).toMatchObject({
      type: "reaction",
      text: "\u{1F44D}",
      reaction: { messageId: "wamid.HBgLMTU1NTc2NTQzMjEVAgARGBJGQUtFT1VUMDAwMDAwMDAwMDIA", emoji: "\u{1F44D}" },
      profileName: "Ana Souza",
    });
    expect(events[2]).toMatchObject({ kind: "status", status: "read", recipient: FROM, timestamp: 1767226001_000 });
    expect(events[3]).toMatchObject({ kind: "status", status: "sent", recipient: "447700900123", timestamp: 1767226003_000 });
  });

  it("splitMetaByPhoneNumberId gives each business number only its own changes", () => {
    const parts = splitMetaByPhoneNumberId(JSON.parse(batched));
    for (const [number, part] of parts) {
      const numbers = parseMetaPayload(part).map((e) => (e as { businessPhoneNumberId?: string }).businessPhoneNumberId);
      expect(numbers.length).toBeGreaterThan(0);
      expect(new Set(numbers)).toEqual(new Set([number]));
    }
    const all = parseMetaPayload(JSON.parse(batched)).length;
    expect([...parts.values()].reduce((n: number, p) => n + parseMetaPayload(p).length, 0)).toBe(all);
  });

  it("lists each business number once", () => {
    expect(metaPhoneNumberIds(JSON.parse(batched))).toEqual(["220000000000001", "220000000000002"]);
    expect(metaPhoneNumberIds(JSON.parse(text))).toEqual([PNID]);
  });
});

describe("parseMetaPayload: message types", () => {
  it("audio, with voice notes marked", () => {
    const m = parseOne("audio", { id: "m1", mime_type: "audio/ogg; codecs=opus", sha256: "abc=", voice: true });
    expect(m).toMatchObject({ type: "audio", text: null, media: { id: "m1", mimeType: "audio/ogg; codecs=opus", sha256: "abc=", voice: true } });
  });

  it("video with caption, document with filename, sticker", () => {
    expect(parseOne("video", { id: "v1", mime_type: "video/mp4", caption: "look" })).toMatchObject({ type: "video", text: "look", media: { id: "v1" } });
    expect(parseOne("document", { id: "d1", mime_type: "application/pdf", filename: "invoice.pdf", caption: "my invoice" })).toMatchObject({
      type: "document",
      text: "my invoice",
      media: { id: "d1", filename: "invoice.pdf", mimeType: "application/pdf" },
    });
    expect(parseOne("sticker", { id: "s1", mime_type: "image/webp", animated: false })).toMatchObject({ type: "sticker", text: null, media: { id: "s1" } });
  });

  it("location: numbers kept, name as text", () => {
    const m = parseOne("location", { latitude: -6.2, longitude: 106.816666, name: "Monas", address: "Gambir, Jakarta" });
    expect(m).toMatchObject({ type: "location", text: "Monas", location: { latitude: -6.2, longitude: 106.816666, name: "Monas", address: "Gambir, Jakarta" } });
  });

  it("list_reply", () => {
    const m = parseOne("interactive", { type: "list_reply", list_reply: { id: "slot_0900", title: "09:00", description: "Dr. Lee" } }, { context: { from: "15550001111", id: "wamid.list" } });
    expect(m).toMatchObject({
      type: "interactive",
      text: "09:00",
      interactive: { kind: "list_reply", id: "slot_0900", title: "09:00", description: "Dr. Lee" },
      context: { messageId: "wamid.list" },
    });
  });

  it("button (template quick reply)", () => {
    const m = parseOne("button", { payload: "TRACK_123", text: "Track order" }, { context: { from: "15550001111", id: "wamid.tpl" } });
    expect(m).toMatchObject({ type: "button", text: "Track order", interactive: { kind: "template_button", id: "TRACK_123", title: "Track order" }, context: { messageId: "wamid.tpl" } });
  });

  it("reaction removed: no emoji", () => {
    const m = parseOne("reaction", { message_id: "wamid.ours" });
    expect(m).toMatchObject({ type: "reaction", text: null, reaction: { messageId: "wamid.ours", emoji: null } });
  });

  it("contacts rendered as text", () => {
    const m = parseOne("contacts", [
      { name: { formatted_name: "Budi Santoso", first_name: "Budi" }, phones: [{ phone: "+62 812-3456-789", wa_id: "628123456789", type: "CELL" }] },
      { name: { formatted_name: "No Phone" } },
    ]);
    expect(m).toMatchObject({ type: "contacts", text: "Budi Santoso: +62 812-3456-789\nNo Phone" });
  });

  it("unsupported keeps Meta's errors", () => {
    const m = parseOne("unsupported", { type: "edit" }, { errors: [{ code: 131051, title: "Message type unknown", message: "Message type unknown", error_data: { details: "Message type is currently not supported." } }] });
    expect(m).toMatchObject({
      type: "unsupported",
      text: null,
      errors: [{ code: 131051, title: "Message type unknown", message: "Message type unknown", details: "Message type is currently not supported." }],
    });
  });

  it("unknown types (order, system, future ones) become unsupported", () => {
    expect(parseOne("order", { catalog_id: "1", product_items: [] })).toMatchObject({ type: "unsupported", text: null });
    expect(parseOne("holographic", { anything: true })).toMatchObject({ type: "unsupported", text: null });
  });

  it("a known type with a broken body degrades to unsupported", () => {
    expect(parseOne("text", { body: 42 })).toMatchObject({ type: "unsupported", text: null, providerMessageId: "wamid.text" });
    expect(parseOne("interactive", { type: "nfm_reply", nfm_reply: { response_json: "{}" } })).toMatchObject({ type: "unsupported" });
  });

  it("forwarded context", () => {
    expect(parseOne("text", { body: "fwd" }, { context: { frequently_forwarded: true } }).context).toEqual({ forwarded: true });
  });

  it("unknown fields anywhere are ignored", () => {
    const m = parseOne("text", { body: "hi", future: 1 }, { referral: { source_url: "https://fb.me/x" }, identity: { acknowledged: true } });
    expect(m).toMatchObject({ type: "text", text: "hi" });
  });
});

describe("parseMetaPayload: contacts and statuses", () => {
  it("profile names are matched by wa_id", () => {
    const events = parseMetaPayload(
      payload({
        contacts: [
          { profile: { name: "Ana" }, wa_id: "15550000001" },
          { profile: { name: "Budi" }, wa_id: "15550000002" },
        ],
        messages: [
          { from: "15550000002", id: "wamid.b", timestamp: "1", type: "text", text: { body: "from Budi" } },
          { from: "15550000001", id: "wamid.a", timestamp: "2", type: "text", text: { body: "from Ana" } },
          { from: "15550000003", id: "wamid.c", timestamp: "3", type: "text", text: { body: "unknown" } },
        ],
      }),
    ) as InboundMessage[];
    expect(events.map((e) => [e.from, e.profileName])).toEqual([
      ["15550000002", "Budi"],
      ["15550000001", "Ana"],
      ["15550000003", null],
    ]);
  });

  it("a single contact with a blank wa_id (username users) still names the sender", () => {
    const [m] = parseMetaPayload(
      payload({ contacts: [{ profile: { name: "Ana" }, wa_id: "" }], messages: [{ from: FROM, id: "wamid.u", timestamp: "1", type: "text", text: { body: "hi" } }] }),
    ) as InboundMessage[];
    expect(m?.profileName).toBe("Ana");
  });

  it("maps sent/delivered/read/played/failed and skips status kinds Parley does not track", () => {
    const statuses = ["sent", "delivered", "read", "played", "failed", "deleted"].map((status, i) => ({ id: `wamid.${i}`, status, timestamp: String(100 + i), recipient_id: FROM }));
    const events = parseMetaPayload(payload({ statuses }));
    expect(events.map((e) => (e.kind === "status" ? [e.status, e.timestamp, e.error] : null))).toEqual([
      ["sent", 100_000, undefined],
      ["delivered", 101_000, undefined],
      ["read", 102_000, undefined],
      ["played", 103_000, undefined],
      ["failed", 104_000, undefined],
    ]);
  });

  it("a failed status reports only the first error, title falling back to message", () => {
    const [s] = parseMetaPayload(
      payload({
        statuses: [
          { id: "wamid.f", status: "failed", timestamp: "5", recipient_id: FROM, errors: [{ code: 131026, message: "Message undeliverable" }, { code: 1, title: "second" }] },
        ],
      }),
    );
    expect(s).toMatchObject({ status: "failed", error: { code: 131026, title: "Message undeliverable", message: "Message undeliverable" } });
  });

  it("system-level value.errors produce no events", () => {
    expect(parseMetaPayload(payload({ errors: [{ code: 130429, title: "Rate limit hit" }] }))).toEqual([]);
  });

  it("changes of fields Parley does not act on are skipped", () => {
    const body = {
      object: "whatsapp_business_account",
      entry: [{ id: "1", changes: [{ field: "business_capability_update", value: { max_daily_conversation_per_phone: 1000 } }] }],
    };
    expect(parseMetaPayload(body)).toEqual([]);
    expect(metaPhoneNumberIds(body)).toEqual([]);
  });

  it("template and account changes become template_update and channel_health events", () => {
    const body = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "102290129340398",
          time: 1751247548,
          changes: [
            { field: "message_template_status_update", value: { event: "APPROVED", message_template_id: 1, message_template_name: "hello", message_template_language: "en", reason: "NONE" } },
            { field: "phone_number_quality_update", value: { display_phone_number: "16505551111", event: "UNFLAGGED", current_limit: "TIER_10K" } },
          ],
        },
      ],
    };
    expect(parseMetaPayload(body)).toEqual([
      { kind: "template_update", providerTemplateId: "1", name: "hello", language: "en", status: "approved", reason: null, timestamp: 1751247548000 },
      { kind: "channel_health", area: "quality", problem: null, displayPhoneNumber: "16505551111", wabaId: "102290129340398", timestamp: 1751247548000 },
    ]);
  });
});

describe("parseMetaPayload: not Meta's shape", () => {
  it.each([
    ["null", null, /not a Meta webhook payload/],
    ["a WAHA event", { event: "message", payload: {} }, /not a Meta webhook payload: object/],
    ["no entry array", { object: "whatsapp_business_account" }, /not a Meta webhook payload: entry/],
    ["a page webhook", { object: "page", entry: [] }, /object/],
    ["changes not an array", { object: "whatsapp_business_account", entry: [{ changes: {} }] }, /entry\.0\.changes/],
  ])("%s → ChannelPayloadError", (_, body, message) => {
    expect(() => parseMetaPayload(body)).toThrow(ChannelPayloadError);
    expect(() => parseMetaPayload(body)).toThrow(message);
  });

  it("a messages change without metadata.phone_number_id", () => {
    const body = payload({ messages: [] });
    delete (body.entry[0]!.changes[0]!.value as Record<string, unknown>).metadata;
    expect(() => parseMetaPayload(body)).toThrow(/entry\.0\.changes\.0\.value: metadata/);
  });

  it("a message without an id or with a non-numeric timestamp", () => {
    expect(() => parseMetaPayload(payload({ messages: [{ from: FROM, timestamp: "1", type: "text", text: { body: "x" } }] }))).toThrow(/messages\.0: id/);
    expect(() => parseMetaPayload(payload({ messages: [{ id: "w", from: FROM, timestamp: "yesterday", type: "text" }] }))).toThrow(ChannelPayloadError);
  });

  it("metaPhoneNumberIds routes a foreign body nowhere instead of throwing", () => {
    expect(metaPhoneNumberIds(null)).toEqual([]);
    expect(metaPhoneNumberIds({ event: "message" })).toEqual([]);
  });
});

describe("parseMetaDelivery: one event at a time", () => {
  it("keeps the valid messages beside a malformed one and reports the bad one with its path and a body of its own", () => {
    const good = { from: FROM, id: "wamid.GOOD", timestamp: "1767226000", type: "text", text: { body: "hi" } };
    const bad = { from: FROM, id: "wamid.BAD", timestamp: "yesterday", type: "text", text: { body: "x" } };
    const { events, failures } = parseMetaDelivery(payload({ messages: [good, bad, { ...good, id: "wamid.GOOD2" }] }));
    expect(events.map((e) => (e.kind === "channel_state" || e.kind === "channel_health" || e.kind === "template_update" ? null : e.providerMessageId))).toEqual(["wamid.GOOD", "wamid.GOOD2"]);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.path).toBe("entry.0.changes.0.value.messages.1");
    expect(failures[0]!.reason).toMatch(/timestamp/);
    // The dead letter's body holds only the bad message, and reads the same way again.
    const alone = parseMetaDelivery(failures[0]!.delivery);
    expect(alone.events).toEqual([]);
    expect(alone.failures).toHaveLength(1);
    expect(alone.failures[0]!.reason).toMatch(/messages\.0: timestamp/);
    expect(JSON.stringify(failures[0]!.delivery)).not.toContain("wamid.GOOD");
  });

  it("a username user with a user id and no phone number: the user id addresses them", () => {
    const [m] = parseMetaPayload(
      payload({
        contacts: [{ profile: { name: "Rina", username: "@rina" }, user_id: "ID.1234567890" }],
        messages: [{ id: "wamid.U1", from_user_id: "ID.1234567890", timestamp: "1767226000", type: "text", text: { body: "halo" } }],
      }),
    );
    expect(m).toMatchObject({ kind: "message", from: "ID.1234567890", userId: "ID.1234567890", username: "@rina", profileName: "Rina" });
  });

  it("a user id only on the contact card (no from, no from_user_id)", () => {
    const [m] = parseMetaPayload(
      payload({ contacts: [{ profile: { name: "N" }, user_id: "US.99" }], messages: [{ id: "wamid.U2", timestamp: "1767226000", type: "text", text: { body: "x" } }] }),
    );
    expect(m).toMatchObject({ from: "US.99", userId: "US.99" });
  });

  it("a phone number and a user id: the phone number addresses them, the user id is kept", () => {
    const [m] = parseMetaPayload(
      payload({
        contacts: [{ profile: { name: "N", username: "@n" }, wa_id: FROM, user_id: "US.77" }],
        messages: [{ id: "wamid.U3", from: FROM, from_user_id: "US.77", timestamp: "1767226000", type: "text", text: { body: "x" } }],
      }),
    );
    expect(m).toMatchObject({ from: FROM, userId: "US.77", username: "@n" });
  });

  it("a message naming no sender at all is a failure of its own", () => {
    const { events, failures } = parseMetaDelivery(payload({ messages: [{ id: "wamid.X", timestamp: "1767226000", type: "text", text: { body: "x" } }] }));
    expect(events).toEqual([]);
    expect(failures[0]!.reason).toMatch(/from_user_id/);
  });

  it("system notices and deletions are not customer messages", () => {
    expect(parseMetaPayload(payload({ messages: [{ id: "wamid.S", from: FROM, timestamp: "1767226000", type: "system", system: { body: "changed" } }] }))).toEqual([]);
  });
});
