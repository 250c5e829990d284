// Channels: the sandbox is listed as built in; connecting a Meta number in
// the UI shows the webhook URL and verify token; WAHA gets its JSON config;
// disconnecting asks first, naming the channel.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { WIDTHS, horizontalOverflow, launchBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

describe("channels", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  for (const [device, viewport] of Object.entries(WIDTHS)) {
    test(`connect Meta and WAHA, then disconnect (${viewport.width} px)`, async () => {
      const { context, page, errors } = await newContext(chromium.browser, { viewport });
      try {
        await signUpInBrowser(page, uniqueUser(`Channels ${device}`));
        await page.goto("/channels");
        await page.getByRole("heading", { level: 1, name: "Channels" }).waitFor();
        await page.getByText("No WhatsApp number connected yet").waitFor();
        await page.getByText("Built in", { exact: true }).waitFor();
        await screenshot(page, "channels-empty");

        await page.getByRole("button", { name: "Connect a Meta number" }).first().click();
        const meta = page.getByRole("dialog", { name: "Connect a Meta number" });
        await meta.getByRole("button", { name: "Connect number" }).click();
        await meta.getByText("Paste the numeric phone number ID from API Setup").waitFor();
        await meta.getByLabel("Channel name").fill("Sales line");
        // Phone number IDs are unique across Parley, so each run uses its own.
        await meta.getByLabel("Phone number ID").fill(String(Date.now()) + String(Math.floor(Math.random() * 1000)));
        await meta.getByLabel("WhatsApp Business Account ID").fill("9876543210");
        await meta.getByLabel("Display phone number").fill("+62 812 3456 7890");
        await meta.getByLabel("Permanent access token").fill("EAAG-test-access-token");
        await meta.getByLabel("App secret").fill("test-app-secret-123");
        await screenshot(page, "channels-connect-meta", { fullPage: false });
        await meta.getByRole("button", { name: "Connect number" }).click();
        const done = page.getByRole("dialog", { name: "Sales line is saved: finish the setup" });
        const webhookUrl = await done.getByRole("textbox", { name: "Webhook URL" }).inputValue();
        const verifyToken = await done.getByRole("textbox", { name: "Verify token" }).inputValue();
        assert.match(webhookUrl, /\/webhooks\/meta\/\w+/);
        assert.ok(verifyToken.length >= 16, "a verify token is shown");
        await done.getByRole("button", { name: "Copy webhook url" }).waitFor();
        await done.getByText("subscribe to messages", { exact: false }).waitFor();
        await screenshot(page, "channels-meta-created", { fullPage: false });
        await done.getByRole("button", { name: "Done" }).click();

        await page.getByRole("button", { name: "Connect WAHA" }).first().click();
        const waha = page.getByRole("dialog", { name: "Connect WAHA" });
        await waha.getByLabel("Channel name").fill("Support phone");
        await waha.getByLabel("WAHA base URL").fill("https://waha.example.com");
        await waha.getByLabel("WAHA API key").fill("waha-api-key-123");
        await waha.getByRole("button", { name: "Generate" }).click();
        const secret = await waha.getByLabel("Webhook secret").inputValue();
        assert.equal(secret.length, 64);
        await waha.getByRole("button", { name: "Connect WAHA" }).click();
        const wahaDone = page.getByRole("dialog", { name: "Support phone is saved: finish the setup" });
        await wahaDone.getByText(secret, { exact: false }).waitFor();
        await wahaDone.getByText('"message.ack"', { exact: false }).waitFor();
        await wahaDone.getByRole("button", { name: "Done" }).click();

        await page.getByText("Sales line", { exact: true }).waitFor();
        await page.getByText("Support phone", { exact: true }).waitFor();
        await screenshot(page, "channels");
        assert.ok((await horizontalOverflow(page)) <= 0, "channels page fits");

        await page.getByRole("button", { name: "Disconnect Support phone" }).click();
        const confirm = page.getByRole("alertdialog", { name: "Disconnect Support phone?" });
        await confirm.getByRole("button", { name: "Disconnect" }).click();
        await confirm.waitFor({ state: "detached" });
        await page.getByText("Support phone", { exact: true }).waitFor({ state: "detached" });
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});
