// Another tenant's campaign is a 404 on every route, and never in its list.
import { describe, expect, it } from "vitest";
import { expectTenantIsolation } from "../helpers/isolation";
import { createTenant } from "../helpers/tenants";
import { channelOf, seedContact } from "./helpers";

describe("campaign tenant isolation", () => {
  it("keeps campaigns and their recipients inside their tenant", async () => {
    await expectTenantIsolation({
      create: async (a) => {
        const channelId = await channelOf(a, "sandbox");
        const contact = await seedContact(a.tenant.id, { channelId, tags: ["isolated"], name: "Wayan Isolated" });
        const res = await a.callWithKey("POST", "/api/campaigns", {
          name: "Secret launch",
          channelId,
          audience: { tags: ["isolated"] },
          message: { text: "Only for tenant A" },
          ratePerSecond: 1,
          scheduledAt: new Date(Date.now() + 3600_000).toISOString(),
        });
        return { id: res.json.id, data: ["Secret launch", contact.phone, contact.contactId] };
      },
      routes: [
        { method: "GET", path: (id) => `/api/campaigns/${id}` },
        { method: "GET", path: (id) => `/api/campaigns/${id}/recipients` },
        { method: "POST", path: (id) => `/api/campaigns/${id}/start`, ownerStatus: 200 },
        { method: "POST", path: (id) => `/api/campaigns/${id}/pause` },
        { method: "POST", path: (id) => `/api/campaigns/${id}/resume` },
        { method: "POST", path: (id) => `/api/campaigns/${id}/cancel`, ownerStatus: 200 },
      ],
      lists: ["/api/campaigns"],
    });
  });

  it("previews and creates only with the caller's own channel", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const channelA = await channelOf(a, "sandbox");
    const preview = await b.callWithKey("POST", "/api/campaigns/preview", { channelId: channelA, audience: {} });
    expect(preview.status).toBe(400);
    const create = await b.callWithKey("POST", "/api/campaigns", { name: "x", channelId: channelA, audience: {}, message: { text: "x" } });
    expect(create.status).toBe(400);
    // Contact ids of another tenant match nothing.
    const contact = await seedContact(a.tenant.id, { channelId: channelA });
    const own = await channelOf(b, "sandbox");
    const res = await b.callWithKey("POST", "/api/campaigns/preview", { channelId: own, audience: { contactIds: [contact.contactId] }, message: { text: "x" } });
    expect(res.json.audienceCount).toBe(0);
  });
});
