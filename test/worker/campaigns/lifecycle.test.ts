// Pause, resume, cancel and scheduling on the sandbox channel, the events a
// campaign emits, attribution of replies and conversions, and 4xx answers.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { pacerTick } from "../../../worker/campaigns/pacer";
import { systemContext } from "../../../worker/lib/system-context";
import { createEndpoint } from "../events/harness";
import { createTenant, type TenantOwner } from "../helpers/tenants";
import { eventually } from "../helpers/wait";
import { campaignMessages, channelOf, seedContact, waitForStatus } from "./helpers";
import { ownershipAnswer } from "../helpers/graph-owner";

const sys = () => systemContext(env, () => {});

// Webhook subscribers answer 200 (nothing listens locally); never restored, the consumers keep running.
beforeAll(() => {
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => ownershipAnswer(input, init) ?? new Response("ok"));
});

async function sandboxCampaign(n: number, body: Record<string, unknown> = {}) {
  const owner = await createTenant();
  const channelId = await channelOf(owner, "sandbox");
  const audience = await Promise.all(Array.from({ length: n }, () => seedContact(owner.tenant.id, { channelId, tags: ["promo"] })));
  const res = await owner.callWithKey("POST", "/api/campaigns", { name: "Promo", channelId, audience: { tags: ["promo"] }, message: { text: "Viewing this weekend?" }, ...body });
  expect(res.status, res.text).toBe(201);
  return { owner, channelId, audience, campaign: res.json };
}

const get = async (owner: TenantOwner, id: string) => (await owner.callWithKey("GET", `/api/campaigns/${id}`)).json;

describe("campaign lifecycle", () => {
  it("pauses (nothing more is released), resumes to completion, and refuses transitions that make no sense", async () => {
    const { owner, campaign } = await sandboxCampaign(6, { ratePerSecond: 1 });
    const started = await owner.callWithKey("POST", `/api/campaigns/${campaign.id}/start`);
    expect(started.json.status).toBe("sending");
    const paused = await owner.callWithKey("POST", `/api/campaigns/${campaign.id}/pause`);
    expect(paused.status).toBe(200);
    expect(paused.json).toMatchObject({ status: "paused", pausedReason: expect.any(String) });
    // A paused campaign's tick releases nothing and stops the loop.
    const pendingBefore = await env.DB.prepare("SELECT count(*) AS n FROM campaign_recipients WHERE campaign_id = ? AND state = 'pending'").bind(campaign.id).first<number>("n");
    expect(pendingBefore).toBeGreaterThan(0);
    expect(await pacerTick(sys(), owner.tenant.id, campaign.id)).toBeNull();
    const pendingAfter = await env.DB.prepare("SELECT count(*) AS n FROM campaign_recipients WHERE campaign_id = ? AND state = 'pending'").bind(campaign.id).first<number>("n");
    expect(pendingAfter).toBe(pendingBefore);

    const again = await owner.callWithKey("POST", `/api/campaigns/${campaign.id}/pause`);
    expect(again.status).toBe(409);
    expect(again.headers.get("content-type")).toMatch(/problem\+json/);
    expect((await owner.callWithKey("POST", `/api/campaigns/${campaign.id}/start`)).status).toBe(409);

    const resumed = await owner.callWithKey("POST", `/api/campaigns/${campaign.id}/resume`);
    expect(resumed.json).toMatchObject({ status: "sending", pausedReason: null });
    const done = await waitForStatus(owner, campaign.id, "completed", 30_000);
    expect(done.counts).toMatchObject({ queued: 6, sent: 6, delivered: 6, skipped: 0, failed: 0 });
    expect(await campaignMessages(campaign.id)).toHaveLength(6);
    expect((await owner.callWithKey("POST", `/api/campaigns/${campaign.id}/cancel`)).status).toBe(409);
  });

  it("cancel skips everyone still waiting; sent plus skipped is the whole audience", async () => {
    const { owner, campaign } = await sandboxCampaign(8, { ratePerSecond: 1 });
    await owner.callWithKey("POST", `/api/campaigns/${campaign.id}/start`);
    const cancelled = await owner.callWithKey("POST", `/api/campaigns/${campaign.id}/cancel`);
    expect(cancelled.json).toMatchObject({ status: "cancelled", completedAt: expect.any(String) });
    await eventually(async () => {
      const c = await get(owner, campaign.id);
      expect(c.counts.sent + c.counts.skipped).toBe(8);
    });
    const c = await get(owner, campaign.id);
    expect(c.counts.skipped).toBeGreaterThan(0);
    const skipped = await owner.callWithKey("GET", `/api/campaigns/${campaign.id}/recipients?status=skipped`);
    expect(skipped.json.data[0].error).toEqual({ code: "campaign_cancelled", title: "The campaign was cancelled before this message was sent" });
    expect(await pacerTick(sys(), owner.tenant.id, campaign.id)).toBeNull();
  });

  it("a future scheduledAt makes start schedule it; the audience is frozen only when it starts", async () => {
    const at = new Date(Date.now() + 3600_000).toISOString();
    const { owner, campaign } = await sandboxCampaign(2, { scheduledAt: at });
    const res = await owner.callWithKey("POST", `/api/campaigns/${campaign.id}/start`);
    expect(res.json).toMatchObject({ status: "scheduled", scheduledAt: at, audienceCount: 0 });
    // Not due yet: the pacer waits until then.
    expect(await pacerTick(sys(), owner.tenant.id, campaign.id)).toBe(Date.parse(at));
    await env.DB.prepare("UPDATE campaigns SET scheduled_at = ? WHERE id = ?").bind(Date.now() - 1000, campaign.id).run();
    await pacerTick(sys(), owner.tenant.id, campaign.id);
    const c = await waitForStatus(owner, campaign.id, "completed", 20_000);
    expect(c).toMatchObject({ audienceCount: 2, counts: { sent: 2 } });
  });

  it("emits campaign.started and campaign.completed with totals, and message events carry the campaign id", async () => {
    const { owner, campaign } = await sandboxCampaign(3);
    await createEndpoint(owner, { events: ["campaign.started", "campaign.completed", "message.sent"] });
    await owner.callWithKey("POST", `/api/campaigns/${campaign.id}/start`);
    await waitForStatus(owner, campaign.id, "completed");
    const events = async () =>
      (await env.DB.prepare("SELECT type, payload FROM webhook_events WHERE tenant_id = ? ORDER BY id").bind(owner.tenant.id).all<{ type: string; payload: string }>()).results.map((r) => ({
        type: r.type,
        data: JSON.parse(r.payload).data,
      }));
    await eventually(async () => expect((await events()).filter((e) => e.type === "campaign.completed")).toHaveLength(1));
    const all = await events();
    expect(all.filter((e) => e.type === "campaign.started")).toEqual([{ type: "campaign.started", data: { campaign: expect.objectContaining({ id: campaign.id, name: "Promo", audienceSize: 3 }) } }]);
    expect(all.find((e) => e.type === "campaign.completed")!.data.stats).toMatchObject({ queued: 3, sent: 3, delivered: 3, failed: 0 });
    await eventually(async () => expect((await events()).filter((e) => e.type === "message.sent")).toHaveLength(3));
    for (const e of (await events()).filter((e) => e.type === "message.sent")) expect(e.data.message).toMatchObject({ author: "campaign", campaignId: campaign.id });
  });

  it("attributes a reply within the window and a stage change to qualified", async () => {
    const { owner, audience, campaign } = await sandboxCampaign(2);
    await owner.callWithKey("PATCH", "/api/bot-settings", { enabled: false });
    await owner.callWithKey("POST", `/api/campaigns/${campaign.id}/start`);
    await waitForStatus(owner, campaign.id, "completed");
    const [a, b] = audience;
    const reply = await owner.callWithKey("POST", "/api/sandbox/messages", { from: a!.phone, text: "Yes, Saturday works" });
    expect(reply.status, reply.text).toBe(202);
    await eventually(async () => expect((await get(owner, campaign.id)).counts.replied).toBe(1));
    const patched = await owner.callWithKey("PATCH", `/api/contacts/${b!.contactId}`, { stage: "qualified" });
    expect(patched.status, patched.text).toBe(200);
    const c = await get(owner, campaign.id);
    expect(c.counts).toMatchObject({ sent: 2, replied: 1, converted: 1 });
    const replied = await owner.callWithKey("GET", `/api/campaigns/${campaign.id}/recipients?status=replied`);
    expect(replied.json.data.map((r: { contactId: string }) => r.contactId)).toEqual([a!.contactId]);
    const converted = await owner.callWithKey("GET", `/api/campaigns/${campaign.id}/recipients?status=converted`);
    expect(converted.json.data.map((r: { contactId: string }) => r.contactId)).toEqual([b!.contactId]);
    // A second reply does not count twice.
    await owner.callWithKey("POST", "/api/sandbox/messages", { from: a!.phone, text: "And Sunday?" });
    await eventually(async () => {
      const n = await env.DB.prepare("SELECT count(*) AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.contact_id = ? AND m.direction = 'inbound'").bind(a!.contactId).first<number>("n");
      expect(n).toBe(2);
    });
    expect((await get(owner, campaign.id)).counts.replied).toBe(1);
  });

  it("erasing a contact removes the number its campaigns recorded, and keeps the totals", async () => {
    const { owner, audience, campaign } = await sandboxCampaign(2);
    await owner.callWithKey("POST", `/api/campaigns/${campaign.id}/start`);
    await waitForStatus(owner, campaign.id, "completed");
    const gone = audience[0]!;
    const erased = await owner.callWithKey("DELETE", `/api/contacts/${gone.contactId}`);
    expect(erased.status, erased.text).toBeLessThan(300);
    const recipients = await owner.callWithKey("GET", `/api/campaigns/${campaign.id}/recipients`);
    expect(recipients.text.includes(gone.phone)).toBe(false);
    expect(recipients.json.data).toHaveLength(2);
    expect((await get(owner, campaign.id)).counts.sent).toBe(2);
  });

  it("refuses bad input with the field named, and free text to a template-only audience at start", async () => {
    const owner = await createTenant();
    const channelId = await channelOf(owner, "sandbox");
    const bad = await owner.callWithKey("POST", "/api/campaigns", { name: "", channelId, audience: {}, message: { text: "x" } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toContain("name");
    const noTemplate = await owner.callWithKey("POST", "/api/campaigns", { name: "T", channelId, audience: {}, message: { template: { name: "nope", language: "en" } } });
    expect(noTemplate.status).toBe(400);
    expect(noTemplate.json.errors[0].path).toBe("message.template.name");
    const quiet = await owner.callWithKey("POST", "/api/campaigns", { name: "T", channelId, audience: {}, message: { text: "x" }, quietHours: { start: "25:00", end: "08:00" } });
    expect(quiet.status).toBe(400);
    expect(quiet.json.errors[0].path).toBe("quietHours.start");
    expect((await owner.callWithKey("GET", "/api/campaigns/cmp_01M8ZX8RX3XSJ2HV98KNWD6TAF")).status).toBe(404);
  });
});
