// Meta message echoes (`smb_message_echoes`, numbers used in the WhatsApp
// Business app and the Cloud API together): what the business sent from the
// app is an agent's reply from the device, never the customer's message.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { parseMetaDelivery } from "../../../worker/channels/meta";
import { quietTenant } from "../helpers/assistant";
import { connectMeta, metaTextPayload, postMeta, signMeta, type MetaChannel } from "../helpers/channels";
import { eventually } from "../helpers/wait";

function echoDelivery(channel: Pick<MetaChannel, "phoneNumberId">, to: string, text: string, id = `wamid.ECHO${crypto.randomUUID().replace(/-/g, "")}`) {
  return {
    id,
    body: {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "110000000000001",
          changes: [
            {
              field: "smb_message_echoes",
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: "15550001111", phone_number_id: channel.phoneNumberId },
                message_echoes: [{ from: "15550001111", to, id, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: text } }],
              },
            },
          ],
        },
      ],
    },
  };
}

const rowsOf = async (providerMessageId: string) =>
  (await env.DB.prepare("SELECT direction, author, status, text, payload FROM messages WHERE provider_message_id = ?").bind(providerMessageId).all<Record<string, any>>()).results;

describe("Meta message echoes", () => {
  it("parse as the business's messages to the customer named in `to`", () => {
    const { events, failures } = parseMetaDelivery(echoDelivery({ phoneNumberId: "106540352242922" }, "6281234567890", "On my way").body);
    expect(failures).toEqual([]);
    expect(events).toMatchObject([{ kind: "message", from: "6281234567890", fromBusiness: true, type: "text", text: "On my way", businessPhoneNumberId: "106540352242922" }]);
  });

  it("an unreadable echo is a failure of its own", () => {
    const bad = echoDelivery({ phoneNumberId: "106540352242922" }, "6281234567890", "x");
    (bad.body.entry[0]!.changes[0]!.value.message_echoes[0] as Record<string, unknown>).to = undefined;
    const { events, failures } = parseMetaDelivery(bad.body);
    expect(events).toEqual([]);
    expect(failures).toMatchObject([{ path: "entry.0.changes.0.value.message_echoes.0" }]);
  });

  it("are stored once as an agent's reply from the device and hand the conversation to a human", async () => {
    const owner = await quietTenant();
    expect((await owner.callWithKey("PATCH", "/api/bot-settings", { enabled: true })).status).toBe(200);
    const channel = await connectMeta(owner);
    const inbound = metaTextPayload(channel, { text: "Apakah masih ada?" });
    let raw = JSON.stringify(inbound.payload);
    expect((await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw))).status).toBe(200);
    await eventually(async () => expect(await rowsOf(inbound.id)).toHaveLength(1));
    const echo = echoDelivery(channel, inbound.from, "Masih, Bu. Mau lihat hari Sabtu?");
    raw = JSON.stringify(echo.body);
    for (let i = 0; i < 2; i++) expect((await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw))).status).toBe(200);
    await eventually(async () => expect(await rowsOf(echo.id)).toMatchObject([{ direction: "outbound", author: "agent", status: "sent", text: "Masih, Bu. Mau lihat hari Sabtu?" }]));
    await eventually(async () => {
      const list = (await owner.callWithKey("GET", "/api/conversations")).json.data;
      expect(list).toMatchObject([{ mode: "human" }]);
    });
    expect(await rowsOf(echo.id)).toHaveLength(1);
    expect(JSON.parse((await rowsOf(echo.id))[0]!.payload)).toMatchObject({ fromDevice: true });
  });
});
