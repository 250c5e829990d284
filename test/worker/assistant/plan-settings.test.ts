// The price of an answer and the models a tenant may pick belong to the plan:
// bot settings cannot switch billing off or run any model on the platform's key.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { loadBotSettings } from "../../../worker/ai/settings";
import { systemContext } from "../../../worker/lib/system-context";
import { createTenant } from "../helpers/tenants";

const ctx = () => systemContext(env, () => {});

describe("plan-owned bot settings", () => {
  it("refuses creditCostPerAnswer by name and keeps charging the plan's price", async () => {
    const owner = await createTenant();
    const res = await owner.callWithKey("PATCH", "/api/bot-settings", { creditCostPerAnswer: 0 });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(["creditCostPerAnswer"]);
    const settings = await owner.callWithKey("GET", "/api/bot-settings");
    expect(settings.json.creditCostPerAnswer).toBe(1);
  });

  it("lets a tenant choose only among its plan's models", async () => {
    const owner = await createTenant();
    const refused = await owner.callWithKey("PATCH", "/api/bot-settings", { provider: { name: "openai", model: "gpt-4o" } });
    expect(refused.status).toBe(400);
    expect(refused.json.errors.map((e: { path: string }) => e.path)).toEqual(["provider.model"]);
    expect(refused.json.detail).toContain("gpt-4o-mini");
    const other = await owner.callWithKey("PATCH", "/api/bot-settings", { provider: { name: "workers-ai", model: "@cf/some/huge-model" } });
    expect(other.status).toBe(400);

    const ok = await owner.callWithKey("PATCH", "/api/bot-settings", { provider: { name: "openai", model: "gpt-4o-mini" } });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json.provider).toMatchObject({ name: "openai", model: "gpt-4o-mini" });
    expect(ok.json.allowedModels.openai).toEqual(["gpt-4o-mini"]);

    // A bigger plan allows more.
    await env.DB.prepare("UPDATE tenants SET plan = 'scale' WHERE id = ?").bind(owner.tenant.id).run();
    const bigger = await owner.callWithKey("PATCH", "/api/bot-settings", { provider: { name: "openai", model: "gpt-4o" } });
    expect(bigger.status, bigger.text).toBe(200);
  });

  it("ignores a price or model saved before the plan owned them", async () => {
    const owner = await createTenant();
    await env.DB.prepare("INSERT INTO bot_settings (tenant_id, settings, updated_at) VALUES (?, ?, ?)")
      .bind(owner.tenant.id, JSON.stringify({ creditCostPerAnswer: 0, provider: { name: "openai", model: "gpt-4-32k" } }), Date.now())
      .run();
    const settings = await loadBotSettings(ctx(), owner.tenant.id);
    expect(settings.creditCostPerAnswer).toBe(1);
    expect(settings.provider.name).toBe("openai");
    expect(settings.provider.model).toBeUndefined();
  });
});
