// The inbound path's statements are built once and bound per message
// (worker/db/prepared.ts): the rows they write must be the rows a freshly
// built query would write, NULLs included.
import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { tenants } from "../../../worker/db/schema";
import { preparedStatement, runBound } from "../../../worker/db/prepared";
import { insertInbound } from "../../../worker/inbound/store";
import { upsertContact } from "../../../worker/inbound/contacts";
import type { InboundMessage } from "../../../worker/channels/types";
import { newId } from "../../../worker/lib/ids";
import { systemContext } from "../../../worker/lib/system-context";
import { connectMeta } from "../helpers/channels";
import { quietTenant } from "../helpers/assistant";

const ctx = () => systemContext(env, () => {});

const message = (over: Partial<InboundMessage>): InboundMessage =>
  ({
    kind: "message",
    providerMessageId: `wamid.P${crypto.randomUUID().replace(/-/g, "")}`,
    from: "628123450001",
    timestamp: Date.now(),
    type: "text",
    text: "Halo, masih buka?",
    profileName: "Rina",
    ...over,
  }) as InboundMessage;

type Raw = { payload: string | null; stale: number; text: string | null; unread_count: number; last_message_preview: string | null; reply_chat_id: string | null };

const rawRow = async (messageId: string) =>
  (await env.DB.prepare(
    "SELECT m.payload, m.stale, m.text, c.unread_count, c.last_message_preview, c.reply_chat_id FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = ?",
  )
    .bind(messageId)
    .first<Raw>())!;

describe("the inbound statements built once", () => {
  it("store a text message's missing payload as NULL, a location's as JSON, and count each message once", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    const tenantId = owner.tenant.id;
    const contact = await upsertContact(ctx(), tenantId, { waId: "628123450001", profileName: "Rina" });
    const store = (m: InboundMessage, messageId = newId("message")) => insertInbound(ctx(), { tenantId, channelId: channel.id, contactId: contact.id, message: m, messageId });

    const text = message({});
    const first = await store(text);
    expect(first.kind).toBe("stored");
    const textId = first.kind === "stored" ? first.row.id : "";
    expect(await rawRow(textId)).toMatchObject({ payload: null, stale: 0, text: "Halo, masih buka?", unread_count: 1, last_message_preview: "Halo, masih buka?", reply_chat_id: null });
    // The same delivery again under the same id: found, not counted twice.
    const again = await store(text, textId);
    expect(again).toMatchObject({ kind: "stored", inserted: false });
    expect((await rawRow(textId)).unread_count).toBe(1);

    const located = await store(message({ type: "location", text: null, location: { latitude: -6.2, longitude: 106.8, name: "Kantor" }, chatId: "628123450001@c.us" } as Partial<InboundMessage>));
    const locatedId = located.kind === "stored" ? located.row.id : "";
    const raw = await rawRow(locatedId);
    expect(JSON.parse(raw.payload!)).toEqual({ location: { latitude: -6.2, longitude: 106.8, name: "Kantor" } });
    expect(raw).toMatchObject({ text: null, unread_count: 2, reply_chat_id: "628123450001@c.us" });
    // A later message without a chat id keeps the one the customer last wrote from.
    const later = await store(message({ text: "ok" }));
    expect(await rawRow(later.kind === "stored" ? later.row.id : "")).toMatchObject({ unread_count: 3, reply_chat_id: "628123450001@c.us", last_message_preview: "ok" });
    // What the API shows for them.
    const shown = located.kind === "stored" ? located.row : null;
    expect(shown?.payload).toEqual({ location: { latitude: -6.2, longitude: 106.8, name: "Kantor" } });
    expect(first.kind === "stored" && first.row.payload).toBeNull();
  });

  it("are built once per database, and refuse a use that leaves a value out before sending anything", async () => {
    const a = await quietTenant();
    const b = await quietTenant();
    let builds = 0;
    const nameOf = preparedStatement((db) => {
      builds++;
      return db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, sql.placeholder("id")));
    });
    const db = ctx().db;
    const [[ra], [rb]] = await runBound(db, [nameOf(db, { id: a.tenant.id }), nameOf(db, { id: b.tenant.id })]);
    const [[again]] = await runBound(db, [nameOf(db, { id: a.tenant.id })]);
    expect(builds).toBe(1);
    expect([ra?.name, rb?.name, again?.name]).toEqual([a.tenant.name, b.tenant.name, a.tenant.name]);
    expect(() => nameOf(db, {})).toThrow(/no value for placeholder "id"/);
  });
});
