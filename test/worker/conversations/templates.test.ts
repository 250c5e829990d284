// Message templates: local CRUD, and syncing a Meta channel's templates from
// the Graph API through a fake fetcher.
import { describe, expect, it } from "vitest";
import { syncTemplates } from "../../../worker/templates/sync";
import { fakeFetch, json } from "../channels/helpers";
import { connectMeta, connectWaha } from "../helpers/channels";
import { inviteMember } from "../helpers/tenants";
import { quietTenant, tenantCtx } from "./helpers";

const WABA_ID = "102290129340398";

const metaTemplate = (name: string, status: string, extra: Record<string, unknown> = {}) => ({
  id: `tpl-${name}`,
  name,
  language: "en_US",
  status,
  category: "UTILITY",
  components: [{ type: "BODY", text: `Hello {{1}}, this is ${name}` }],
  ...extra,
});

async function metaChannelWithWaba(owner: Awaited<ReturnType<typeof quietTenant>>) {
  const channel = await connectMeta(owner);
  const res = await owner.callWithKey("PATCH", `/api/channels/${channel.id}`, { wabaId: WABA_ID });
  expect(res.status, res.text).toBe(200);
  return channel;
}

describe("POST /api/templates/sync", () => {
  it("pulls the channel's templates from Meta, following paging, then mirrors changes", async () => {
    const owner = await quietTenant();
    const channel = await metaChannelWithWaba(owner);
    const ctx = tenantCtx(owner);
    const base = ctx.config.WHATSAPP_GRAPH_API_URL.replace(/\/$/, "");
    const next = `${base}/${WABA_ID}/message_templates?after=CURSOR2`;
    const graph = fakeFetch(
      json({ data: [metaTemplate("order_update", "APPROVED"), metaTemplate("promo_june", "PAUSED", { category: "MARKETING" })], paging: { next } }),
      json({ data: [metaTemplate("otp_code", "APPROVED", { category: "AUTHENTICATION" }), metaTemplate("weird", "APPROVED", { category: "SOMETHING_NEW" }), { name: 42 }] }),
    );
    const first = await syncTemplates(ctx, { channelId: channel.id }, graph.fetcher);
    expect(first).toEqual({ channelId: channel.id, fetched: 5, created: 3, updated: 0, removed: 0, skipped: 2 });
    expect(graph.requests.map((r) => r.url)).toEqual([`${base}/${WABA_ID}/message_templates?fields=id,name,language,status,category,components,quality_score,rejected_reason&limit=100`, next]);
    expect(graph.requests[0]!.method).toBe("GET");
    expect(graph.requests[0]!.headers.get("authorization")).toBe(`Bearer ${channel.accessToken}`);

    const list = await owner.call("GET", `/api/templates?channelId=${channel.id}`);
    const byName = Object.fromEntries(list.json.data.map((t: { name: string }) => [t.name, t]));
    expect(Object.keys(byName).sort()).toEqual(["order_update", "otp_code", "promo_june"]);
    expect(byName.order_update).toMatchObject({ source: "meta", channelId: channel.id, status: "approved", category: "utility", providerTemplateId: "tpl-order_update" });
    expect(byName.promo_june).toMatchObject({ status: "paused", category: "marketing" });
    expect((await owner.call("GET", "/api/templates?status=approved")).json.data).toHaveLength(2);

    // Meta approved promo_june and deleted otp_code: the mirror follows.
    const second = await syncTemplates(ctx, { channelId: channel.id }, fakeFetch(json({ data: [metaTemplate("order_update", "APPROVED"), metaTemplate("promo_june", "APPROVED")] })).fetcher);
    expect(second).toMatchObject({ created: 0, updated: 2, removed: 1, skipped: 0 });
    const after = await owner.call("GET", `/api/templates?channelId=${channel.id}&status=approved`);
    expect(after.json.data.map((t: { name: string }) => t.name).sort()).toEqual(["order_update", "promo_june"]);

    // Synced templates are edited in WhatsApp Manager, not here.
    const patch = await owner.call("PATCH", `/api/templates/${byName.order_update.id}`, { status: "paused" });
    expect(patch.status).toBe(409);
    expect(patch.json.detail).toMatch(/synced from Meta/);
  });

  it("never sends the access token to another origin named in Meta's paging", async () => {
    const owner = await quietTenant();
    const channel = await metaChannelWithWaba(owner);
    const graph = fakeFetch(json({ data: [metaTemplate("order_update", "APPROVED")], paging: { next: "https://attacker.example/steal" } }));
    const result = await syncTemplates(tenantCtx(owner), { channelId: channel.id }, graph.fetcher);
    expect(result.created).toBe(1);
    expect(graph.requests).toHaveLength(1);
  });

  it("maps Meta's failures: a rejected token is 409, an outage is 503, other refusals 422", async () => {
    const owner = await quietTenant();
    const channel = await metaChannelWithWaba(owner);
    const attempt = (reply: Response | Error) => syncTemplates(tenantCtx(owner), { channelId: channel.id }, fakeFetch(reply).fetcher).catch((e) => e);
    expect(await attempt(json({ error: { code: 190, message: "Error validating access token" } }, 401))).toMatchObject({ status: 409, detail: expect.stringMatching(/access token/) });
    expect(await attempt(new TypeError("fetch failed"))).toMatchObject({ status: 503 });
    expect(await attempt(json({ error: { code: 100, message: "Invalid parameter" } }, 400))).toMatchObject({ status: 422, detail: expect.stringMatching(/Invalid parameter/) });
  });

  it("refuses channels that do not sync (409) and unknown channels (404)", async () => {
    const owner = await quietTenant();
    const waha = await connectWaha(owner);
    const noWaba = await connectMeta(owner);
    const wahaRes = await owner.call("POST", "/api/templates/sync", { channelId: waha.id });
    expect(wahaRes.status).toBe(409);
    expect(wahaRes.json.detail).toMatch(/edited locally/);
    const noWabaRes = await owner.call("POST", "/api/templates/sync", { channelId: noWaba.id });
    expect(noWabaRes.status).toBe(409);
    expect(noWabaRes.json.detail).toMatch(/wabaId/);
    expect((await owner.call("POST", "/api/templates/sync", { channelId: "chn_01JZZZZZZZZZZZZZZZZZZZZZZZ" })).status).toBe(404);
    const missing = await owner.call("POST", "/api/templates/sync", {});
    expect(missing.status).toBe(400);
    expect(missing.json.errors[0].path).toBe("channelId");
  });
});

describe("/api/templates (local)", () => {
  const body = { name: "appointment_reminder", language: "id", category: "utility", components: [{ type: "BODY", text: "Halo {{1}}, janji temu Anda besok jam {{2}}." }] };

  it("creates, lists, updates and deletes local templates; name+language is unique", async () => {
    const owner = await quietTenant();
    const created = await owner.call("POST", "/api/templates", body);
    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({ ...body, status: "approved", source: "local", channelId: null, syncedAt: null });
    expect((await owner.call("POST", "/api/templates", body)).status).toBe(409);
    expect((await owner.call("POST", "/api/templates", { ...body, language: "en" })).status).toBe(201);
    expect((await owner.call("GET", "/api/templates?channelId=local&q=appointment")).json.data).toHaveLength(2);

    const updated = await owner.call("PATCH", `/api/templates/${created.json.id}`, { components: [{ type: "BODY", text: "Halo {{1}}!" }], status: "paused" });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ status: "paused", components: [{ type: "BODY", text: "Halo {{1}}!" }] });
    expect((await owner.call("DELETE", `/api/templates/${created.json.id}`)).status).toBe(204);
    expect((await owner.call("GET", `/api/templates/${created.json.id}`)).status).toBe(404);
  });

  it("validates definitions (400 naming the field) and needs an admin to edit", async () => {
    const owner = await quietTenant();
    const cases: Array<[unknown, string]> = [
      [{ ...body, name: "Appointment Reminder" }, "name"],
      [{ ...body, language: "english" }, "language"],
      [{ ...body, category: "promo" }, "category"],
      [{ ...body, components: [{ type: "FOOTER", text: "Acme" }] }, "components"],
      [{ ...body, components: [{ type: "BODY" }] }, "components.0.text"],
    ];
    for (const [input, path] of cases) {
      const res = await owner.call("POST", "/api/templates", input);
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect(res.json.errors[0].path, JSON.stringify(input)).toBe(path);
    }
    const agent = await inviteMember(owner, "agent");
    expect((await agent.call("POST", "/api/templates", body)).status).toBe(403);
    expect((await agent.call("GET", "/api/templates")).status).toBe(200);
  });
});
