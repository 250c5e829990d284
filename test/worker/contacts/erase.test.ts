// GDPR: exporting everything about one contact, and erasing it so that no
// table holds their personal data afterwards while counts stay intact.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../../worker/lib/ids";
import { createTenant, type TenantOwner } from "../helpers/tenants";
import { eventually } from "../helpers/wait";
import { uniquePhone } from "./helpers";

const token = () => crypto.randomUUID().replace(/-/g, "").slice(0, 12);

/** Every row of every table, as text, with the table's name. */
async function everyTable(): Promise<Array<{ table: string; text: string }>> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'",
  ).all<{ name: string }>();
  const out: Array<{ table: string; text: string }> = [];
  for (const { name } of tables.results) {
    const rows = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
    for (const row of rows.results) out.push({ table: name, text: JSON.stringify(row) });
  }
  return out;
}

async function messagesOf(conversationId: string) {
  return (await env.DB.prepare("SELECT id, text, payload FROM messages WHERE conversation_id = ?").bind(conversationId).all<{ id: string; text: string | null; payload: string | null }>()).results;
}

/** A customer with a profile, two WhatsApp messages (through the sandbox pipeline), a note, and copies of their data where the platform keeps copies. */
async function customer(owner: TenantOwner) {
  const pii = {
    name: `Erin ${token()}`,
    phone: uniquePhone(),
    email: `erin-${token()}@example.com`,
    text: `my address is ${token()}`,
    city: `Kota ${token()}`,
    note: `prefers calls after ${token()}`,
  };
  const waId = pii.phone.slice(1);
  await owner.callWithKey("POST", "/api/custom-fields", { key: "city", label: "City", type: "text" });
  const created = await owner.callWithKey("POST", "/api/contacts", { phone: pii.phone, name: pii.name, email: pii.email, tags: ["vip"], customFields: { city: pii.city } });
  expect(created.status, created.text).toBe(201);
  const contactId = created.json.id as string;

  const sent = [];
  for (const text of [pii.text, `second ${pii.text}`]) {
    const res = await owner.callWithKey("POST", "/api/sandbox/messages", { from: pii.phone, name: pii.name, text });
    expect(res.status, res.text).toBe(202);
    sent.push(res.json);
  }
  const conversationId = sent[0].conversationId as string;
  await eventually(async () => expect((await messagesOf(conversationId)).filter((m) => m.text?.includes(pii.text))).toHaveLength(2));

  const t = owner.tenant.id;
  const now = Date.now();
  const endpointId = newId("webhookEndpoint");
  const eventId = newId("event");
  const deliveryId = newId("webhookDelivery");
  const importId = newId("contactImport");
  const eventBody = JSON.stringify({ type: "message.received", timestamp: new Date(now).toISOString(), data: { contact: { id: contactId, phone: pii.phone, name: pii.name }, message: { text: pii.text } } });
  await env.DB.batch([
    env.DB.prepare("INSERT INTO conversation_notes (id, tenant_id, conversation_id, author_type, author_id, text, created_at) VALUES (?, ?, ?, 'user', ?, ?, ?)").bind(
      newId("note"),
      t,
      conversationId,
      owner.user.id,
      pii.note,
      now,
    ),
    // A disabled endpoint, so nothing is sent anywhere; its history holds the customer's data.
    env.DB.prepare("INSERT INTO webhook_endpoints (id, tenant_id, url, event_types, enabled, secret, created_at, updated_at) VALUES (?, ?, 'https://hooks.example.com/p', '[\"*\"]', 0, 'sealed', ?, ?)").bind(endpointId, t, now, now),
    env.DB.prepare("INSERT INTO webhook_events (id, tenant_id, type, payload, created_at) VALUES (?, ?, 'message.received', ?, ?)").bind(eventId, t, eventBody, now),
    env.DB.prepare("INSERT INTO webhook_deliveries (id, tenant_id, endpoint_id, event_id, event_type, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'message.received', 'succeeded', ?, ?)").bind(deliveryId, t, endpointId, eventId, now, now),
    env.DB.prepare(
      "INSERT INTO webhook_attempts (id, tenant_id, delivery_id, trigger, succeeded, status_code, duration_ms, response_body, url, webhook_timestamp, created_at) VALUES (?, ?, ?, 'scheduled', 1, 200, 5, ?, 'https://hooks.example.com/p', ?, ?)",
    ).bind(newId("webhookAttempt"), t, deliveryId, `ok, got ${pii.name}`, Math.floor(now / 1000), now),
    env.DB.prepare("INSERT INTO dead_letters (id, tenant_id, queue, message_id, payload, error, attempts, created_at) VALUES (?, ?, 'parley-inbound', ?, ?, 'x', 6, ?)").bind(
      newId("deadLetter"),
      t,
      `m-${token()}`,
      JSON.stringify({ tenantId: t, body: JSON.stringify({ entry: [{ changes: [{ value: { contacts: [{ wa_id: waId, profile: { name: pii.name } }], messages: [{ text: { body: pii.text } }] } }] }] }) }),
      now,
    ),
    env.DB.prepare("INSERT INTO webhook_payloads (id, tenant_id, channel_id, body, created_at) VALUES (?, ?, 'chn_x', ?, ?)").bind(newId("payload"), t, JSON.stringify({ from: waId, pushName: pii.name }), now),
    env.DB.prepare("INSERT INTO audit_log (id, tenant_id, actor_type, action, metadata, created_at) VALUES (?, ?, 'system', 'test.copy', ?, ?)").bind(newId("audit"), t, JSON.stringify({ phone: pii.phone }), now),
    // An import still waiting in the queue that would bring the customer back.
    env.DB.prepare(
      "INSERT INTO contact_imports (id, tenant_id, status, total_rows, contact_rows, duplicate_rows, error_rows, slice_count, ignored_columns, created_at, updated_at) VALUES (?, ?, 'queued', 2, 2, 0, 0, 1, '[]', ?, ?)",
    ).bind(importId, t, now, now),
    env.DB.prepare("INSERT INTO contact_import_slices (import_id, seq, tenant_id, row_count, data) VALUES (?, 0, ?, 2, ?)").bind(
      importId,
      t,
      JSON.stringify([
        { row: 2, waId, phone: pii.phone, name: pii.name },
        { row: 3, waId: "6289999999999", phone: "+6289999999999", name: "Someone else" },
      ]),
    ),
  ]);
  return { pii, waId, contactId, conversationId, importId };
}

describe("one contact's data", () => {
  it("exports as JSON: the contact, conversations, messages and notes", async () => {
    const owner = await createTenant();
    await owner.callWithKey("PATCH", "/api/bot-settings", { enabled: false });
    const { pii, contactId, conversationId } = await customer(owner);
    const res = await owner.callWithKey("GET", `/api/contacts/${contactId}/export`);
    expect(res.status, res.text).toBe(200);
    expect(res.json.contact).toMatchObject({ id: contactId, name: pii.name, email: pii.email, customFields: { city: pii.city } });
    expect(res.json.conversations.map((c: { id: string }) => c.id)).toEqual([conversationId]);
    expect(res.json.messages.filter((m: { text: string }) => m.text?.includes(pii.text))).toHaveLength(2);
    expect(res.json.notes.map((n: { text: string }) => n.text)).toEqual([pii.note]);
    expect(Date.parse(res.json.exportedAt)).not.toBeNaN();
  });

  it("erasure leaves no personal data in any table and keeps the counts", async () => {
    const owner = await createTenant();
    await owner.callWithKey("PATCH", "/api/bot-settings", { enabled: false });
    const { pii, waId, contactId, conversationId, importId } = await customer(owner);
    const bystander = await owner.callWithKey("POST", "/api/contacts", { phone: uniquePhone(), name: `Bystander ${token()}` });
    const messagesBefore = (await messagesOf(conversationId)).length;
    const needles = [pii.name, pii.email, pii.text, pii.city, pii.note, pii.phone, waId];
    // The copies are really there before.
    const before = await everyTable();
    for (const needle of needles) expect(before.some((r) => r.text.includes(needle)), needle).toBe(true);

    const res = await owner.callWithKey("DELETE", `/api/contacts/${contactId}`);
    expect(res.status, res.text).toBe(204);

    const leaks = (await everyTable()).filter((r) => needles.some((n) => r.text.includes(n)));
    expect(leaks, "personal data left after erasure").toEqual([]);

    // Counts and structure stay; the bystander is untouched.
    expect((await messagesOf(conversationId)).length).toBe(messagesBefore);
    const row = await env.DB.prepare("SELECT phone, wa_id, name, erased_at FROM contacts WHERE id = ?").bind(contactId).first<Record<string, unknown>>();
    expect(row).toMatchObject({ phone: "[erased]", wa_id: `erased:${contactId}`, name: null });
    expect(row!.erased_at).not.toBeNull();
    expect((await owner.callWithKey("GET", `/api/contacts/${bystander.json.id}`)).json.name).toBe(bystander.json.name);
    const slice = await env.DB.prepare("SELECT data FROM contact_import_slices WHERE import_id = ?").bind(importId).first<{ data: string }>();
    expect(JSON.parse(slice!.data).map((r: { name: string }) => r.name)).toEqual(["Someone else"]);

    // Gone from the API; a second erase is a 404; the audit row holds counts only.
    expect((await owner.callWithKey("GET", `/api/contacts/${contactId}`)).status).toBe(404);
    expect((await owner.callWithKey("GET", "/api/contacts")).json.data.map((c: { id: string }) => c.id)).not.toContain(contactId);
    expect((await owner.callWithKey("DELETE", `/api/contacts/${contactId}`)).status).toBe(404);
    const audit = await env.DB.prepare("SELECT metadata FROM audit_log WHERE tenant_id = ? AND action = 'contact.erased' AND target_id = ?").bind(owner.tenant.id, contactId).first<{ metadata: string }>();
    expect(JSON.parse(audit!.metadata)).toEqual({ conversations: 1, messages: messagesBefore });

    // contact.deleted reaches the tenant's live feed.
    await eventually(async () => {
      // The RPC stub's inferred return type is not usable here; the shape is the feed's event.
      const events = (await env.REALTIME.getByName(owner.tenant.id).eventsSince(0)) as unknown as Array<{ type: string; data: unknown }>;
      expect(events.some((e) => e.type === "contact.deleted" && (e.data as { contact?: { id?: string } }).contact?.id === contactId)).toBe(true);
    });
    // Nothing the feed still holds names the person: only the deletion notice carries the id.
    const feed = JSON.stringify(((await env.REALTIME.getByName(owner.tenant.id).eventsSince(0)) as unknown as Array<{ type: string }>).filter((e) => e.type !== "contact.deleted"));
    expect(feed).not.toContain(contactId);
    expect(feed).not.toContain(pii.phone.replace(/\D/g, ""));

    // The same number writing again is a new contact.
    const again = await owner.callWithKey("POST", "/api/sandbox/messages", { from: pii.phone, text: "hello again" });
    expect(again.status).toBe(202);
    expect(again.json.contactId).not.toBe(contactId);
  });
});
