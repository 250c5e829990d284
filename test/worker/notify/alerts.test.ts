// Alerts that reach people: a channel that stops working (Meta 190, an account
// Meta disabled or restricted, a number flagged for quality, a WAHA session
// that failed) is flagged once, emits one event and emails the tenant's owners
// and admins once — however often the provider repeats itself.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { systemContext } from "../../../worker/lib/system-context";
import { sendQueuedMessage } from "../../../worker/outbound/consumer";
import { json, fakeFetch } from "../channels/helpers";
import { connectMeta, connectWaha, metaTextPayload, postMeta, postWaha, signMeta, signWaha } from "../helpers/channels";
import { quietTenant } from "../helpers/assistant";
import { inviteMember, type TenantOwner } from "../helpers/tenants";
import { loggedSince } from "../realtime/helpers";
import { eventually } from "../helpers/wait";
import { ownNumber } from "../helpers/graph-owner";
import accountDisabled from "../../fixtures/real-world/meta/bindambc-account-update-disabled.json";
import accountRestricted from "../../fixtures/real-world/meta/pywa-account-update-restriction.json";
import qualityFlagged from "../../fixtures/real-world/meta/bindambc-phone-number-quality-update.json";

const ctx = () => systemContext(env, () => {});

const channelEvents = async (tenantId: string) =>
  (await loggedSince(tenantId, 0)).filter((e) => e.type === "channel.disconnected" || e.type === "channel.updated");

async function emailsOf(tenantId: string, kind = "channel_alert") {
  const rows = await env.DB.prepare("SELECT to_email, subject, body, status FROM emails WHERE tenant_id = ? AND kind = ? ORDER BY to_email")
    .bind(tenantId, kind)
    .all<{ to_email: string; subject: string; body: string | null; status: string }>();
  return rows.results;
}

const channelRow = (id: string) =>
  env.DB.prepare("SELECT status, attention_reason, attention_kind FROM channels WHERE id = ?").bind(id).first<{ status: string; attention_reason: string | null; attention_kind: string | null }>();

/** An owner, an admin and an agent: only the first two are told. */
async function team() {
  const owner = await quietTenant();
  const admin = await inviteMember(owner, "admin");
  const agent = await inviteMember(owner, "agent");
  return { owner, admin, agent };
}

async function metaReply(owner: TenantOwner) {
  const channel = await connectMeta(owner);
  const { payload } = metaTextPayload(channel);
  const raw = JSON.stringify(payload);
  expect((await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw))).status).toBe(200);
  const conversation = await eventually(async () => {
    const list = await owner.callWithKey("GET", "/api/conversations");
    expect(list.json.data).toHaveLength(1);
    return list.json.data[0];
  });
  const queue = async () => {
    const res = await owner.callWithKey("POST", `/api/conversations/${conversation.id}/messages`, { text: "Terima kasih!" });
    expect(res.status, res.text).toBe(201);
    return res.json.id as string;
  };
  return { channel, queue };
}

/** A Meta health delivery addressed to the channel's account, signed like Meta signs it. */
async function postMetaHealth(channel: { id: string; appSecret: string }, fixture: unknown) {
  const raw = JSON.stringify(fixture);
  const res = await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw));
  expect(res.status, res.text).toBe(200);
}

describe("a Meta token that stops working (190)", () => {
  it("flags the channel, emits channel.disconnected once and emails each owner and admin once", async () => {
    const { owner, admin, agent } = await team();
    const { channel, queue } = await metaReply(owner);
    const expired = () => fakeFetch(json({ error: { code: 190, message: "Error validating access token: Session has expired" } }, 401)).fetcher;

    await sendQueuedMessage(ctx(), { tenantId: owner.tenant.id, messageId: await queue() }, 1, expired());
    // The second failing send finds the channel already flagged: nothing new.
    await sendQueuedMessage(ctx(), { tenantId: owner.tenant.id, messageId: await queue() }, 1, expired());

    expect(await channelRow(channel.id)).toMatchObject({ status: "needs_attention", attention_kind: "credentials" });
    const events = await channelEvents(owner.tenant.id);
    expect(events.map((e) => e.type)).toEqual(["channel.disconnected"]);
    expect(events[0]!.data).toMatchObject({ channel: { id: channel.id, status: "needs_attention" }, previousStatus: "connected", reason: expect.stringMatching(/190/) });

    const mails = await emailsOf(owner.tenant.id);
    expect(mails.map((m) => m.to_email).sort()).toEqual([owner.email, admin.email].sort());
    expect(mails.map((m) => m.to_email)).not.toContain(agent.email);
    expect(mails[0]!.subject).toBe("Main line stopped working");
    expect(mails[0]!.body).toMatch(/190/);
    expect(mails[0]!.body).toContain("/channels");

    // The next send that goes through clears it, with one channel.updated and no email.
    const ok = fakeFetch(json({ messages: [{ id: "wamid.OK1" }] })).fetcher;
    await sendQueuedMessage(ctx(), { tenantId: owner.tenant.id, messageId: await queue() }, 1, ok);
    expect(await channelRow(channel.id)).toMatchObject({ status: "connected", attention_reason: null, attention_kind: null });
    expect((await channelEvents(owner.tenant.id)).map((e) => [e.type, (e.data as { channel: { status: string } }).channel.status])).toEqual([
      ["channel.disconnected", "needs_attention"],
      ["channel.updated", "connected"],
    ]);
    expect(await emailsOf(owner.tenant.id)).toHaveLength(2);
  });
});

describe("new credentials", () => {
  it("clear a token flag with one channel.updated", async () => {
    const { owner } = await team();
    const { channel, queue } = await metaReply(owner);
    const expired = fakeFetch(json({ error: { code: 190, message: "Error validating access token" } }, 401)).fetcher;
    await sendQueuedMessage(ctx(), { tenantId: owner.tenant.id, messageId: await queue() }, 1, expired);
    // The business issues a new token for the same number (Meta confirms it can use the number).
    const newToken = "EAAGnewtoken" + crypto.randomUUID().replace(/-/g, "");
    ownNumber(channel.phoneNumberId, newToken);
    const res = await owner.callWithKey("PATCH", `/api/channels/${channel.id}`, { accessToken: newToken });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ status: "connected", attentionReason: null });
    expect(await channelRow(channel.id)).toMatchObject({ status: "connected", attention_kind: null });
    expect((await channelEvents(owner.tenant.id)).map((e) => [e.type, (e.data as { channel: { status: string } }).channel.status])).toEqual([
      ["channel.disconnected", "needs_attention"],
      ["channel.updated", "connected"],
    ]);
  });
});

describe("Meta account and number health webhooks", () => {
  it("a disabled account: channel.disconnected once, one email each, even when Meta delivers it twice", async () => {
    const { owner, admin } = await team();
    const channel = await connectMeta(owner);
    await postMetaHealth(channel, accountDisabled);
    await postMetaHealth(channel, accountDisabled);
    await eventually(async () => expect((await channelRow(channel.id))?.status).toBe("needs_attention"));
    const row = (await channelRow(channel.id))!;
    expect(row.attention_kind).toBe("account");
    expect(row.attention_reason).toMatch(/will disable this WhatsApp Business Account on January 31, 2021/);
    await eventually(async () => expect(await emailsOf(owner.tenant.id)).toHaveLength(2));
    // Both deliveries are processed by now (one queue, in order); still one event, one email each.
    const events = await channelEvents(owner.tenant.id);
    expect(events.map((e) => e.type)).toEqual(["channel.updated"]);
    expect((await emailsOf(owner.tenant.id)).map((m) => m.to_email).sort()).toEqual([owner.email, admin.email].sort());

    const disabled = structuredClone(accountDisabled);
    disabled.entry[0]!.changes[0]!.value.ban_info.waba_ban_state = "DISABLE";
    await postMetaHealth(channel, disabled);
    await eventually(async () => expect((await channelEvents(owner.tenant.id)).map((e) => e.type)).toEqual(["channel.updated", "channel.disconnected"]));
    expect((await channelRow(channel.id))!.attention_reason).toMatch(/Meta disabled this WhatsApp Business Account/);
    await eventually(async () => expect(await emailsOf(owner.tenant.id)).toHaveLength(4));
    expect((await emailsOf(owner.tenant.id)).filter((m) => m.subject === "Main line stopped working")).toHaveLength(2);

    const reinstated = structuredClone(accountDisabled);
    reinstated.entry[0]!.changes[0]!.value.ban_info.waba_ban_state = "REINSTATE";
    await postMetaHealth(channel, reinstated);
    await eventually(async () => expect((await channelRow(channel.id))!.status).toBe("connected"));
    expect((await channelEvents(owner.tenant.id)).map((e) => e.type)).toEqual(["channel.updated", "channel.disconnected", "channel.updated"]);
    expect(await emailsOf(owner.tenant.id)).toHaveLength(4);
  });

  it("a restricted account and a flagged number still send: channel.updated, one email each", async () => {
    const { owner } = await team();
    const channel = await connectMeta(owner);
    // The flagged number in the delivery is this channel's.
    expect((await owner.callWithKey("PATCH", `/api/channels/${channel.id}`, { phoneNumber: "+16505551111" })).status).toBe(200);
    await postMetaHealth(channel, qualityFlagged);
    await eventually(async () => expect((await channelRow(channel.id))?.attention_kind).toBe("quality"));
    expect((await channelRow(channel.id))!.attention_reason).toMatch(/flagged this number's quality as low \(messaging limit now: 10,000/);
    // A restriction outranks the quality warning.
    await postMetaHealth(channel, accountRestricted);
    await eventually(async () => expect((await channelRow(channel.id))?.attention_kind).toBe("account"));
    expect((await channelRow(channel.id))!.attention_reason).toMatch(/restricted .*starting conversations \(templates, campaigns\) until 2022-01-04; adding phone numbers/);
    // A later quality warning does not hide it.
    await postMetaHealth(channel, qualityFlagged);
    const events = await eventually(async () => {
      const list = await channelEvents(owner.tenant.id);
      expect(list).toHaveLength(2);
      return list;
    });
    expect(events.map((e) => e.type)).toEqual(["channel.updated", "channel.updated"]);
    expect((await channelRow(channel.id))!.attention_kind).toBe("account");
    expect(await emailsOf(owner.tenant.id)).toHaveLength(4);
  });

  it("ignores a change about another account", async () => {
    const { owner } = await team();
    const channel = await connectMeta(owner);
    expect((await owner.callWithKey("PATCH", `/api/channels/${channel.id}`, { wabaId: "555000111" })).status).toBe(200);
    await postMetaHealth(channel, accountRestricted);
    // A message after it, to know the delivery was processed.
    const { payload } = metaTextPayload(channel);
    const raw = JSON.stringify(payload);
    await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw));
    await eventually(async () => expect((await owner.callWithKey("GET", "/api/conversations")).json.data).toHaveLength(1));
    expect((await channelRow(channel.id))!.status).toBe("connected");
    expect(await channelEvents(owner.tenant.id)).toEqual([]);
  });
});

describe("a WAHA session that fails", () => {
  const sessionStatus = (status: string, at: number) => JSON.stringify({ event: "session.status", session: "default", timestamp: at, payload: { status } });

  it("flags once under redelivery, emails once, and clears with one channel.updated when it works again", async () => {
    const { owner, admin } = await team();
    const channel = await connectWaha(owner);
    const failed = sessionStatus("FAILED", Date.now());
    for (let i = 0; i < 3; i++) expect((await postWaha(channel.id, failed, await signWaha(channel.webhookSecret, failed))).status).toBe(200);
    await eventually(async () => expect(await emailsOf(owner.tenant.id)).toHaveLength(2));
    expect((await channelRow(channel.id))!).toMatchObject({ status: "needs_attention", attention_kind: "session", attention_reason: "The WAHA session failed; restart it from the channel's WhatsApp session" });
    expect((await emailsOf(owner.tenant.id)).map((m) => m.to_email).sort()).toEqual([owner.email, admin.email].sort());

    const working = sessionStatus("WORKING", Date.now() + 1000);
    expect((await postWaha(channel.id, working, await signWaha(channel.webhookSecret, working))).status).toBe(200);
    await eventually(async () => expect((await channelRow(channel.id))!.status).toBe("connected"));
    expect((await channelEvents(owner.tenant.id)).map((e) => e.type)).toEqual(["channel.disconnected", "channel.updated"]);
    expect(await emailsOf(owner.tenant.id)).toHaveLength(2);
  });
});

describe("the dashboard's view", () => {
  it("GET /api/channels shows the reason (the banner's source) and GET /api/emails lists the outbox for owners and admins only", async () => {
    const { owner, agent } = await team();
    const channel = await connectWaha(owner);
    const stopped = JSON.stringify({ event: "session.status", session: "default", timestamp: Date.now(), payload: { status: "STOPPED" } });
    await postWaha(channel.id, stopped, await signWaha(channel.webhookSecret, stopped));
    await eventually(async () => expect(await emailsOf(owner.tenant.id)).toHaveLength(2));
    const list = await owner.call("GET", "/api/channels");
    expect(list.json.data.find((c: { id: string }) => c.id === channel.id)).toMatchObject({ status: "needs_attention", attentionReason: "The WAHA session is stopped" });

    const emails = await owner.call("GET", "/api/emails");
    expect(emails.status, emails.text).toBe(200);
    expect(emails.json.delivery).toBe("outbox");
    const alert = emails.json.data.find((e: { kind: string; to: string }) => e.kind === "channel_alert" && e.to === owner.email);
    expect(alert).toMatchObject({ to: owner.email, subject: "WAHA line stopped working", status: "outbox" });
    expect(alert.body).toMatch(/The WAHA session is stopped/);
    expect((await agent.call("GET", "/api/emails")).status).toBe(403);
  });

  it("another tenant's emails are not listed", async () => {
    const a = await quietTenant();
    const b = await quietTenant();
    await inviteMember(a, "agent");
    const listed = await b.call("GET", "/api/emails");
    expect(listed.status).toBe(200);
    expect(listed.json.data.filter((e: { kind: string }) => e.kind === "invitation")).toEqual([]);
    expect((await a.call("GET", "/api/emails")).json.data.filter((e: { kind: string }) => e.kind === "invitation")).toHaveLength(1);
  });
});

describe("the same path serves invitations and assignments", () => {
  it("an invitation emails its link to the invitee", async () => {
    const owner = await quietTenant();
    const res = await owner.call("POST", "/api/invitations", { email: "new.hire@example.com", role: "agent" });
    expect(res.status, res.text).toBe(201);
    const mails = await emailsOf(owner.tenant.id, "invitation");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to_email).toBe("new.hire@example.com");
    expect(mails[0]!.body).toContain(res.json.url);
  });

  it("assigning a conversation to someone else emails them once; taking it yourself does not", async () => {
    const owner = await quietTenant();
    const agent = await inviteMember(owner, "agent");
    const sent = await owner.callWithKey("POST", "/api/sandbox/messages", { from: "+62 812 0000 2222", name: "Sari", text: "Halo" });
    expect(sent.status).toBe(202);
    const conversationId = sent.json.conversationId as string;
    const assign = await owner.call("POST", `/api/conversations/${conversationId}/assign`, { userId: agent.user.id });
    expect(assign.status, assign.text).toBe(200);
    await eventually(async () => expect(await emailsOf(owner.tenant.id, "conversation_assigned")).toHaveLength(1));
    const [mail] = await emailsOf(owner.tenant.id, "conversation_assigned");
    expect(mail).toMatchObject({ to_email: agent.email, subject: "Conversation with Sari assigned to you" });
    expect(mail!.body).toContain(`/inbox?c=${conversationId}`);
    // The agent takes another conversation themselves: no email.
    const other = await owner.callWithKey("POST", "/api/sandbox/messages", { from: "+62 812 0000 3333", name: "Budi", text: "Halo" });
    expect((await agent.call("POST", `/api/conversations/${other.json.conversationId}/assign`, { userId: agent.user.id })).status).toBe(200);
    expect(await emailsOf(owner.tenant.id, "conversation_assigned")).toHaveLength(1);
  });
});
