// Configuration: production refuses to serve with an insecure setup and says
// why; local runs need no secrets at all.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../worker/app";
import { ConfigError, parseConfig, type Env } from "../../worker/env";

const SECURE: Partial<Env> = {
  ENVIRONMENT: "production",
  PUBLIC_URL: "https://parley.example.com",
  ENCRYPTION_KEY: "0123456789abcdef0123456789abcdef", // 32 bytes
  DEMO_SEED: "false",
  WHATSAPP_GRAPH_API_URL: "https://graph.facebook.com/v21.0",
};

function problemsOf(vars: Partial<Env>): string[] {
  try {
    parseConfig(vars as Env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  return [];
}

describe("parseConfig in production", () => {
  it("accepts a secure configuration", () => {
    const cfg = parseConfig(SECURE as Env);
    expect(cfg.ENVIRONMENT).toBe("production");
    expect(cfg.DEMO_SEED).toBe(false);
    expect(cfg.encryptionKeys[cfg.ENCRYPTION_KEY_VERSION]).toBe(SECURE.ENCRYPTION_KEY);
  });

  it("refuses an email API on localhost, and an email API without its key and sender", () => {
    const email = { EMAIL_API_URL: "https://api.resend.com/emails", EMAIL_API_KEY: "re_live_key", EMAIL_FROM: "Parley <alerts@example.com>" };
    expect(problemsOf({ ...SECURE, ...email })).toEqual([]);
    expect(problemsOf({ ...SECURE, ...email, EMAIL_API_URL: "http://127.0.0.1:9/emails" })).toEqual([expect.stringMatching(/^EMAIL_API_URL must not point at localhost/)]);
    expect(problemsOf({ ...SECURE, EMAIL_API_URL: email.EMAIL_API_URL })).toEqual(["EMAIL_API_URL needs EMAIL_API_KEY and EMAIL_FROM"]);
  });

  it("refuses a missing ENCRYPTION_KEY", () => {
    const { ENCRYPTION_KEY: _, ...vars } = SECURE;
    expect(problemsOf(vars)).toEqual([expect.stringMatching(/^ENCRYPTION_KEY\b.*required/)]);
    expect(problemsOf({ ...vars, ENCRYPTION_KEY: "" })).toEqual([expect.stringMatching(/^ENCRYPTION_KEY\b/)]);
  });

  it("refuses an ENCRYPTION_KEY shorter than 32 bytes", () => {
    expect(problemsOf({ ...SECURE, ENCRYPTION_KEY: "x".repeat(31) })).toEqual([expect.stringMatching(/^ENCRYPTION_KEY\b.*32 bytes/)]);
  });

  it("refuses a missing PUBLIC_URL", () => {
    const { PUBLIC_URL: _, ...vars } = SECURE;
    expect(problemsOf(vars)).toEqual([expect.stringMatching(/^PUBLIC_URL\b/)]);
  });

  for (const local of [
    "http://localhost:8787",
    "http://LOCALHOST",
    "http://app.localhost",
    "http://localhost.:8787",
    "http://127.0.0.1:8787",
    "http://127.1.2.3",
    "http://0.0.0.0:8787",
    "http://[::1]:8787",
    "http://[::ffff:127.0.0.1]:8787",
  ]) {
    it(`refuses PUBLIC_URL and provider URLs pointing at ${local}`, () => {
      expect(problemsOf({ ...SECURE, PUBLIC_URL: local })).toEqual([expect.stringMatching(/^PUBLIC_URL\b.*localhost/)]);
      expect(problemsOf({ ...SECURE, WHATSAPP_GRAPH_API_URL: local })).toEqual([expect.stringMatching(/^WHATSAPP_GRAPH_API_URL\b.*localhost/)]);
      expect(problemsOf({ ...SECURE, AI_PROVIDER: "openai", LLM_BASE_URL: local })).toEqual([expect.stringMatching(/^LLM_BASE_URL\b.*localhost/)]);
    });
  }

  it("refuses demo seeding", () => {
    expect(problemsOf({ ...SECURE, DEMO_SEED: "true" })).toEqual([expect.stringMatching(/^DEMO_SEED\b/)]);
    expect(problemsOf({ ...SECURE, DEMO_SEED: "1" })).toEqual([expect.stringMatching(/^DEMO_SEED\b/)]);
  });

  it("refuses to start with the fault-injection switch set", () => {
    expect(problemsOf({ ...SECURE, FAULT_INJECTION: '{"responder":0.05}' })).toEqual([expect.stringMatching(/^FAULT_INJECTION\b.*test-only/)]);
    expect(problemsOf({ ...SECURE, FAULT_INJECTION: "{}" })).toEqual([expect.stringMatching(/^FAULT_INJECTION\b/)]);
  });

  it("names every problem at once, including malformed values", () => {
    const problems = problemsOf({ ENVIRONMENT: "production", PUBLIC_URL: "not a url", DEMO_SEED: "true", WHATSAPP_GRAPH_API_URL: "http://localhost:9000" });
    for (const name of ["ENCRYPTION_KEY", "PUBLIC_URL", "DEMO_SEED", "WHATSAPP_GRAPH_API_URL"]) {
      expect(problems.some((p) => p.startsWith(name)), `${name} in ${JSON.stringify(problems)}`).toBe(true);
    }
  });
});

describe("parseConfig locally", () => {
  it("needs no secrets and no variables at all", () => {
    const cfg = parseConfig({} as Env);
    expect(cfg.ENVIRONMENT).toBe("development");
    expect(cfg.PUBLIC_URL).toMatch(/^http:\/\/127\.0\.0\.1/);
    expect(Object.keys(cfg.encryptionKeys)).toHaveLength(1);
  });

  it("accepts fault-injection rates outside production and names a wrong point or rate", () => {
    const cfg = parseConfig({ FAULT_INJECTION: '{"conversation.afterInsert":0.05,"outbound.afterProviderAccepted":1,"responder":0}' } as Env);
    expect(cfg.FAULT_INJECTION).toBeDefined();
    expect(problemsOf({ FAULT_INJECTION: '{"conversation.afterInsret":0.05}' })).toEqual([expect.stringMatching(/^FAULT_INJECTION.*unknown point "conversation\.afterInsret"/)]);
    expect(problemsOf({ FAULT_INJECTION: '{"responder":1.5}' })).toEqual([expect.stringMatching(/^FAULT_INJECTION.*"responder".*0 to 1/)]);
    expect(problemsOf({ FAULT_INJECTION: "0.05" })).toEqual([expect.stringMatching(/^FAULT_INJECTION must be a JSON object/)]);
  });

  it("accepts localhost URLs and demo seeding outside production", () => {
    expect(problemsOf({ ENVIRONMENT: "development", PUBLIC_URL: "http://localhost:8787", DEMO_SEED: "true", WHATSAPP_GRAPH_API_URL: "http://127.0.0.1:9999" })).toEqual([]);
  });
});

describe("serving with an insecure production configuration", () => {
  async function fetchWith(vars: Partial<Env>, path: string) {
    const ctx = createExecutionContext();
    const res = await createApp().fetch(new Request(`https://parley.example.com${path}`), { ...env, ...vars }, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  }

  it("answers every request with 500 problem+json naming each problem", async () => {
    // The test bindings (wrangler.toml [vars]) have a localhost PUBLIC_URL, demo seeding on and no key;
    // the Graph API URL is the real one here so that exactly those three problems remain.
    for (const path of ["/api/health", "/api/me", "/api/auth/login"]) {
      const res = await fetchWith({ ENVIRONMENT: "production", WHATSAPP_GRAPH_API_URL: "https://graph.facebook.com/v21.0" }, path);
      expect(res.status).toBe(500);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(res.headers.get("x-request-id")).toMatch(/^req_/);
      const body = await res.json<{ status: number; detail: string; errors: Array<{ path: string; message: string }> }>();
      expect(body.status).toBe(500);
      expect(body.errors.map((e) => e.path).sort()).toEqual(["DEMO_SEED", "ENCRYPTION_KEY", "PUBLIC_URL"]);
      for (const name of ["ENCRYPTION_KEY", "PUBLIC_URL", "DEMO_SEED"]) expect(body.detail).toContain(name);
    }
  });

  it("serves once the configuration is secure, with a __Host- session cookie", async () => {
    const vars = { ...SECURE };
    const health = await fetchWith(vars, "/api/health");
    expect(health.status).toBe(200);

    const ctx = createExecutionContext();
    const signup = await createApp().fetch(
      new Request("https://parley.example.com/api/auth/signup", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "https://parley.example.com", "cf-connecting-ip": "192.0.2.1" },
        body: JSON.stringify({ email: `prod-${crypto.randomUUID()}@example.com`, password: "correct horse battery", tenantName: "Prod" }),
      }),
      { ...env, ...vars },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(signup.status).toBe(201);
    const cookie = signup.headers.getSetCookie().find((c) => c.startsWith("__Host-parley_session="));
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).not.toMatch(/;\s*Domain=/i);
  });
});
