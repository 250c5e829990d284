// Audience rules: filters, and the exclusions every campaign applies (opted
// out always, invalid numbers, duplicates, free text outside the window).
import { describe, expect, it } from "vitest";
import { createTenant } from "../helpers/tenants";
import { channelOf, seedContact } from "./helpers";

const HOUR = 3600_000;

describe("campaign audience preview", () => {
  it("always excludes opted-out contacts and counts invalid numbers, duplicates and closed windows", async () => {
    const owner = await createTenant();
    const channelId = await channelOf(owner, "sandbox");
    const t = owner.tenant.id;
    const tag = "vip";
    const open = await Promise.all([1, 2, 3].map(() => seedContact(t, { channelId, tags: [tag] })));
    await seedContact(t, { channelId, tags: [tag], optedOut: true });
    await seedContact(t, { channelId, tags: [tag], marketingOptedOut: true });
    await seedContact(t, { channelId, tags: [tag], phone: "0812345" });
    await seedContact(t, { channelId, tags: [tag], phone: open[0]!.phone });
    await seedContact(t, { channelId, tags: [tag], lastInboundAt: Date.now() - 30 * HOUR });
    await seedContact(t, { channelId, tags: [tag], lastInboundAt: null });
    await seedContact(t, { channelId, tags: ["other"] });

    const text = await owner.callWithKey("POST", "/api/campaigns/preview", { channelId, audience: { tags: [tag] }, message: { text: "Hi" } });
    expect(text.status, text.text).toBe(200);
    expect(text.json.audienceCount).toBe(3);
    expect(text.json.excluded).toMatchObject({ optedOut: 2, invalid: 1, duplicate: 1, needsTemplate: 2 });

    // Without a message the preview counts what free text could reach; the contract's body has no message.
    const bare = await owner.callWithKey("POST", "/api/campaigns/preview", { channelId, audience: { tags: [tag] } });
    expect(bare.json).toMatchObject({ audienceCount: 3, excluded: { optedOut: 2, invalid: 1, duplicate: 1, needsTemplate: 2 } });
  });

  it("filters by stage, score range, custom field, recent activity and explicit ids", async () => {
    const owner = await createTenant();
    const channelId = await channelOf(owner, "sandbox");
    const t = owner.tenant.id;
    const a = await seedContact(t, { channelId, stage: "qualified", leadScore: 80, customFields: { city: "Bali" } });
    const b = await seedContact(t, { channelId, stage: "qualified", leadScore: 40, customFields: { city: "Jakarta" } });
    const c = await seedContact(t, { channelId, stage: "new", leadScore: 90, lastInboundAt: Date.now() - 10 * 24 * HOUR });
    const call = async (audience: unknown) => {
      const res = await owner.callWithKey("POST", "/api/campaigns/preview", { channelId, audience, message: { template: { name: "x", language: "en" } } });
      return res;
    };
    // An unknown local template is fine for a preview: it only counts.
    expect((await call({ stages: ["qualified"] })).json.audienceCount).toBe(2);
    expect((await call({ minScore: 50 })).json.audienceCount).toBe(2);
    expect((await call({ minScore: 50, maxScore: 85 })).json.audienceCount).toBe(1);
    expect((await call({ fields: { city: "Bali" } })).json.audienceCount).toBe(1);
    expect((await call({ activeWithinDays: 7 })).json.audienceCount).toBe(2);
    expect((await call({ contactIds: [a.contactId, c.contactId, a.contactId] })).json).toMatchObject({ audienceCount: 2, excluded: { duplicate: 1 } });
    // A template reaches contacts outside the window.
    expect((await call({ contactIds: [c.contactId] })).json).toMatchObject({ audienceCount: 1, excluded: { needsTemplate: 0 } });
    expect((await call({ phones: [b.phone, b.phone, "not a phone", "+14155550000"] })).json).toMatchObject({ audienceCount: 1, excluded: { duplicate: 1, invalid: 1, unknown: 1 } });
  });

  it("names the field of bad input with a 400", async () => {
    const owner = await createTenant();
    const channelId = await channelOf(owner, "sandbox");
    const res = await owner.callWithKey("POST", "/api/campaigns/preview", { channelId, audience: { minScore: 80, maxScore: 10 } });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    expect(res.json.errors[0].path).toBe("audience.maxScore");
    const unknown = await owner.callWithKey("POST", "/api/campaigns/preview", { channelId: "chn_nope", audience: {} });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors[0].path).toBe("channelId");
  });
});
