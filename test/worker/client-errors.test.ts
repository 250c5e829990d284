// POST /api/client-errors: the dashboard's own errors, scrubbed, attributed to
// the member's tenant, limited, and forwarded to Sentry (or logged without a DSN).
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createTransport, withSentry } from "@sentry/cloudflare";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../worker/app";
import type { Env } from "../../worker/env";
import { POLICIES } from "../../worker/limits/policies";
import { sentryOptions } from "../../worker/lib/sentry";
import { CLIENT_ERROR_MAX_BYTES } from "../../worker/ops/client-errors";
import { ORIGIN, request, uniqueIp } from "./helpers/api";
import { createTenant } from "./helpers/tenants";
import { withinOneWindow } from "./helpers/wait";

// What a page might have had in hand when it broke: none of it may leave the Worker.
const SECRETS = {
  session: "9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddccbbaa",
  apiKey: "prl_AbCdEfGhIjKlMnOpQrStUvWx",
  queryToken: "qtok-5551234",
  email: "budi.santoso@example.co.id",
  phone: "+62 812-3456-7890",
  invite: "inv0123456789abcdefXYZ",
};

function leakyReport(overrides: Record<string, unknown> = {}) {
  return {
    kind: "render",
    name: "TypeError",
    message: `Cannot read properties of undefined (reading 'name') for ${SECRETS.email} / ${SECRETS.phone}`,
    stack: [
      `TypeError: Cannot read properties of undefined (reading 'name')`,
      `    at ContactCard (${ORIGIN}/assets/contact-Bq3xZ9aQ.js:12:345)`,
      `    at load (${ORIGIN}/api/contacts?search=${encodeURIComponent(SECRETS.email)}&token=${SECRETS.queryToken}:1:2)`,
      `    at cookie parley_session=${SECRETS.session}; Authorization: Bearer ${SECRETS.apiKey}`,
    ].join("\n"),
    componentStack: `\n    at ContactCard (${ORIGIN}/assets/contact-Bq3xZ9aQ.js:12:345)\n    at Outlet`,
    path: `/contacts/ct_01JABCDEFG1234567?tab=notes&phone=${encodeURIComponent(SECRETS.phone)}`,
    release: "2026.12.04-1a2b3c4",
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0",
    ...overrides,
  };
}

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

function expectNoSecrets(text: string) {
  for (const secret of [...Object.values(SECRETS), encodeURIComponent(SECRETS.email), encodeURIComponent(SECRETS.phone)]) {
    expect(text).not.toContain(secret);
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("POST /api/client-errors without a DSN", () => {
  it("accepts a member's report with 204 and logs one scrubbed line attributed to their tenant", async () => {
    const owner = await createTenant();
    const logs = captureLogs();
    const res = await owner.call("POST", "/api/client-errors", leakyReport());
    expect(res.status, res.text).toBe(204);
    expect(res.text).toBe("");

    const reports = logs.entries().filter((e) => e.msg === "dashboard error");
    expect(reports).toEqual([
      expect.objectContaining({
        level: "warn",
        source: "dashboard",
        kind: "render",
        route: "/contacts/:id",
        tenantId: owner.tenant.id,
        signedIn: true,
        name: "TypeError",
        message: "Cannot read properties of undefined (reading 'name') for [email] / [phone]",
        topFrame: `at ContactCard (${ORIGIN}/assets/contact-Bq3xZ9aQ.js:12:345)`,
        release: "2026.12.04-1a2b3c4",
      }),
    ]);
    expectNoSecrets(logs.lines.join("\n"));
    expect(logs.lines.join("\n")).not.toContain(owner.cookie.split("=")[1]!);
  });

  it("accepts a report without a session (the sign-in pages), attributed to no tenant", async () => {
    const logs = captureLogs();
    const res = await request("POST", "/api/client-errors", {
      ip: uniqueIp(),
      origin: ORIGIN,
      body: leakyReport({ kind: "error", path: `/invite/${SECRETS.invite}`, componentStack: undefined }),
    });
    expect(res.status, res.text).toBe(204);
    const [line] = logs.entries().filter((e) => e.msg === "dashboard error");
    expect(line).toMatchObject({ kind: "error", route: "/invite/:token", tenantId: null, signedIn: false });
    expectNoSecrets(logs.lines.join("\n"));
  });
});

describe("POST /api/client-errors refuses bad input", () => {
  it("answers 400 problem+json naming each bad field, and reports nothing", async () => {
    const logs = captureLogs();
    const ip = uniqueIp();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ kind: "render", path: "/inbox" }, "message"],
      [{ kind: "crash", message: "x", path: "/inbox" }, "kind"],
      [{ kind: "error", message: "x", path: "inbox" }, "path"],
      [{ kind: "error", message: "x".repeat(1001), path: "/inbox" }, "message"],
      [{ kind: "api", message: "x", path: "/inbox", status: 404 }, "status"],
      [{ kind: "error", message: "x", path: "/inbox", cookies: "parley_session=abc" }, ""],
    ];
    for (const [body, field] of cases) {
      const res = await request("POST", "/api/client-errors", { ip, origin: ORIGIN, body });
      expect(res.status, res.text).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(res.json.code).toBe("validation_failed");
      if (field) expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(field);
      else expect(res.json.detail).toMatch(/cookies/);
    }
    expect(logs.entries().filter((e) => e.msg === "dashboard error")).toEqual([]);
  });

  it("answers 413 to a body over the limit, before reading it as a report", async () => {
    const res = await request("POST", "/api/client-errors", {
      ip: uniqueIp(),
      origin: ORIGIN,
      headers: { "content-type": "application/json" },
      rawBody: JSON.stringify({ kind: "error", message: "x", path: "/inbox", stack: "y".repeat(CLIENT_ERROR_MAX_BYTES) }),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(res.json.errors).toEqual([{ path: "(body)", message: `must be at most ${CLIENT_ERROR_MAX_BYTES} bytes` }]);
  });

  it("refuses a report sent from another site", async () => {
    const res = await request("POST", "/api/client-errors", { ip: uniqueIp(), origin: "https://evil.example", body: leakyReport() });
    expect(res.status).toBe(403);
  });
});

describe("POST /api/client-errors never fails the browser", () => {
  it("answers 204 and logs the drop when the database is down", async () => {
    const owner = await createTenant();
    const unavailable = () => {
      throw new Error("D1_ERROR: database unavailable");
    };
    const brokenDb = new Proxy({}, { get: () => unavailable }) as D1Database;
    const logs = captureLogs();
    const ctx = createExecutionContext();
    const res = await createApp().fetch(
      new Request(`${ORIGIN}/api/client-errors`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: owner.cookie, origin: ORIGIN },
        body: JSON.stringify(leakyReport()),
      }),
      { ...(env as Env), DB: brokenDb },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(204);
    expect(logs.entries()).toContainEqual(expect.objectContaining({ level: "error", msg: "dashboard error report dropped", status: 500 }));
    expectNoSecrets(logs.lines.join("\n"));
  });
});

describe("POST /api/client-errors rate limits", () => {
  it("limits reports without a session per address, harder than a signed-in tenant's", () =>
    withinOneWindow(POLICIES.clientErrorsAnonymous.windowMs, async () => {
      captureLogs();
      expect(POLICIES.clientErrorsAnonymous.limit).toBeLessThan(POLICIES.clientErrors.limit);
      const ip = uniqueIp();
      const body = { kind: "error", message: "boom", path: "/login" };
      for (let i = 0; i < POLICIES.clientErrorsAnonymous.limit; i++) {
        const res = await request("POST", "/api/client-errors", { ip, origin: ORIGIN, body });
        expect(res.status, res.text).toBe(204);
      }
      const limited = await request("POST", "/api/client-errors", { ip, origin: ORIGIN, body });
      expect(limited.status).toBe(429);
      expect(limited.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(limited.json.detail).toMatch(/Too many error reports from this network/);

      // A signed-in member behind the same address counts against their tenant instead.
      const owner = await createTenant();
      const member = await request("POST", "/api/client-errors", { ip, cookie: owner.cookie, body });
      expect(member.status).toBe(204);
      // Another address is unaffected.
      expect((await request("POST", "/api/client-errors", { ip: uniqueIp(), origin: ORIGIN, body })).status).toBe(204);
    }));

  it("limits a tenant's reports across its members' addresses", () =>
    withinOneWindow(POLICIES.clientErrors.windowMs, async () => {
      captureLogs();
      const owner = await createTenant();
      const body = { kind: "error", message: "boom", path: "/inbox" };
      for (let i = 0; i < POLICIES.clientErrors.limit; i++) {
        const res = await request("POST", "/api/client-errors", { ip: uniqueIp(), cookie: owner.cookie, body });
        expect(res.status, res.text).toBe(204);
      }
      const limited = await request("POST", "/api/client-errors", { ip: uniqueIp(), cookie: owner.cookie, body });
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).not.toBeNull();
      // Another tenant is unaffected.
      const other = await createTenant();
      expect((await other.call("POST", "/api/client-errors", body)).status).toBe(204);
    }));
});

describe("POST /api/client-errors with a DSN", () => {
  /** The Worker's own Sentry setup (sentryOptions, scrubbing included) with a transport that keeps envelopes here. */
  function reportingWorker() {
    const envelopes: string[] = [];
    const app = createApp();
    const handler = withSentry(
      (e: Env) => ({
        ...sentryOptions(e),
        transport: (options) =>
          createTransport(options, async (req) => {
            envelopes.push(typeof req.body === "string" ? req.body : new TextDecoder().decode(req.body));
            return { statusCode: 200 };
          }),
      }),
      { fetch: (req, e, ctx) => app.fetch(req, e, ctx) } satisfies ExportedHandler<Env>,
    );
    const reportingEnv: Env = { ...(env as Env), ENVIRONMENT: "development", SENTRY_DSN: "https://public@o1.ingest.sentry.io/1" };
    const fetch = async (req: Request) => {
      const ctx = createExecutionContext();
      const res = await handler.fetch!(req as Request<unknown, IncomingRequestCfProperties>, reportingEnv, ctx);
      await waitOnExecutionContext(ctx);
      return res;
    };
    /** Events in the envelopes sent since `from` (an envelope: a header line, then item header and payload lines). */
    const events = (from = 0) =>
      envelopes.slice(from).flatMap((raw) => {
        const lines = raw.split("\n");
        const out: Array<Record<string, any>> = [];
        for (let i = 1; i + 1 < lines.length; i += 2) {
          if (JSON.parse(lines[i]!).type === "event") out.push(JSON.parse(lines[i + 1]!));
        }
        return out;
      });
    return { fetch, envelopes, events };
  }

  // The SDK keeps one client per isolate once set up, so both tests share one worker and read the events they caused.
  const worker = reportingWorker();

  it("forwards the report with source, tenant and route tags, scrubbed, and logs no report line", async () => {
    const owner = await createTenant();
    const from = worker.envelopes.length;
    const logs = captureLogs();
    const res = await worker.fetch(
      new Request(`${ORIGIN}/api/client-errors`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: owner.cookie, origin: ORIGIN, "user-agent": "Mozilla/5.0 Chrome/131" },
        body: JSON.stringify(leakyReport()),
      }),
    );
    expect(res.status, await res.clone().text()).toBe(204);

    const events = worker.events(from);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event!.tags).toMatchObject({
      source: "dashboard",
      kind: "render",
      tenant_id: owner.tenant.id,
      route: "/contacts/:id",
      signed_in: "yes",
      dashboard_release: "2026.12.04-1a2b3c4",
    });
    const exception = event!.exception.values.at(-1);
    expect(exception.type).toBe("TypeError");
    expect(exception.value).toBe("Cannot read properties of undefined (reading 'name') for [email] / [phone]");
    // The browser's frames, not the Worker's.
    expect(exception.stacktrace.frames.map((f: { function?: string }) => f.function)).toContain("ContactCard");
    expect(event!.contexts.dashboard).toMatchObject({ route: "/contacts/:id", componentStack: expect.stringContaining("ContactCard") });
    // Of the Worker's own request: no user, no cookie, no query string.
    expect(event!.user).toBeUndefined();
    expect(Object.keys(event!.request?.headers ?? {}).map((h) => h.toLowerCase())).not.toContain("cookie");
    expect(event!.request?.url ?? "").not.toContain("?");

    const sent = worker.envelopes.slice(from).join("\n");
    expectNoSecrets(sent);
    expect(sent).not.toContain(owner.cookie.split("=")[1]!);
    expect(logs.entries().filter((e) => e.msg === "dashboard error")).toEqual([]);
    expectNoSecrets(logs.lines.join("\n"));
  });

  it("forwards an API failure the dashboard saw with its status and request id", async () => {
    const from = worker.envelopes.length;
    const res = await worker.fetch(
      new Request(`${ORIGIN}/api/client-errors`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN, "cf-connecting-ip": uniqueIp() },
        body: JSON.stringify({ kind: "api", message: "GET /api/members answered 500", path: "/team", status: 500, requestId: "req_E2E_SERVER_ERROR" }),
      }),
    );
    expect(res.status).toBe(204);
    const events = worker.events(from);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event!.tags).toMatchObject({ source: "dashboard", kind: "api", route: "/team", api_status: "500", signed_in: "no" });
    expect(event!.tags.tenant_id).toBeUndefined();
    expect(event!.contexts.dashboard.apiRequestId).toBe("req_E2E_SERVER_ERROR");
    expect(event!.exception.values.at(-1).type).toBe("ApiError");
  });
});
