// A test send from the campaign editor: one number gets the campaign's message
// now, through the ordinary outbound path; it is no campaign recipient (not in
// the totals, and the real send still reaches that contact once), and numbers
// that opted out are refused before anything is written or sent.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { connectMeta } from "../helpers/channels";
import { createTenant } from "../helpers/tenants";
import { eventually } from "../helpers/wait";
import { fakeGraph } from "./fake-graph";
import { seedContact, waitForStatus } from "./helpers";

const count = async (sql: string, ...args: unknown[]) => (await env.DB.prepare(sql).bind(...args).first<{ n: number }>())!.n;

describe("campaign test send", () => {
  it("sends the rendered message to one number, outside the campaign's totals and recipients", async () => {
    const owner = await createTenant();
    const channel = await connectMeta(owner);
    const sends = fakeGraph(channel.phoneNumberId);
    const t = owner.tenant.id;
    const a = await seedContact(t, { channelId: channel.id, tags: ["vip"], name: "Ayu" });
    const b = await seedContact(t, { channelId: channel.id, tags: ["vip"], name: "Bima" });
    const message = { text: "New listing in Menteng — reply YES for photos" };
    const created = await owner.callWithKey("POST", "/api/campaigns", { name: "VIP", channelId: channel.id, audience: { tags: ["vip"] }, message, ratePerSecond: 5 });
    expect(created.status, created.text).toBe(201);

    const test = await owner.callWithKey("POST", "/api/campaigns/test-send", { channelId: channel.id, message, phone: a.phone });
    expect(test.status, test.text).toBe(201);
    expect(test.json).toMatchObject({ contactId: a.contactId, conversationId: a.conversationId, status: "queued" });
    await eventually(async () => expect(sends.map((s) => s.to)).toEqual([a.phone.slice(1)]));
    expect(sends[0]!.body.text.body).toBe(message.text);
    const row = await env.DB.prepare("SELECT author, campaign_id, json_extract(payload, '$.campaignTest') AS test FROM messages WHERE id = ?")
      .bind(test.json.messageId)
      .first<{ author: string; campaign_id: string | null; test: number }>();
    expect(row).toEqual({ author: "agent", campaign_id: null, test: 1 });

    // The campaign itself still reaches both, once each, and counts only its own messages.
    expect((await owner.callWithKey("POST", `/api/campaigns/${created.json.id}/start`)).status).toBe(200);
    const done = await waitForStatus(owner, created.json.id, "completed", 30_000);
    expect(done.audienceCount).toBe(2);
    expect(done.counts).toMatchObject({ queued: 2, sent: 2, skipped: 0 });
    expect(sends.filter((s) => s.to === a.phone.slice(1))).toHaveLength(2);
    expect(sends.filter((s) => s.to === b.phone.slice(1))).toHaveLength(1);
    expect(await count("SELECT count(*) AS n FROM campaign_recipients WHERE campaign_id = ?", created.json.id)).toBe(2);
  });

  it("refuses a number that opted out (STOP or WhatsApp's marketing opt-out): nothing written, nothing sent", async () => {
    const owner = await createTenant();
    const channel = await connectMeta(owner);
    const sends = fakeGraph(channel.phoneNumberId);
    const t = owner.tenant.id;
    const stopped = await seedContact(t, { channelId: channel.id, optedOut: true });
    const marketing = await seedContact(t, { channelId: channel.id, marketingOptedOut: true });
    for (const c of [stopped, marketing]) {
      const res = await owner.callWithKey("POST", "/api/campaigns/test-send", { channelId: channel.id, message: { text: "Hello" }, phone: c.phone });
      expect(res.status, res.text).toBe(409);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.json.errors).toEqual([{ path: "phone", message: "opted out" }]);
    }
    expect(await count("SELECT count(*) AS n FROM messages WHERE tenant_id = ? AND direction = 'outbound'", t)).toBe(0);
    expect(sends).toHaveLength(0);
  });

  it("names the field: a bad number, another tenant's channel, free text outside the 24-hour window", async () => {
    const owner = await createTenant();
    const other = await createTenant();
    const channel = await connectMeta(owner);
    const foreign = await connectMeta(other);
    fakeGraph(channel.phoneNumberId);
    const bad = await owner.callWithKey("POST", "/api/campaigns/test-send", { channelId: channel.id, message: { text: "Hi" }, phone: "12" });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe("phone");
    const notOurs = await owner.callWithKey("POST", "/api/campaigns/test-send", { channelId: foreign.id, message: { text: "Hi" }, phone: "+6281234500001" });
    expect(notOurs.status).toBe(400);
    expect(notOurs.json.errors[0].path).toBe("channelId");
    // A number that never wrote: free text is refused (WhatsApp allows only templates), a template goes out.
    const text = await owner.callWithKey("POST", "/api/campaigns/test-send", { channelId: channel.id, message: { text: "Hi" }, phone: "+62 812-3450-0002" });
    expect(text.status, text.text).toBe(422);
    expect(text.json.errors[0].path).toBe("type");
    const template = await owner.callWithKey("POST", "/api/campaigns/test-send", {
      channelId: channel.id,
      message: { template: { name: "new_listing", language: "en", parameters: [{ field: "name", fallback: "there" }] } },
      phone: "+62 812-3450-0002",
    });
    expect(template.status, template.text).toBe(201);
    expect(await count("SELECT count(*) AS n FROM contacts WHERE tenant_id = ? AND wa_id = '6281234500002'", owner.tenant.id)).toBe(1);
  });
});
