// Sending a campaign through the real outbound queue to a fake Graph API:
// exactly the right recipients, once each, never over the rate in any
// one-second bucket; redelivered jobs and a crash between claim and write
// change nothing; 130429 slows the campaign down; 131050 marks the contact.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sendQueuedMessage } from "../../../worker/outbound/consumer";
import { pacerTick } from "../../../worker/campaigns/pacer";
import { systemContext } from "../../../worker/lib/system-context";
import { connectMeta } from "../helpers/channels";
import { createTenant } from "../helpers/tenants";
import { eventually } from "../helpers/wait";
import { accepted, fakeGraph, graphError, maxPerSecond } from "./fake-graph";
import { campaignMessages, seedContact, waitForStatus } from "./helpers";

const HOUR = 3600_000;
// Tests that wait on the real pacer and queues: their waits bound a broken pipeline, and the
// test's own limit must be longer than those waits or a slow machine fails them early.
const PIPELINE_TIMEOUT_MS = 150_000;
const sys = () => systemContext(env, () => {});

async function metaCampaign(recipients: number, rate: number, extra: { planted?: boolean } = {}) {
  const owner = await createTenant();
  const channel = await connectMeta(owner);
  const t = owner.tenant.id;
  const audience = await Promise.all(Array.from({ length: recipients }, () => seedContact(t, { channelId: channel.id, tags: ["launch"] })));
  const planted = extra.planted
    ? await Promise.all([
        seedContact(t, { channelId: channel.id, tags: ["launch"], optedOut: true }),
        seedContact(t, { channelId: channel.id, tags: ["launch"], phone: "12345" }),
        seedContact(t, { channelId: channel.id, tags: ["launch"], lastInboundAt: Date.now() - 30 * HOUR }),
      ])
    : [];
  const created = await owner.callWithKey("POST", "/api/campaigns", {
    name: "Launch",
    channelId: channel.id,
    audience: { tags: ["launch"] },
    message: { text: "Our new listing is live" },
    ratePerSecond: rate,
  });
  expect(created.status, created.text).toBe(201);
  expect(created.json).toMatchObject({ status: "draft", ratePerSecond: rate, audienceCount: 0 });
  return { owner, channel, audience, planted, campaign: created.json };
}

describe("campaign sending", () => {
  it("sends each recipient exactly once, skips the planted exclusions and never exceeds the rate in any second", async () => {
    const { owner, channel, audience, planted, campaign } = await metaCampaign(24, 5, { planted: true });
    const sends = fakeGraph(channel.phoneNumberId);
    const started = await owner.callWithKey("POST", `/api/campaigns/${campaign.id}/start`);
    expect(started.status, started.text).toBe(200);
    expect(started.json).toMatchObject({ status: "sending", audienceCount: 24 });
    const done = await waitForStatus(owner, campaign.id, "completed", 60_000);

    const to = sends.map((s) => s.to).sort();
    expect(to).toEqual(audience.map((a) => a.phone.slice(1)).sort());
    for (const p of planted) expect(to).not.toContain(p.phone.slice(1));
    expect(maxPerSecond(sends)).toBeLessThanOrEqual(5);
    expect(done.counts).toEqual({ queued: 24, sent: 24, delivered: 0, read: 0, failed: 0, replied: 0, converted: 0, skipped: 0 });
    expect(done.completedAt).not.toBeNull();

    const msgs = await campaignMessages(campaign.id);
    expect(msgs).toHaveLength(24);
    expect(new Set(msgs.map((m) => m.conversation_id)).size).toBe(24);
    expect(msgs.every((m) => m.author === "campaign" && m.status === "sent")).toBe(true);

    const recipients = await owner.callWithKey("GET", `/api/campaigns/${campaign.id}/recipients?status=sent&limit=100`);
    expect(recipients.json.data).toHaveLength(24);
    expect(recipients.json.data[0]).toMatchObject({ status: "sent", error: null, messageId: expect.stringMatching(/^msg_/), sentAt: expect.any(String) });

    // A message of the campaign shows its campaign.
    const conv = await owner.callWithKey("GET", `/api/conversations/${msgs[0]!.conversation_id}/messages`);
    expect(conv.json.data[0]).toMatchObject({ author: "campaign", campaignId: campaign.id });

    // Redelivered jobs after the fact send nothing again.
    const before = sends.length;
    for (const m of msgs) {
      const outcome = await sendQueuedMessage(sys(), { tenantId: owner.tenant.id, messageId: m.id }, 1);
      expect(outcome.kind).toBe("done");
    }
    expect(sends.length).toBe(before);
  }, PIPELINE_TIMEOUT_MS);

  it("survives a crash between claiming a recipient and writing its message, and racing ticks", async () => {
    const { owner, channel, audience, campaign } = await metaCampaign(6, 50);
    const sends = fakeGraph(channel.phoneNumberId);
    // Quiet hours now: start freezes the audience but the pacer sends nothing until this test drives it.
    const hm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
    await env.DB.prepare("UPDATE campaigns SET quiet_hours = ? WHERE id = ?")
      .bind(JSON.stringify({ start: hm(Date.now() - 60_000), end: hm(Date.now() + 2 * HOUR), timeZone: "UTC" }), campaign.id)
      .run();
    const started = await owner.callWithKey("POST", `/api/campaigns/${campaign.id}/start`);
    expect(started.json).toMatchObject({ status: "sending", audienceCount: 6 });
    expect(sends).toHaveLength(0);
    // The state a crash leaves: a recipient claimed with its message id five minutes ago, its message never written.
    const crashed = "msg_01JCRASHED0000000000000000";
    const victim = (await env.DB.prepare("SELECT id FROM campaign_recipients WHERE campaign_id = ? LIMIT 1").bind(campaign.id).first<string>("id"))!;
    await env.DB.prepare("UPDATE campaign_recipients SET state = 'queued', message_id = ?, queued_at = ? WHERE id = ?").bind(crashed, Date.now() - 5 * 60_000, victim).run();
    await env.DB.prepare("UPDATE campaigns SET quiet_hours = NULL WHERE id = ?").bind(campaign.id).run();

    // Three ticks at once (an alarm firing again after a restart races the running one), then ticks until the loop stops.
    await Promise.all([1, 2, 3].map(() => pacerTick(sys(), owner.tenant.id, campaign.id)));
    await eventually(async () => expect(await pacerTick(sys(), owner.tenant.id, campaign.id)).toBeNull(), { what: "the pacer finished", timeoutMs: 20_000 });
    expect((await owner.callWithKey("GET", `/api/campaigns/${campaign.id}`)).json.status).toBe("completed");

    const perPhone = new Map<string, number>();
    for (const s of sends) perPhone.set(s.to, (perPhone.get(s.to) ?? 0) + 1);
    expect([...perPhone.values()]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(new Set(perPhone.keys())).toEqual(new Set(audience.map((a) => a.phone.slice(1))));
    const msgs = await campaignMessages(campaign.id);
    expect(msgs).toHaveLength(6);
    expect(msgs.map((m) => m.id)).toContain(crashed);
  });

  it("is not completed while a message is still on its way to WhatsApp, so a rate-limited send is retried, not lost", async () => {
    const { owner, channel, campaign } = await metaCampaign(1, 5);
    // The first send's answer is held back until the test lets it go (made where the send is waiting).
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    let calls = 0;
    const sends = fakeGraph(channel.phoneNumberId, (send, n) => (calls++ === 0 ? held.then(() => graphError(130429, "Rate limit hit", 429)) : accepted(send, n)));
    await owner.callWithKey("POST", `/api/campaigns/${campaign.id}/start`);
    // The send has been claimed and handed to WhatsApp, which has not answered yet.
    await eventually(async () => expect(sends).toHaveLength(1), { what: "the first send", timeoutMs: 60_000 });
    expect((await campaignMessages(campaign.id)).map((m) => m.status)).toEqual(["sending"]);
    // A pacer tick in that window (the alarm, or one racing it) keeps the loop going instead of completing.
    expect(await pacerTick(sys(), owner.tenant.id, campaign.id)).not.toBeNull();
    expect((await owner.callWithKey("GET", `/api/campaigns/${campaign.id}`)).json.status).toBe("sending");
    // WhatsApp says 130429: the campaign slows down and the message goes out on the retry.
    answer();
    const done = await waitForStatus(owner, campaign.id, "completed", 60_000);
    expect(done.counts).toMatchObject({ queued: 1, sent: 1, failed: 0 });
    expect(done.currentRate).toBeLessThan(5);
    expect(sends).toHaveLength(2);
  }, PIPELINE_TIMEOUT_MS);

  it("slows down after 130429 and marks a contact that stopped marketing messages (131050)", async () => {
    const { owner, channel, audience, campaign } = await metaCampaign(4, 4);
    const stopped = audience[0]!.phone.slice(1);
    let throttled = 0;
    const sends = fakeGraph(channel.phoneNumberId, (send, n) => {
      if (send.to === stopped) return graphError(131050, "User has stopped marketing messages");
      if (throttled++ === 0) return graphError(130429, "Rate limit hit", 429);
      return accepted(send, n);
    });
    await owner.callWithKey("POST", `/api/campaigns/${campaign.id}/start`);
    await eventually(
      async () => {
        const c = await owner.callWithKey("GET", `/api/campaigns/${campaign.id}`);
        expect(c.json.currentRate).toBe(2);
      },
      // The first sends go through the pacer and the outbound queue: on a loaded machine they can take longer than the default 10 s.
      { what: "the campaign slowed down", timeoutMs: 60_000 },
    );
    const done = await waitForStatus(owner, campaign.id, "completed", 60_000);
    expect(done).toMatchObject({ ratePerSecond: 4, currentRate: 2 });
    expect(done.counts).toMatchObject({ queued: 4, sent: 3, failed: 1 });
    const failed = await owner.callWithKey("GET", `/api/campaigns/${campaign.id}/recipients?status=failed`);
    expect(failed.json.data).toEqual([
      expect.objectContaining({ contactId: audience[0]!.contactId, error: { code: "131050", title: "The customer stopped marketing messages from this business" } }),
    ]);
    const contact = await env.DB.prepare("SELECT marketing_opted_out_at FROM contacts WHERE id = ?").bind(audience[0]!.contactId).first<number | null>("marketing_opted_out_at");
    expect(contact).not.toBeNull();
    expect(sends.filter((s) => s.to === stopped)).toHaveLength(1);
    // The next campaign leaves them out.
    const preview = await owner.callWithKey("POST", "/api/campaigns/preview", { channelId: channel.id, audience: { tags: ["launch"] } });
    expect(preview.json).toMatchObject({ audienceCount: 3, excluded: { optedOut: 1 } });
  }, PIPELINE_TIMEOUT_MS);
});
