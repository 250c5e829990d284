// The per-customer guard (10 messages a minute per contact, against reply loops) holds
// conversation messages back; a campaign message, one per recipient by construction,
// goes out even to a customer the guard is holding.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CONTACT_POLICY, contactLimitKey, numberLimitKey, sendQueuedMessage } from "../../../worker/outbound/consumer";
import { hitLimits } from "../../../worker/limits/client";
import { systemContext } from "../../../worker/lib/system-context";
import { connectMeta } from "../helpers/channels";
import { createTenant } from "../helpers/tenants";
import { fakeGraph } from "./fake-graph";
import { seedContact, waitForStatus } from "./helpers";

describe("the per-customer limit and campaigns", () => {
  it("sends the campaign message to a customer at the limit, and still holds an agent's reply", async () => {
    const owner = await createTenant();
    const channel = await connectMeta(owner);
    const contact = await seedContact(owner.tenant.id, { channelId: channel.id, tags: ["busy"] });
    const sends = fakeGraph(channel.phoneNumberId);
    // This customer has had the minute's ten messages already (filled up to the limit, in whichever minute it is now).
    const fillTheMinute = async () => {
      // The customer's counter is a row of the number's object.
      while ((await hitLimits(env, numberLimitKey(channel.id), [{ key: contactLimitKey(channel.id, contact.contactId), policy: CONTACT_POLICY }])).allowed);
    };
    await fillTheMinute();

    const created = await owner.callWithKey("POST", "/api/campaigns", {
      name: "Reminder",
      channelId: channel.id,
      audience: { tags: ["busy"] },
      message: { text: "Your viewing is tomorrow at 10" },
      ratePerSecond: 5,
    });
    expect(created.status, created.text).toBe(201);
    expect((await owner.callWithKey("POST", `/api/campaigns/${created.json.id}/start`)).status).toBe(200);
    const done = await waitForStatus(owner, created.json.id, "completed", 30_000);
    expect(done.counts).toMatchObject({ queued: 1, sent: 1, failed: 0 });
    expect(sends.map((s) => s.to)).toEqual([contact.phone.slice(1)]);

    // An agent's reply in the same minute waits for the limit's window.
    const reply = await owner.callWithKey("POST", `/api/conversations/${contact.conversationId}/messages`, { text: "See you there" });
    expect(reply.status, reply.text).toBe(201);
    await fillTheMinute();
    const outcome = await sendQueuedMessage(systemContext(env, () => {}), { tenantId: owner.tenant.id, messageId: reply.json.id }, 1);
    expect(outcome.kind).toBe("defer");
    expect(sends).toHaveLength(1);
  });
});
