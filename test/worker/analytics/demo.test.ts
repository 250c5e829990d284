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
    const again = await owner.call("POST", "/api/demo/history");
    expect(again.json).toEqual({ created: false, contacts: 0, messages: 0 });
    const t = owner.tenant.id;
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
    expect(await total("messages.inbound")).toBe(overview.current.messages.inbound);
    expect(await total("credits.used")).toBe(overview.current.credits.used);
    expect((await owner.call("GET", "/api/analytics/unanswered")).json.data.length).toBeGreaterThan(0);

    // The breakdowns tell the same story: the handoffs' reason, the funnel narrowing at each step.
    const bd = (await owner.call("GET", `/api/analytics/breakdowns?from=${overview.range.from}&to=${overview.range.to}`)).json;
    expect(bd.conversations.byHandoffReason).toEqual([{ reason: "no_knowledge", count: overview.current.conversations.handedOff }]);
    const f = bd.leads.funnel;
    expect(f.asked).toBe(await count("SELECT count(DISTINCT contact_id) AS n FROM flow_answers WHERE tenant_id = ?", t));
    expect(f.answered).toBe(f.asked);
    expect(f.qualified).toBe(overview.current.leads.qualified);
    expect(f.booked).toBe(overview.current.leads.booked);
    expect(f.asked).toBeGreaterThan(f.qualified);
    expect(f.qualified).toBeGreaterThanOrEqual(f.booked);
    expect(bd.messages.failuresByReason).toEqual([{ code: "131026", title: expect.any(String), count: overview.current.messages.failed }]);
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
