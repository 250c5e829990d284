// Template lifecycle: Meta's template webhooks (status with its reason,
// quality, category) are applied as they arrive; a template is submitted to
// Meta for approval from Parley; the cron re-reads Meta channels' templates.
// All against a fake Graph API.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { systemContext } from "../../../worker/lib/system-context";
import { submitTemplate, syncDueTemplates } from "../../../worker/templates/submit";
import { syncTemplates } from "../../../worker/templates/sync";
import { fakeFetch, json } from "../channels/helpers";
import { connectMeta, connectWaha, postMeta, signMeta, type MetaChannel } from "../helpers/channels";
import { eventually } from "../helpers/wait";
import { quietTenant, tenantCtx } from "./helpers";
import rejected from "../../fixtures/real-world/meta/pywa-template-status-rejected.json";
import quality from "../../fixtures/real-world/meta/pywa-template-quality-update.json";

const WABA_ID = "102290129340398";

async function metaChannel(owner: Awaited<ReturnType<typeof quietTenant>>) {
  const channel = await connectMeta(owner);
  expect((await owner.callWithKey("PATCH", `/api/channels/${channel.id}`, { wabaId: WABA_ID })).status).toBe(200);
  return channel;
}

/** Two templates synced from Meta, as Meta's ids and names in the real-world fixtures. */
async function synced(owner: Awaited<ReturnType<typeof quietTenant>>, channel: MetaChannel) {
  const graph = fakeFetch(
    json({
      data: [
        { id: "1689556908129835", name: "abandoned_cart", language: "en", status: "PENDING", category: "MARKETING", components: [{ type: "BODY", text: "You left {{1}} in your cart" }] },
        { id: "806312974732579", name: "welcome_template", language: "en_US", status: "APPROVED", category: "UTILITY", components: [{ type: "BODY", text: "Welcome {{1}}" }] },
      ],
    }),
  );
  await syncTemplates(tenantCtx(owner), { channelId: channel.id }, graph.fetcher);
}

const templateRow = (channelId: string, name: string) =>
  env.DB.prepare("SELECT status, quality, status_reason, category FROM message_templates WHERE channel_id = ? AND name = ?")
    .bind(channelId, name)
    .first<{ status: string; quality: string | null; status_reason: string | null; category: string }>();

async function deliver(channel: MetaChannel, body: unknown) {
  const raw = JSON.stringify(body);
  const res = await postMeta(channel.id, raw, await signMeta(channel.appSecret, raw));
  expect(res.status, res.text).toBe(200);
}

describe("Meta's template webhooks", () => {
  it("apply a rejection with its reason, a quality change and a category change as they arrive", async () => {
    const owner = await quietTenant();
    const channel = await metaChannel(owner);
    await synced(owner, channel);

    await deliver(channel, rejected);
    await deliver(channel, rejected);
    await eventually(async () => expect((await templateRow(channel.id, "abandoned_cart"))?.status).toBe("rejected"));
    expect((await templateRow(channel.id, "abandoned_cart"))!.status_reason).toMatch(/^Your template has parameters placed next to each other .* Separate parameters/);

    await deliver(channel, quality);
    await eventually(async () => expect((await templateRow(channel.id, "welcome_template"))?.quality).toBe("yellow"));
    expect((await templateRow(channel.id, "welcome_template"))!.status).toBe("approved");

    await deliver(channel, {
      object: "whatsapp_business_account",
      entry: [{ id: WABA_ID, time: 1751247600, changes: [{ field: "template_category_update", value: { message_template_id: 806312974732579, message_template_name: "welcome_template", message_template_language: "en_US", previous_category: "UTILITY", new_category: "MARKETING" } }] }],
    });
    await eventually(async () => expect((await templateRow(channel.id, "welcome_template"))?.category).toBe("marketing"));

    // What the dashboard reads.
    const list = await owner.call("GET", "/api/templates?status=rejected");
    expect(list.json.data.map((t: { name: string; statusReason: string | null }) => [t.name, Boolean(t.statusReason)])).toEqual([["abandoned_cart", true]]);
    const byCategory = await owner.call("GET", `/api/templates?category=marketing&language=en_US`);
    expect(byCategory.json.data.map((t: { name: string; quality: string }) => [t.name, t.quality])).toEqual([["welcome_template", "yellow"]]);
  });

  it("another tenant's template with the same Meta id is not touched", async () => {
    const a = await quietTenant();
    const b = await quietTenant();
    const channelA = await metaChannel(a);
    const channelB = await metaChannel(b);
    await synced(a, channelA);
    await synced(b, channelB);
    await deliver(channelA, rejected);
    await eventually(async () => expect((await templateRow(channelA.id, "abandoned_cart"))?.status).toBe("rejected"));
    expect((await templateRow(channelB.id, "abandoned_cart"))!.status).toBe("pending");
  });
});

describe("POST /api/templates/submit", () => {
  const input = (channelId: string) => ({
    channelId,
    name: "order_ready",
    language: "en_US",
    category: "utility",
    components: [{ type: "BODY", text: "Hi {{1}}, your order {{2}} is ready." }],
  });

  it("creates the template at Meta and stores it pending with Meta's id", async () => {
    const owner = await quietTenant();
    const channel = await metaChannel(owner);
    const graph = fakeFetch(json({ id: "594425479261596", status: "PENDING", category: "UTILITY" }));
    const ctx = tenantCtx(owner);
    const created = await submitTemplate(ctx, submitInput(input(channel.id)), graph.fetcher);
    expect(graph.requests).toHaveLength(1);
    expect(graph.requests[0]!.method).toBe("POST");
    expect(graph.requests[0]!.url).toBe(`${ctx.config.WHATSAPP_GRAPH_API_URL.replace(/\/$/, "")}/${WABA_ID}/message_templates`);
    expect(graph.requests[0]!.headers.get("authorization")).toBe(`Bearer ${channel.accessToken}`);
    expect(graph.requests[0]!.body).toEqual({ name: "order_ready", language: "en_US", category: "UTILITY", components: [{ type: "BODY", text: "Hi {{1}}, your order {{2}} is ready." }] });
    expect(created).toMatchObject({ name: "order_ready", status: "pending", source: "meta", channelId: channel.id, providerTemplateId: "594425479261596" });

    // Meta approves it later, by webhook.
    await deliver(channel, {
      object: "whatsapp_business_account",
      entry: [{ id: WABA_ID, time: 1751247700, changes: [{ field: "message_template_status_update", value: { event: "APPROVED", message_template_id: 594425479261596, message_template_name: "order_ready", message_template_language: "en_US", reason: "NONE" } }] }],
    });
    await eventually(async () => expect((await templateRow(channel.id, "order_ready"))?.status).toBe("approved"));

    // The same name again: refused before calling Meta.
    const again = fakeFetch();
    await expect(submitTemplate(ctx, submitInput(input(channel.id)), again.fetcher)).rejects.toThrow(/already has a template named "order_ready"/);
    expect(again.requests).toHaveLength(0);
  });

  it("Meta's refusal is a 422 with its words; a WAHA channel is a 409; another tenant's channel a 404; a bad name a 400", async () => {
    const owner = await quietTenant();
    const channel = await metaChannel(owner);
    const refused = fakeFetch(json({ error: { code: 100, message: "Invalid parameter", error_data: { details: "Template name already exists" } } }, 400));
    await expect(submitTemplate(tenantCtx(owner), submitInput(input(channel.id)), refused.fetcher)).rejects.toMatchObject({ code: "unprocessable", message: expect.stringMatching(/Template name already exists/) });
    expect(await templateRow(channel.id, "order_ready")).toBeNull();

    const waha = await connectWaha(owner);
    const res = await owner.call("POST", "/api/templates/submit", input(waha.id));
    expect(res.status).toBe(409);
    const other = await quietTenant();
    expect((await other.call("POST", "/api/templates/submit", input(channel.id))).status).toBe(404);
    const bad = await owner.call("POST", "/api/templates/submit", { ...input(channel.id), name: "Order Ready" });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe("name");
  });
});

describe("scheduled sync", () => {
  it("re-reads a Meta channel's templates when due, and not again until the interval passed", async () => {
    const owner = await quietTenant();
    const channel = await connectMeta(owner);
    expect((await owner.callWithKey("PATCH", `/api/channels/${channel.id}`, { wabaId: "777000111" })).status).toBe(200);
    const ctx = systemContext(env, () => {});
    const graph = fakeFetch(json({ data: [{ id: "1", name: "hello", language: "en", status: "APPROVED", category: "UTILITY", components: [{ type: "BODY", text: "Hi" }] }] }));
    // Other tenants' channels in this file may be due too: answer them all with an empty list.
    const fetcher = async (url: RequestInfo | URL, init?: RequestInit) =>
      String(url).includes("/777000111/") && graph.requests.length === 0 ? graph.fetcher(url, init) : json({ data: [] });
    await syncDueTemplates(ctx, fetcher as typeof fetch);
    expect((await templateRow(channel.id, "hello"))?.status).toBe("approved");
    const later = fakeFetch();
    await syncDueTemplates(ctx, async (url, init) => (String(url).includes("/777000111/") ? later.fetcher(url, init) : json({ data: [] })));
    expect(later.requests).toHaveLength(0);
  });
});

const submitInput = (v: object) => v as Parameters<typeof submitTemplate>[1];
