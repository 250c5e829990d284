// A WAHA gateway's baseUrl is called with the channel's API key: in production it
// cannot name an internal host (SSRF); locally a gateway on this machine is fine.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createChannel, updateChannel } from "../../../worker/channels/store";
import { AppError } from "../../../worker/http/errors";
import type { TenantCtx } from "../../../worker/lib/context";
import { systemContext } from "../../../worker/lib/system-context";
import { connectWaha } from "../helpers/channels";
import { createTenant } from "../helpers/tenants";

function productionCtx(tenantId: string): TenantCtx {
  const base = systemContext(env, () => {});
  return { ...base, config: { ...base.config, ENVIRONMENT: "production" }, tenantId, actor: { type: "system", id: null }, role: "owner", userId: null } as TenantCtx;
}

const waha = (baseUrl: string) => ({ type: "waha" as const, name: "Gateway", baseUrl, session: "default", apiKey: "waha-api-key-123", webhookSecret: "waha-webhook-secret-123" });

async function refusal(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("WAHA baseUrl in production", () => {
  it.each([
    "https://127.0.0.1:3000",
    "https://localhost",
    "https://10.0.0.5",
    "https://192.168.1.20:3000",
    "https://169.254.169.254/latest/meta-data",
    "https://metadata.google.internal",
    "https://[::1]",
    "https://waha.local",
  ])("refuses %s, naming the field", async (url) => {
    const owner = await createTenant();
    const err = await refusal(createChannel(productionCtx(owner.tenant.id), waha(url)));
    expect(err.code).toBe("validation_failed");
    expect(err.message).toMatch(/^baseUrl: /);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM channels WHERE tenant_id = ? AND type = 'waha'").bind(owner.tenant.id).first<{ n: number }>();
    expect(rows!.n).toBe(0);
  });

  it("refuses an internal host when the URL is changed later too", async () => {
    const owner = await createTenant();
    const channel = await connectWaha(owner);
    const err = await refusal(updateChannel(productionCtx(owner.tenant.id), channel.id, { baseUrl: "https://169.254.169.254" }));
    expect(err.message).toMatch(/^baseUrl: /);
  });

  it("accepts a public https gateway", async () => {
    const owner = await createTenant();
    const view = await createChannel(productionCtx(owner.tenant.id), waha("https://waha.example.com"));
    expect(view).toMatchObject({ type: "waha", baseUrl: "https://waha.example.com" });
  });
});
