// The email provider seam: one POST per email to the configured HTTP API, with
// the email's id as Idempotency-Key; retried with backoff on 5xx and network
// errors, never after the provider accepted it; the body is not kept once sent.
// Without a provider the email stays in the outbox, except a password reset in
// production.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Ctx } from "../../../worker/lib/context";
import { systemContext } from "../../../worker/lib/system-context";
import { emailProvider } from "../../../worker/notify/email";
import { MAX_EMAIL_ATTEMPTS, retryDueEmails, sendEmails, type EmailDraft } from "../../../worker/notify/outbox";
import { fakeFetch, json } from "../channels/helpers";

const EMAIL_API_URL = "http://127.0.0.1:9/emails";

function context(opts: { provider?: boolean; production?: boolean; now?: number } = {}): Ctx & { clock: { now: number } } {
  const base = systemContext(env, () => {});
  const clock = { now: opts.now ?? Date.now() };
  const config = {
    ...base.config,
    ...(opts.provider ? { EMAIL_API_URL, EMAIL_API_KEY: "re_test_key_123", EMAIL_FROM: "Parley <alerts@example.com>" } : {}),
    ...(opts.production ? { ENVIRONMENT: "production" as const } : {}),
  };
  return { ...base, config, now: () => clock.now, clock };
}

const draft = (over: Partial<EmailDraft> = {}): EmailDraft => ({
  tenantId: "ten_" + crypto.randomUUID(),
  userId: null,
  kind: "channel_alert",
  dedupeKey: "k:" + crypto.randomUUID(),
  to: "Owner@Example.com",
  subject: "Sales line stopped working",
  text: "The WAHA session failed.",
  ...over,
});

const rowsFor = (tenantId: string) =>
  env.DB.prepare("SELECT id, status, body, attempts, provider_message_id, last_error, next_attempt_at FROM emails WHERE tenant_id = ?")
    .bind(tenantId)
    .all<{ id: string; status: string; body: string | null; attempts: number; provider_message_id: string | null; last_error: string | null; next_attempt_at: number | null }>()
    .then((r) => r.results);

describe("the email provider", () => {
  it("posts once with the key, sender and Idempotency-Key, then forgets the body", async () => {
    const ctx = context({ provider: true });
    const { fetcher, requests } = fakeFetch(json({ id: "re_msg_1" }));
    const d = draft();
    await sendEmails(ctx, [d, { ...d }], emailProvider(ctx.config, fetcher));
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe(EMAIL_API_URL);
    expect(requests[0]!.headers.get("authorization")).toBe("Bearer re_test_key_123");
    expect(requests[0]!.body).toEqual({ from: "Parley <alerts@example.com>", to: ["owner@example.com"], subject: d.subject, text: d.text });
    const [row] = await rowsFor(d.tenantId!);
    expect(requests[0]!.headers.get("idempotency-key")).toBe(row!.id);
    expect(row).toMatchObject({ status: "sent", body: null, attempts: 1, provider_message_id: "re_msg_1" });
  });

  it("retries a 5xx on the cron's schedule and gives up after the last attempt; a 4xx fails at once", async () => {
    const ctx = context({ provider: true });
    const d = draft();
    const down = () => json({ message: "upstream down" }, 503);
    const first = fakeFetch(down());
    await sendEmails(ctx, [d], emailProvider(ctx.config, first.fetcher));
    let [row] = await rowsFor(d.tenantId!);
    expect(row).toMatchObject({ status: "pending", attempts: 1, last_error: "the email provider answered 503: upstream down" });
    // Not due yet: the cron leaves it.
    const early = fakeFetch();
    await retryDueEmails(ctx, emailProvider(ctx.config, early.fetcher));
    expect(early.requests).toHaveLength(0);
    for (let attempt = 2; attempt <= MAX_EMAIL_ATTEMPTS; attempt++) {
      ctx.clock.now = row!.next_attempt_at! + 1;
      const again = fakeFetch(down());
      await retryDueEmails(ctx, emailProvider(ctx.config, again.fetcher));
      expect(again.requests).toHaveLength(1);
      [row] = await rowsFor(d.tenantId!);
      expect(row!.attempts).toBe(attempt);
    }
    expect(row).toMatchObject({ status: "failed", body: null });

    const refused = draft();
    const bad = fakeFetch(json({ message: "invalid from address" }, 422));
    await sendEmails(ctx, [refused], emailProvider(ctx.config, bad.fetcher));
    expect((await rowsFor(refused.tenantId!))[0]).toMatchObject({ status: "failed", attempts: 1, last_error: "the email provider answered 422: invalid from address" });
  });

  it("a send that died mid-way is picked up by the cron once its lease ends", async () => {
    const ctx = context({ provider: true });
    const d = draft();
    const lost = fakeFetch(new Error("connection reset"));
    await sendEmails(ctx, [d], emailProvider(ctx.config, lost.fetcher));
    const [row] = await rowsFor(d.tenantId!);
    expect(row).toMatchObject({ status: "pending", attempts: 1, last_error: "the email provider could not be reached" });
    ctx.clock.now = row!.next_attempt_at! + 1;
    const ok = fakeFetch(json({ id: "re_msg_2" }));
    await retryDueEmails(ctx, emailProvider(ctx.config, ok.fetcher));
    expect((await rowsFor(d.tenantId!))[0]).toMatchObject({ status: "sent", attempts: 2 });
  });
});

describe("without a provider", () => {
  it("keeps the email in the outbox with its body", async () => {
    const ctx = context();
    const d = draft();
    await sendEmails(ctx, [d]);
    expect((await rowsFor(d.tenantId!))[0]).toMatchObject({ status: "outbox", body: d.text, attempts: 0 });
  });

  it("never keeps a password-reset link in a production outbox", async () => {
    const ctx = context({ production: true });
    const reset = draft({ kind: "password_reset" });
    const alert = draft({ tenantId: reset.tenantId });
    await sendEmails(ctx, [reset, alert]);
    expect((await rowsFor(reset.tenantId!)).map((r) => r.body)).toEqual([alert.text]);
  });
});
