// Deleting a workspace: only a signed-in owner with their password and the
// workspace's name typed exactly; the workspace is unusable the moment the 202
// is answered (sessions, API keys, webhooks, queued sends); the maintenance run
// then erases every row of it in every tenant table and every stored file,
// continuing where an interrupted pass stopped, and nothing of another tenant.
import { env, exports } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { pacerTick } from "../../worker/campaigns/pacer";
import { systemContext } from "../../worker/lib/system-context";
import { processInboundJob } from "../../worker/inbound/consumer";
import { tenantTables } from "../../worker/tenancy/export";
import { eraseDeletedTenants, eraseTenant } from "../../worker/tenancy/tenant-deletion";
import { ORIGIN, PASSWORD } from "./helpers/api";
import { connectMeta, connectWaha, metaTextPayload, postMeta, postWaha, signMeta, signWaha } from "./helpers/channels";
import { createTenant, inviteMember, type TenantOwner } from "./helpers/tenants";
import { eventually } from "./helpers/wait";
import { subscriberUrl } from "./events/harness";
import { fakeProviders } from "./media/helpers";
import { channelOf, seedContact } from "./campaigns/helpers";

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

const sys = () => systemContext(env, () => {});
const count = async (sql: string, ...args: unknown[]) => (await env.DB.prepare(sql).bind(...args).first<{ n: number }>())!.n;
const deleteWorkspace = (owner: TenantOwner, body: Record<string, unknown> = { password: PASSWORD, name: owner.tenant.name }) =>
  owner.call("DELETE", "/api/tenant", body);

/** Rows per tenant table for one tenant (every table of tenantTables()). */
async function rowsByTable(tenantId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tenantTables()) out[t.name] = await count(`SELECT COUNT(*) AS n FROM "${t.name}" WHERE tenant_id = ?`, tenantId);
  return out;
}
const total = (rows: Record<string, number>) => Object.values(rows).reduce((a, b) => a + b, 0);
const objectsUnder = async (tenantId: string) => (await env.MEDIA.list({ prefix: `${tenantId}/` })).objects.length;

async function upload(owner: TenantOwner, name: string) {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3, 4])], { type: "image/png" }), name);
  const res = await exports.default.fetch(new Request(`${ORIGIN}/api/media`, { method: "POST", headers: { authorization: `Bearer ${owner.apiKey}` }, body: form }));
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** A workspace with data in many tables: a conversation answered by the bot, knowledge, a tag, a quick reply, a file, an endpoint. */
async function populated(tenantName?: string): Promise<TenantOwner> {
  const owner = await createTenant({ tenantName });
  const sent = await owner.call("POST", "/api/sandbox/messages", { from: `+62812${Math.floor(Math.random() * 1e7)}`, name: "Sari", text: "What time do you open?" });
  expect(sent.status, sent.text).toBe(202);
  expect((await owner.call("POST", "/api/knowledge", { title: "Opening hours", content: "We open 8am to 9pm every day." })).status).toBe(201);
  expect((await owner.call("POST", "/api/quick-replies", { shortcut: "hours", title: "Hours", text: "We open at 8am." })).status).toBe(201);
  expect((await owner.call("POST", "/api/tags", { name: "VIP" })).status).toBe(201);
  expect((await owner.call("POST", "/api/webhook-endpoints", { url: subscriberUrl(), events: ["*"] })).status).toBe(201);
  await upload(owner, "menu.png");
  // The bot's turn is over (its answer stored) before anything is deleted.
  await eventually(async () => {
    expect(await count("SELECT COUNT(*) AS n FROM messages WHERE conversation_id = (SELECT conversation_id FROM messages WHERE id = ?) AND direction = 'outbound'", sent.json.messageId)).toBeGreaterThan(0);
  }, { what: "the bot's answer" });
  return owner;
}

describe("DELETE /api/tenant", () => {
  it("answers 202 and closes the workspace at once: sessions, API keys, webhooks and queued sends", async () => {
    const fake = fakeProviders();
    restore = fake.restore;
    const owner = await createTenant({ tenantName: "Toko Tutup" });
    const agent = await inviteMember(owner, "agent");
    const meta = await connectMeta(owner);
    const waha = await connectWaha(owner);
    const first = metaTextPayload(meta, { text: "Halo, masih buka?" });
    const raw = JSON.stringify(first.payload);
    expect((await postMeta(meta.id, raw, await signMeta(meta.appSecret, raw))).status).toBe(200);
    const inbound = await eventually(async () => {
      const row = await env.DB.prepare("SELECT conversation_id, channel_id FROM messages WHERE tenant_id = ? AND direction = 'inbound'").bind(owner.tenant.id).first<{ conversation_id: string; channel_id: string }>();
      expect(row).not.toBeNull();
      return row!;
    }, { what: "the inbound message stored" });
    // A reply waiting in the queue when the workspace goes.
    const queuedId = `msg_queued_${crypto.randomUUID()}`;
    await env.DB.prepare(
      "INSERT INTO messages (id, tenant_id, conversation_id, channel_id, direction, author, type, text, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'outbound', 'agent', 'text', 'Never to be sent', 'queued', ?, ?)",
    )
      .bind(queuedId, owner.tenant.id, inbound.conversation_id, inbound.channel_id, Date.now(), Date.now())
      .run();
    const messagesBefore = await count("SELECT COUNT(*) AS n FROM messages WHERE tenant_id = ?", owner.tenant.id);

    const res = await deleteWorkspace(owner);
    expect(res.status, res.text).toBe(202);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.json).toMatchObject({ id: owner.tenant.id, name: "Toko Tutup", status: "scheduled" });
    expect(Date.parse(res.json.requestedAt)).not.toBeNaN();

    // The owner's session and API key no longer reach it.
    expect((await owner.call("GET", "/api/contacts", undefined, { headers: { "x-tenant-id": owner.tenant.id } })).status).toBe(404);
    expect((await owner.callWithKey("GET", "/api/contacts")).status).toBe(401);
    expect((await owner.call("GET", "/api/me")).status).toBe(403);
    // The agent's too, and it is gone from their list of workspaces.
    expect((await agent.call("GET", "/api/conversations", undefined, { headers: { "x-tenant-id": owner.tenant.id } })).status).toBe(404);
    expect((await agent.call("GET", "/api/conversations")).status).toBe(403);

    // Webhooks for its channels are acknowledged and nothing is stored.
    const second = metaTextPayload(meta, { text: "Halo lagi?" });
    const raw2 = JSON.stringify(second.payload);
    expect((await postMeta(meta.id, raw2, await signMeta(meta.appSecret, raw2))).status).toBe(200);
    const wahaBody = JSON.stringify({ event: "message", session: "default", payload: { id: "true_628111@c.us_X1", from: "628111@c.us", body: "hi", fromMe: false, timestamp: 1 } });
    expect((await postWaha(waha.id, wahaBody, await signWaha(waha.webhookSecret, wahaBody))).status).toBe(200);
    // A delivery accepted just before (already on the queue) is dropped by the consumer.
    await processInboundJob(sys(), { kind: "webhook", provider: "meta", tenantId: owner.tenant.id, channelId: meta.id, receivedAt: Date.now(), body: raw2 });
    expect(await count("SELECT COUNT(*) AS n FROM messages WHERE tenant_id = ?", owner.tenant.id)).toBe(messagesBefore);

    // The queued reply is never sent.
    await env.OUTBOUND_QUEUE.send({ tenantId: owner.tenant.id, messageId: queuedId, lane: inbound.conversation_id });
    await eventually(async () => {
      const row = await env.DB.prepare("SELECT status, error_code FROM messages WHERE id = ?").bind(queuedId).first();
      expect(row).toEqual({ status: "failed", error_code: "channel_disconnected" });
    }, { what: "the queued reply refused" });
    expect(fake.requests.filter((r) => JSON.stringify(r.body ?? "").includes("Never to be sent"))).toEqual([]);

    // Endpoints get nothing more; the record of the deletion names who asked.
    expect(await count("SELECT COUNT(*) AS n FROM webhook_endpoints WHERE tenant_id = ? AND enabled = 1", owner.tenant.id)).toBe(0);
    expect(await env.DB.prepare("SELECT requested_by, erased_at FROM tenant_deletions WHERE id = ?").bind(owner.tenant.id).first()).toEqual({ requested_by: owner.user.id, erased_at: null });
  });

  it("cancels its campaigns: a scheduled one that comes due sends nothing", async () => {
    const owner = await createTenant();
    const channelId = await channelOf(owner, "sandbox");
    await seedContact(owner.tenant.id, { channelId, tags: ["promo"] });
    const at = new Date(Date.now() + 3600_000).toISOString();
    const created = await owner.callWithKey("POST", "/api/campaigns", { name: "Promo", channelId, audience: { tags: ["promo"] }, message: { text: "Viewing this weekend?" }, scheduledAt: at });
    expect(created.status, created.text).toBe(201);
    expect((await owner.callWithKey("POST", `/api/campaigns/${created.json.id}/start`)).json.status).toBe("scheduled");

    expect((await deleteWorkspace(owner)).status).toBe(202);
    expect(await env.DB.prepare("SELECT status FROM campaigns WHERE id = ?").bind(created.json.id).first()).toEqual({ status: "cancelled" });
    // Its time comes: the pacer stops at once and no message is written.
    await env.DB.prepare("UPDATE campaigns SET scheduled_at = ? WHERE id = ?").bind(Date.now() - 1000, created.json.id).run();
    expect(await pacerTick(sys(), owner.tenant.id, created.json.id)).toBeNull();
    expect(await count("SELECT COUNT(*) AS n FROM messages WHERE campaign_id = ?", created.json.id)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM campaign_recipients WHERE campaign_id = ?", created.json.id)).toBe(0);
  });

  it("moves a member who has another workspace over to it", async () => {
    const closing = await createTenant();
    const staying = await createTenant({ tenantName: "Still Here" });
    const member = await inviteMember(staying, "agent");
    const invited = await closing.call("POST", "/api/invitations", { email: member.email, role: "admin" });
    expect(invited.status, invited.text).toBe(201);
    const accepted = await member.call("POST", "/api/invitations/accept", { token: invited.json.token });
    expect(accepted.status, accepted.text).toBe(200);
    // The member's session is in the workspace that is about to go.
    expect((await member.call("GET", "/api/me")).json.tenant.id).toBe(closing.tenant.id);
    expect((await deleteWorkspace(closing)).status).toBe(202);
    const me = await member.call("GET", "/api/me");
    expect(me.status, me.text).toBe(200);
    expect(me.json.tenant.name).toBe("Still Here");
    expect(me.json.tenants.map((t: { id: string }) => t.id)).toEqual([staying.tenant.id]);
  });

  it("is for a signed-in owner who confirms with their password and the exact name; nothing changes otherwise", async () => {
    const owner = await createTenant({ tenantName: "Warung Bu Tini" });
    const admin = await inviteMember(owner, "admin");
    const agent = await inviteMember(owner, "agent");
    expect((await admin.call("DELETE", "/api/tenant", { password: PASSWORD, name: "Warung Bu Tini" })).status).toBe(403);
    expect((await agent.call("DELETE", "/api/tenant", { password: PASSWORD, name: "Warung Bu Tini" })).status).toBe(403);
    expect((await owner.callWithKey("DELETE", "/api/tenant", { password: PASSWORD, name: "Warung Bu Tini" })).status).toBe(403);

    const wrongPassword = await deleteWorkspace(owner, { password: "not my password", name: "Warung Bu Tini" });
    expect(wrongPassword.status).toBe(422);
    expect(wrongPassword.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(wrongPassword.json.errors).toEqual([{ path: "password", message: "is not your password" }]);
    const wrongName = await deleteWorkspace(owner, { password: PASSWORD, name: "warung bu tini" });
    expect(wrongName.status).toBe(422);
    expect(wrongName.json.errors.map((e: { path: string }) => e.path)).toEqual(["name"]);
    const missing = await deleteWorkspace(owner, { password: PASSWORD });
    expect(missing.status).toBe(400);
    expect(missing.json.errors[0].path).toBe("name");

    expect(await count("SELECT COUNT(*) AS n FROM tenant_deletions WHERE id = ?", owner.tenant.id)).toBe(0);
    expect((await owner.callWithKey("GET", "/api/me")).status).toBe(200);
    expect((await agent.call("GET", "/api/me")).status).toBe(200);
  });

  it("lets the only member delete their account once the workspace is deleted", async () => {
    const owner = await createTenant({ tenantName: "Solo Kopi" });
    const blocked = await owner.call("DELETE", "/api/account", { password: PASSWORD });
    expect(blocked.status).toBe(409);
    expect(blocked.json.detail).toBe("You are the only member of Solo Kopi. Delete that workspace first: download its data, then delete it on the Team page.");
    expect((await deleteWorkspace(owner)).status).toBe(202);
    const res = await owner.call("DELETE", "/api/account", { password: PASSWORD });
    expect(res.status, res.text).toBe(204);
    expect(await count("SELECT COUNT(*) AS n FROM users WHERE id = ?", owner.user.id)).toBe(0);
    // The erasure still runs to the end with the account gone.
    expect(await eraseTenant(sys(), owner.tenant.id, { deadline: Date.now() + 60_000 })).toBe(true);
    expect(await env.DB.prepare("SELECT requested_by FROM tenant_deletions WHERE id = ?").bind(owner.tenant.id).first()).toEqual({ requested_by: owner.user.id });
  });
});

describe("erasing a deleted workspace", () => {
  it("leaves no row in any tenant table and no stored file, resumes after an interrupted pass, and touches no other tenant", async () => {
    const doomed = await populated("Akan Dihapus");
    const other = await populated();
    const before = await rowsByTable(doomed.tenant.id);
    const otherBefore = await rowsByTable(other.tenant.id);
    expect(total(before)).toBeGreaterThan(20);
    for (const table of ["contacts", "conversations", "messages", "knowledge_entries", "knowledge_chunks", "media", "tags", "quick_replies", "audit_log", "analytics_buckets"]) {
      expect(before[table], table).toBeGreaterThan(0);
    }
    expect(await objectsUnder(doomed.tenant.id)).toBe(1);
    const otherObjects = await objectsUnder(other.tenant.id);
    expect(otherObjects).toBe(1);

    expect((await deleteWorkspace(doomed)).status).toBe(202);

    // A pass cut short (as by the end of its run, or a crash between chunks) leaves part of the data…
    expect(await eraseTenant(sys(), doomed.tenant.id, { deadline: Date.now() + 60_000, maxChunks: 4 })).toBe(false);
    const partway = total(await rowsByTable(doomed.tenant.id));
    expect(partway).toBeGreaterThan(0);
    expect(await objectsUnder(doomed.tenant.id)).toBe(0);

    // …and the next maintenance run finishes it.
    await eraseDeletedTenants(sys(), { deadline: Date.now() + 120_000 });
    const after = await rowsByTable(doomed.tenant.id);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    expect(await count("SELECT COUNT(*) AS n FROM tenants WHERE id = ?", doomed.tenant.id)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM knowledge_fts WHERE tenant_id = ?", doomed.tenant.id)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM contacts_fts WHERE tenant_id = ?", doomed.tenant.id)).toBe(0);
    expect(await objectsUnder(doomed.tenant.id)).toBe(0);
    const record = await env.DB.prepare("SELECT requested_by, erased_at, rows_erased, objects_deleted, passes FROM tenant_deletions WHERE id = ?")
      .bind(doomed.tenant.id)
      .first<{ requested_by: string; erased_at: number | null; rows_erased: number; objects_deleted: number; passes: number }>();
    expect(record).toMatchObject({ requested_by: doomed.user.id, objects_deleted: 1, passes: 2 });
    expect(record!.erased_at).not.toBeNull();
    expect(record!.rows_erased).toBeGreaterThanOrEqual(total(before) - before.sessions! - before.memberships!);

    // The other tenant is exactly as it was, and still works.
    expect(await rowsByTable(other.tenant.id)).toEqual(otherBefore);
    expect(await objectsUnder(other.tenant.id)).toBe(otherObjects);
    expect((await other.callWithKey("GET", "/api/contacts")).json.data.length).toBe(1);

    // Running again finds nothing and fails on nothing.
    expect(await eraseTenant(sys(), doomed.tenant.id, { deadline: Date.now() + 60_000 })).toBe(true);
  });
});
