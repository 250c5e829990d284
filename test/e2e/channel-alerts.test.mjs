// A channel that stops working reaches people: a WAHA session fails (a signed
// session.status webhook), every page shows the banner with the reason, the
// owner's alert email waits in the outbox (no email provider on the local
// stack) and can be read on the Emails page; when the session works again the
// banner goes away. At 1280 and 375 px.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { BASE_URL, WIDTHS, horizontalOverflow, launchBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

const WEBHOOK_SECRET = "e2e-waha-alert-secret";

function call(page, method, path, body) {
  return page.evaluate(
    async ([m, p, b]) => {
      const res = await fetch(p, { method: m, headers: { "content-type": "application/json" }, body: b === undefined ? undefined : JSON.stringify(b) });
      return { status: res.status, json: await res.json().catch(() => null) };
    },
    [method, path, body],
  );
}

function sessionStatus(channelId, status) {
  const body = JSON.stringify({ event: "session.status", session: "default", timestamp: Date.now(), payload: { status } });
  return fetch(`${BASE_URL}/webhooks/waha/${channelId}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-webhook-hmac": createHmac("sha512", WEBHOOK_SECRET).update(body).digest("hex"), "x-webhook-hmac-algorithm": "sha512" },
    body,
  });
}

async function until(check, what, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("channel alerts", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  for (const viewport of [WIDTHS.desktop, WIDTHS.phone]) {
    test(`a failed WAHA session shows a banner everywhere and an email in the outbox (${viewport.width} px)`, async () => {
      const { context, page, errors } = await newContext(chromium.browser, { viewport });
      try {
        const owner = uniqueUser("Alerts");
        await signUpInBrowser(page, owner);
        const created = await call(page, "POST", "/api/channels", {
          type: "waha",
          name: "Support phone",
          baseUrl: "http://127.0.0.1:3999",
          session: "default",
          apiKey: "waha-api-key-123",
          webhookSecret: WEBHOOK_SECRET,
        });
        assert.equal(created.status, 201, JSON.stringify(created.json));
        const channelId = created.json.id;

        assert.equal((await sessionStatus(channelId, "FAILED")).status, 200);
        // Delivered again by WAHA's retries: still one alert.
        assert.equal((await sessionStatus(channelId, "FAILED")).status, 200);
        await until(async () => (await call(page, "GET", `/api/channels/${channelId}`)).json?.status === "needs_attention", "the channel to be flagged");

        await page.goto("/");
        const banner = page.getByRole("alert", { name: "Channels that need attention" });
        await banner.getByText("Support phone needs attention.").waitFor();
        await banner.getByText("The WAHA session failed; restart it from the channel's WhatsApp session").waitFor();
        assert.equal(await horizontalOverflow(page), 0, "nothing scrolls sideways");
        await screenshot(page, "channel-alert-banner");

        // Every page, not only the overview.
        await page.goto("/contacts");
        await banner.waitFor();
        await banner.getByRole("link", { name: "Fix it in Channels" }).click();
        await page.getByRole("heading", { level: 1, name: "Channels" }).waitFor();
        await banner.waitFor();
        assert.equal(await banner.getByRole("link", { name: "Fix it in Channels" }).count(), 0, "no link to the page you are on");

        // The email that would have been sent, on the Emails page.
        await page.goto("/emails");
        await page.getByRole("heading", { level: 1, name: "Emails" }).waitFor();
        await page.getByRole("heading", { name: "Outbox" }).waitFor();
        const emails = page.getByRole("list", { name: "Emails, newest first" });
        const alert = emails.getByRole("listitem").filter({ hasText: "Support phone stopped working" });
        await alert.waitFor();
        assert.equal(await alert.count(), 1, "one email, however often WAHA repeats itself");
        await alert.getByText(`To ${owner.email} · Channel alert`, { exact: false }).waitFor();
        await alert.getByText("In outbox").waitFor();
        await alert.getByText(/^Read the email/).click();
        await alert.getByText("The WAHA session failed; restart it from the channel's WhatsApp session").waitFor();
        assert.equal(await horizontalOverflow(page), 0, "nothing scrolls sideways");
        await screenshot(page, "emails-outbox");

        // Working again: the banner goes away (read every 30 s; a reload shows it at once).
        assert.equal((await sessionStatus(channelId, "WORKING")).status, 200);
        await until(async () => (await call(page, "GET", `/api/channels/${channelId}`)).json?.status === "connected", "the channel to recover");
        await page.reload();
        await page.getByRole("heading", { level: 1, name: "Emails" }).waitFor();
        await page.getByRole("list", { name: "Emails, newest first" }).waitFor();
        assert.equal(await banner.count(), 0, "no banner once the session works");
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});
