// A tick releases up to three seconds' worth of recipients at once (150 at
// 50/s): they are written and queued in batches, with every query under D1's
// limit of bound values, each recipient reached once and no second over the rate.
import { describe, expect, it } from "vitest";
import { connectMeta } from "../helpers/channels";
import { createTenant } from "../helpers/tenants";
import { fakeGraph, maxPerSecond } from "./fake-graph";
import { campaignMessages, seedContact, waitForStatus } from "./helpers";

describe("campaign ticks in batches", () => {
  it("sends 150 recipients at 50/s: once each, never over the rate", async () => {
    const owner = await createTenant();
    const channel = await connectMeta(owner);
    const sends = fakeGraph(channel.phoneNumberId);
    const audience = [];
    for (let i = 0; i < 150; i += 30) {
      audience.push(...(await Promise.all(Array.from({ length: 30 }, () => seedContact(owner.tenant.id, { channelId: channel.id, tags: ["bulk"] })))));
    }
    const created = await owner.callWithKey("POST", "/api/campaigns", { name: "Bulk", channelId: channel.id, audience: { tags: ["bulk"] }, message: { text: "Price drop this week" }, ratePerSecond: 50 });
    expect(created.status, created.text).toBe(201);
    expect((await owner.callWithKey("POST", `/api/campaigns/${created.json.id}/start`)).status).toBe(200);
    const done = await waitForStatus(owner, created.json.id, "completed", 100_000);
    expect(done.counts).toMatchObject({ queued: 150, sent: 150, failed: 0, skipped: 0 });
    expect(sends.map((s) => s.to).sort()).toEqual(audience.map((a) => a.phone.slice(1)).sort());
    expect(maxPerSecond(sends)).toBeLessThanOrEqual(50);
    expect(await campaignMessages(created.json.id)).toHaveLength(150);
  }, 120_000);
});
