// The demo history seeded by `npm start`: once, consistent with the raw rows, and only where DEMO_SEED is on.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { seedDemoHistory } from "../../../worker/ops/demo-history";
import { ctxWith } from "../helpers/assistant";
import { createTenant } from "../helpers/tenants";

const count = async (query: string, ...params: unknown[]) => (await env.DB.prepare(query).bind(...params).first<{ n: number }>())!.n;

describe("demo history", () => {
  it("seeds 30 days once, and the overview agrees with the stored rows", async () => {
    const owner = await createTenant();
    const first = await owner.call("POST", "/api/demo/history");
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({ created: true, contacts: 240 });
    const t = owner.tenant.id;
    expect(first.json.messages).toBe(await count("SELECT count(*) AS n FROM messages WHERE tenant_id = ?", t));
    // A second run creates nothing: not a message, a campaign, a recipient, a template, a tag, a booking or a ledger row.
    const tables = ["contacts", "conversations", "messages", "campaigns", "campaign_recipients", "message_templates", "tags", "contact_tags", "bookings", "credit_ledger"];
    const sizes = async () => Object.fromEntries(await Promise.all(tables.map(async (x) => [x, await count(`SELECT count(*) AS n FROM ${x} WHERE tenant_id = ?`, t)])));
    const before = await sizes();
    const again = await owner.call("POST", "/api/demo/history");
    expect(again.json).toEqual({ created: false, contacts: 0, messages: 0 });
    expect(await sizes()).toEqual(before);
    expect(await count("SELECT count(*) AS n FROM contacts WHERE tenant_id = ?", t)).toBe(240);
    // Nothing lies in the future, whatever the time of day in Jakarta (a row after now could fall on tomorrow's date).
    const now = Date.now();
    expect(await count("SELECT count(*) AS n FROM messages WHERE tenant_id = ? AND created_at > ?", t, now), "messages after now").toBe(0);
    expect(await count("SELECT count(*) AS n FROM contacts WHERE tenant_id = ? AND coalesce(qualified_at, 0) > ?", t, now), "qualified after now").toBe(0);

    const res = await owner.call("GET", "/api/analytics/overview");
    expect(res.status).toBe(200);
    const overview = res.json;
    const total = async (metric: string) =>
      (await owner.call("GET", `/api/analytics/timeseries?metric=${metric}&from=${overview.range.from}&to=${overview.range.to}`)).json.data.reduce((s: number, p: { value: number }) => s + p.value, 0);
    // Everything happened within the last 30 days in Jakarta: the range holds every row.
    expect(overview.current.messages.inbound, "inbound").toBe(await count("SELECT count(*) AS n FROM messages WHERE tenant_id = ? AND direction = 'inbound'", t));
    expect(overview.current.messages.outbound.agent, "agent").toBe(await count("SELECT count(*) AS n FROM messages WHERE tenant_id = ? AND author = 'agent'", t));
    expect(overview.current.messages.read, "read").toBe(await count("SELECT count(*) AS n FROM messages WHERE tenant_id = ? AND status = 'read'", t));
    expect(overview.current.leads.qualified, "qualified").toBe(await count("SELECT count(*) AS n FROM contacts WHERE tenant_id = ? AND stage = 'qualified'", t));
    expect(overview.current.leads.booked, "booked").toBe(await count("SELECT count(*) AS n FROM bookings WHERE tenant_id = ?", t));
    expect(overview.current.conversations.handedOff, "handedOff").toBe(await count("SELECT count(*) AS n FROM conversations WHERE tenant_id = ? AND mode = 'human'", t));
    expect(overview.current.assistant.unanswered).toBeGreaterThan(0);
    expect(overview.current.responseTimes.humanP50Ms).toBeGreaterThan(0);
    expect(await total("messages.inbound"), "inbound series").toBe(overview.current.messages.inbound);
    expect(await total("credits.used"), "credits series").toBe(overview.current.credits.used);
    // The answers were paid from the account's grant: its balance is what the ledger says, and every charge came after the grant.
    const credits = (await owner.call("GET", "/api/credits")).json;
    const ledger = (await env.DB.prepare("SELECT coalesce(sum(delta), 0) AS n FROM credit_ledger WHERE tenant_id = ?").bind(t).first<{ n: number }>())!.n;
    expect(credits.balance, "balance").toBe(ledger);
    expect(credits.balance).toBe(credits.monthlyCredits - overview.current.credits.used);
    expect(await count("SELECT count(*) AS n FROM credit_ledger WHERE tenant_id = ? AND reason = 'answer' AND created_at < ?", t, Date.parse(credits.periodStart))).toBe(0);
    expect((await owner.call("GET", "/api/analytics/unanswered")).json.data.length).toBeGreaterThan(0);

    // The breakdowns tell the same story: the handoffs' reason, the funnel narrowing at each step.
    const bd = (await owner.call("GET", `/api/analytics/breakdowns?from=${overview.range.from}&to=${overview.range.to}`)).json;
    expect(bd.conversations.byHandoffReason).toEqual([{ reason: "no_knowledge", count: overview.current.conversations.handedOff }]);
    const f = bd.leads.funnel;
    expect(f.asked, "asked").toBe(await count("SELECT count(DISTINCT contact_id) AS n FROM flow_answers WHERE tenant_id = ?", t));
    expect(f.answered, "answered").toBe(f.asked);
    expect(f.qualified, "funnel qualified").toBe(overview.current.leads.qualified);
    expect(f.booked, "funnel booked").toBe(overview.current.leads.booked);
    expect(f.asked).toBeGreaterThan(f.qualified);
    expect(f.qualified).toBeGreaterThanOrEqual(f.booked);
    const failures = (await env.DB.prepare("SELECT error_code AS code, count(*) AS n FROM messages WHERE tenant_id = ? AND status = 'failed' GROUP BY 1 ORDER BY 2 DESC, 1").bind(t).all<{ code: string; n: number }>()).results;
    expect(failures.reduce((s, f) => s + f.n, 0), "failed").toBe(overview.current.messages.failed);
    expect(bd.messages.failuresByReason.map((f: { code: string; count: number }) => [f.code, f.count]).sort()).toEqual(failures.map((f) => [f.code, f.n]).sort());
  });

  it("includes a finished campaign whose page, recipients, overview and inbox agree with its rows", async () => {
    const owner = await createTenant();
    expect((await owner.call("POST", "/api/demo/history")).status).toBe(200);
    const t = owner.tenant.id;
    const now = Date.now();
    const list = (await owner.call("GET", "/api/campaigns")).json.data;
    expect(list).toHaveLength(1);
    const res = await owner.call("GET", `/api/campaigns/${list[0].id}`);
    expect(res.status).toBe(200);
    const campaign = res.json;
    const id = campaign.id;
    expect(campaign).toMatchObject({ status: "completed", message: { template: { name: "new_listing_alert", language: "en" } }, audience: { tags: ["Listing alerts"] } });
    // About two weeks ago, and over.
    const started = Date.parse(campaign.startedAt);
    expect(now - started).toBeGreaterThan(13 * 86_400_000);
    expect(now - started).toBeLessThan(15 * 86_400_000);
    expect(Date.parse(campaign.completedAt)).toBeGreaterThan(started);
    // It was sent with an approved marketing template of the demo's sandbox channel.
    expect(await count("SELECT count(*) AS n FROM message_templates WHERE tenant_id = ? AND name = 'new_listing_alert' AND category = 'marketing' AND status = 'approved'", t)).toBe(1);

    // The figures the page shows are counts over the raw rows.
    const c = (where: string) =>
      count(`SELECT count(*) AS n FROM campaign_recipients r LEFT JOIN messages m ON m.id = r.message_id WHERE r.tenant_id = ? AND r.campaign_id = ? AND ${where}`, t, id);
    const raw = {
      queued: await c("r.state = 'queued'"),
      sent: await c("m.status IN ('sent', 'delivered', 'read')"),
      delivered: await c("m.status IN ('delivered', 'read')"),
      read: await c("m.status = 'read'"),
      failed: await c("m.status = 'failed'"),
      // A reply: the contact wrote in the conversation after the campaign's message, within the reply window.
      replied: await c(`m.status IN ('sent', 'delivered', 'read') AND EXISTS (SELECT 1 FROM messages i WHERE i.conversation_id = m.conversation_id AND i.direction = 'inbound'
        AND i.created_at > m.created_at AND i.created_at <= r.sent_at + ${campaign.replyWindowHours} * 3600000)`),
      converted: await c(`EXISTS (SELECT 1 FROM bookings b WHERE b.contact_id = r.contact_id AND b.created_at > r.sent_at AND b.created_at <= r.sent_at + ${campaign.replyWindowHours} * 3600000)`),
      skipped: 0,
    };
    expect(campaign.counts).toEqual(raw);
    expect(campaign.audienceCount).toBe(await c("1"));
    expect(raw.queued).toBe(campaign.audienceCount);
    // A realistic send: most read it, some replied, a few booked a viewing, one or two never arrived.
    expect(campaign.audienceCount).toBeGreaterThan(20);
    expect(raw.read).toBeGreaterThan(raw.sent / 2);
    expect(raw.replied).toBeGreaterThan(0);
    expect(raw.converted).toBeGreaterThan(0);
    expect(raw.replied).toBeGreaterThan(raw.converted);
    expect(raw.failed).toBeGreaterThan(0);
    expect(raw.sent + raw.failed).toBe(campaign.audienceCount);
    // Every campaign message is its recipient's, in that contact's conversation on the campaign's channel.
    expect(await count("SELECT count(*) AS n FROM messages WHERE tenant_id = ? AND author = 'campaign'", t)).toBe(campaign.audienceCount);
    expect(
      await count(
        `SELECT count(*) AS n FROM campaign_recipients r JOIN messages m ON m.id = r.message_id JOIN conversations v ON v.id = m.conversation_id
         WHERE r.tenant_id = ? AND m.campaign_id = r.campaign_id AND v.contact_id = r.contact_id AND v.channel_id = ? AND m.direction = 'outbound'`,
        t,
        campaign.channelId,
      ),
    ).toBe(campaign.audienceCount);

    // The recipients' list says the same, recipient by recipient, with the failures' reasons.
    type Recipient = { contactId: string; status: string; error: { code: string } | null; messageId: string | null; sentAt: string | null };
    const recipients: Recipient[] = [];
    for (let cursor = ""; ; ) {
      const page = (await owner.call("GET", `/api/campaigns/${id}/recipients?limit=200${cursor ? `&cursor=${cursor}` : ""}`)).json;
      recipients.push(...page.data);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(recipients).toHaveLength(campaign.audienceCount);
    const by = (s: string) => recipients.filter((r) => r.status === s).length;
    expect(by("converted")).toBe(raw.converted);
    expect(by("replied") + by("converted")).toBe(raw.replied);
    expect(by("failed")).toBe(raw.failed);
    for (const r of recipients.filter((x) => x.status === "failed")) expect(["131026", "131049"]).toContain(r.error?.code);
    expect(recipients.every((r) => r.messageId && r.sentAt && Date.parse(r.sentAt) >= started)).toBe(true);

    // Nobody who had opted out was sent it, though some of them carried the tag.
    const optedOutTagged = await count(
      "SELECT count(*) AS n FROM contacts c JOIN contact_tags ct ON ct.contact_id = c.id JOIN tags g ON g.id = ct.tag_id WHERE c.tenant_id = ? AND g.name = 'Listing alerts' AND c.opted_out = 1",
      t,
    );
    expect(optedOutTagged).toBeGreaterThan(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM messages m JOIN conversations v ON v.id = m.conversation_id JOIN contacts k ON k.id = v.contact_id
         WHERE m.tenant_id = ? AND m.author = 'campaign' AND (k.opted_out = 1 OR k.marketing_opted_out_at IS NOT NULL)`,
        t,
      ),
    ).toBe(0);
    expect(await count("SELECT count(*) AS n FROM campaign_recipients r JOIN contacts k ON k.id = r.contact_id WHERE r.tenant_id = ? AND k.opted_out = 1", t)).toBe(0);

    // Campaign messages cost no credits; the assistant's answers to the replies did.
    expect(await count("SELECT count(*) AS n FROM credit_ledger l JOIN messages m ON l.reference = 'demo:' || m.id WHERE l.tenant_id = ? AND m.author = 'campaign'", t)).toBe(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM credit_ledger l JOIN messages m ON l.reference = 'demo:' || m.id JOIN campaign_recipients r ON r.tenant_id = l.tenant_id
         JOIN messages s ON s.id = r.message_id AND s.conversation_id = m.conversation_id WHERE l.tenant_id = ? AND m.created_at > s.created_at`,
        t,
      ),
    ).toBeGreaterThan(0);

    // Nothing about it lies in the future.
    for (const [what, query] of [
      ["campaign", "SELECT count(*) AS n FROM campaigns WHERE tenant_id = ? AND max(created_at, updated_at, coalesce(started_at, 0), coalesce(completed_at, 0)) > ?"],
      ["recipients", "SELECT count(*) AS n FROM campaign_recipients WHERE tenant_id = ? AND max(created_at, updated_at, coalesce(sent_at, 0), coalesce(replied_at, 0), coalesce(converted_at, 0)) > ?"],
      ["messages", "SELECT count(*) AS n FROM messages WHERE tenant_id = ? AND max(created_at, updated_at) > ?"],
      ["bookings", "SELECT count(*) AS n FROM bookings WHERE tenant_id = ? AND created_at > ?"],
      ["ledger", "SELECT count(*) AS n FROM credit_ledger WHERE tenant_id = ? AND created_at > ?"],
      ["conversations", "SELECT count(*) AS n FROM conversations WHERE tenant_id = ? AND max(coalesce(last_message_at, 0), coalesce(last_inbound_at, 0)) > ?"],
    ] as const) {
      expect(await count(query, t, now), what).toBe(0);
    }

    // The audit log tells the campaign's story in time order (newest first by id, as the page lists it).
    const audit = (
      await env.DB.prepare("SELECT action, actor_type AS actor, created_at AS at FROM audit_log WHERE tenant_id = ? AND target_type IN ('campaign', 'template') ORDER BY id").bind(t).all<{ action: string; actor: string; at: number }>()
    ).results;
    expect(audit.map((a) => a.action)).toEqual(["template.created", "campaign.created", "campaign.scheduled", "campaign.started"]);
    expect(audit.at(-1)).toMatchObject({ actor: "system", at: started });
    // In the whole log (the sign-up today included), the order of ids is the order of time.
    const times = (await env.DB.prepare("SELECT created_at AS at FROM audit_log WHERE tenant_id = ? ORDER BY id").bind(t).all<{ at: number }>()).results.map((a) => a.at);
    expect(times.length).toBeGreaterThan(audit.length);
    expect(times).toEqual([...times].sort((x, y) => x - y));

    // The overview counts the same campaign messages.
    const overview = (await owner.call("GET", "/api/analytics/overview")).json.current;
    expect(overview.messages.outbound.campaign).toBe(campaign.audienceCount);
    expect(overview.campaigns).toEqual({ sent: raw.sent, delivered: raw.delivered, read: raw.read, replied: raw.replied });

    // The inbox shows the message (rendered for the contact) in a recipient's thread, and the reply after it.
    const replier = recipients.find((r) => r.status === "replied" || r.status === "converted")!;
    const conversationId = (await env.DB.prepare("SELECT conversation_id AS id FROM messages WHERE id = ?").bind(replier.messageId).first<{ id: string }>())!.id;
    const thread = (await owner.call("GET", `/api/conversations/${conversationId}/messages?limit=200`)).json.data;
    const sent = thread.find((m: { id: string }) => m.id === replier.messageId);
    expect(sent).toMatchObject({ author: "campaign", direction: "outbound", type: "template" });
    const name = (await env.DB.prepare("SELECT name FROM contacts WHERE id = ?").bind(replier.contactId).first<{ name: string }>())!.name;
    expect(JSON.stringify(sent)).toContain(`Hi ${name}, a 4-bedroom house in BSD City`);
    expect(thread.some((m: { direction: string; createdAt: string }) => m.direction === "inbound" && m.createdAt > sent.createdAt)).toBe(true);
  });

  it("writes nothing after now, whatever the time of day it is seeded at", async () => {
    const day = Math.floor(Date.now() / 86_400_000) * 86_400_000;
    for (const hour of [0, 1, 3, 6, 9, 12, 15, 18, 21]) {
      const owner = await createTenant();
      const now = day - 86_400_000 + hour * 3_600_000 + 1_234;
      const ctx = { ...ctxWith({ DEMO_SEED: true }), tenantId: owner.tenant.id, actor: { type: "user" as const, id: owner.user.id }, role: "owner" as const, userId: owner.user.id, now: () => now };
      await seedDemoHistory(ctx);
      const t = owner.tenant.id;
      for (const [what, query] of [
        ["messages", "SELECT count(*) AS n FROM messages WHERE tenant_id = ? AND max(created_at, updated_at) > ?"],
        ["conversations", "SELECT count(*) AS n FROM conversations WHERE tenant_id = ? AND max(coalesce(last_message_at, 0), coalesce(last_inbound_at, 0), updated_at) > ?"],
        ["contacts", "SELECT count(*) AS n FROM contacts WHERE tenant_id = ? AND max(coalesce(last_message_at, 0), coalesce(qualified_at, 0)) > ?"],
      ] as const) {
        expect(await count(query, t, now), `${what} after now (seeded at ${hour}:00 UTC)`).toBe(0);
      }
      // A conversation's last customer message is one that is stored.
      expect(
        await count(
          "SELECT count(*) AS n FROM conversations c WHERE c.tenant_id = ? AND c.last_inbound_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound' AND m.created_at = c.last_inbound_at) AND ? > 0",
          t,
          now,
        ),
        `last inbound not stored (seeded at ${hour}:00 UTC)`,
      ).toBe(0);
      // Every flow the demo starts is answered before now: the funnel's "asked" and "answered" are the same contacts.
      expect(
        await count(
          "SELECT count(*) AS n FROM contacts c WHERE c.tenant_id = ? AND c.flow_asked_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM flow_answers a WHERE a.contact_id = c.id) AND ? > 0",
          t,
          now,
        ),
        `asked, never answered (seeded at ${hour}:00 UTC)`,
      ).toBe(0);
    }
  });

  it("is not there without DEMO_SEED, or in production", async () => {
    const owner = await createTenant();
    for (const config of [{ DEMO_SEED: false }, { DEMO_SEED: true, ENVIRONMENT: "production" as const }]) {
      const ctx = { ...ctxWith(config), tenantId: owner.tenant.id, actor: { type: "user" as const, id: owner.user.id }, role: "owner" as const, userId: owner.user.id };
      await expect(seedDemoHistory(ctx)).rejects.toMatchObject({ code: "not_found" });
    }
    expect(await count("SELECT count(*) AS n FROM contacts WHERE tenant_id = ?", owner.tenant.id)).toBe(0);
  });
});
