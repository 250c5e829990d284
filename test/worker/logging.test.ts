// One structured log line per request, with credentials never written.
import { afterEach, describe, expect, it, vi } from "vitest";
import { BrowserClient, PASSWORD, request, uniqueEmail } from "./helpers/api";

function captureLogs() {
  const lines: string[] = [];
  for (const level of ["log", "info", "warn", "error"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(" "));
    });
  }
  return {
    lines,
    entries: () => lines.flatMap((l) => (l.startsWith("{") ? [JSON.parse(l) as Record<string, unknown>] : [])),
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("request logs", () => {
  it("write one JSON line per request with method, route, status, duration, tenant and request id", async () => {
    const browser = new BrowserClient();
    const signup = await browser.call("POST", "/api/auth/signup", { email: uniqueEmail(), password: PASSWORD, tenantName: "Logged" });
    expect(signup.status).toBe(201);

    const logs = captureLogs();
    const res = await browser.call("GET", "/api/me", undefined, { headers: { "x-request-id": "log-test-0001" } });
    expect(res.status).toBe(200);

    const requestLines = logs.entries().filter((e) => e.msg === "request");
    expect(requestLines).toEqual([
      expect.objectContaining({
        requestId: "log-test-0001",
        method: "GET",
        route: "/api/me",
        status: 200,
        durationMs: expect.any(Number),
        tenantId: signup.json.tenant.id,
      }),
    ]);
  });

  it("never contain passwords, session tokens, API keys or Authorization headers", async () => {
    const logs = captureLogs();
    const browser = new BrowserClient();
    const email = uniqueEmail();
    const signup = await browser.call("POST", "/api/auth/signup", { email, password: PASSWORD, tenantName: "Secrets" });
    expect(signup.status).toBe(201);
    const token = browser.jar.get("parley_session")!;
    const key = (await browser.call("POST", "/api/api-keys", { name: "logged key" })).json.key as string;
    await request("GET", "/api/me", { bearer: key });
    await request("POST", "/api/auth/login", { body: { email, password: "a wrong password, also secret" } });
    await request("GET", "/api/me", { bearer: "prl_revoked-or-unknown-key-value" });

    expect(logs.lines.length).toBeGreaterThan(0);
    const all = logs.lines.join("\n");
    for (const secret of [PASSWORD, token, key, "a wrong password, also secret", "prl_revoked-or-unknown-key-value"]) {
      expect(all).not.toContain(secret);
    }
  });
});
