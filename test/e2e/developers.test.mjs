// Developers: a webhook endpoint is created, its secret is shown once, a test
// event is delivered to a local server and appears in the delivery log.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, describe, test } from "node:test";
import { WIDTHS, horizontalOverflow, launchBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

describe("developers", { skip: skipReason }, () => {
  let chromium;
  let receiver;
  const received = [];
  before(async () => {
    chromium = await launchBrowser();
    receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(200, { "content-type": "text/plain" }).end("thanks from the test receiver");
      });
    });
    await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
  });
  after(async () => {
    await chromium?.close();
    await new Promise((r) => receiver?.close(r));
  });

  test("creating a webhook endpoint shows the secret once; a test event shows in the log", async () => {
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      await signUpInBrowser(page, uniqueUser("Hooks"));
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Developers" }).click();
      await page.getByRole("heading", { level: 1, name: "Developers" }).waitFor();
      await page.getByText("No webhook endpoints yet").waitFor();
      await page.getByText("No dead letters").waitFor();
      assert.equal(await page.getByRole("main").getByRole("link", { name: /API reference/ }).getAttribute("href"), "/api/docs");
      await page.getByRole("main").getByRole("link", { name: /API keys/ }).waitFor();
      await screenshot(page, "developers-empty");

      await page.getByRole("button", { name: "Add endpoint" }).click();
      const dialog = page.getByRole("dialog", { name: "Add a webhook endpoint" });
      await dialog.getByRole("button", { name: "Add endpoint" }).click();
      await dialog.getByText("Enter the URL Parley should send events to").waitFor();
      const url = `http://127.0.0.1:${receiver.address().port}/hooks`;
      await dialog.getByLabel("Endpoint URL").fill(url);
      await dialog.getByLabel(/^All events/).uncheck();
      await dialog.getByLabel(/message\.received/).check();
      await screenshot(page, "webhook-create", { fullPage: false });
      await dialog.getByRole("button", { name: "Add endpoint" }).click();

      const secretDialog = page.getByRole("dialog", { name: "Your endpoint is ready" });
      await secretDialog.getByText("You won't see this secret again").waitFor();
      const secret = await secretDialog.getByRole("textbox", { name: "Signing secret" }).inputValue();
      assert.match(secret, /^whsec_/);
      await screenshot(page, "webhook-secret", { fullPage: false });
      await secretDialog.getByRole("button", { name: "I've copied it" }).click();

      await page.getByRole("heading", { level: 1, name: "Webhook endpoint" }).waitFor();
      assert.equal((await page.content()).includes(secret), false, "the secret is not shown again");
      await page.getByText("Nothing sent yet").waitFor();

      await page.getByRole("button", { name: "Send test event" }).click();
      await page.getByRole("status").filter({ hasText: "Test message.received event on its way" }).waitFor();
      const row = page.getByRole("row", { name: /message\.received/ });
      await row.getByText("HTTP 200").waitFor({ timeout: 20_000 });
      await row.getByText("Delivered").waitFor();
      assert.ok(received.length >= 1, "the receiver got the event");
      await row.getByRole("button", { name: /Details/ }).click();
      const detail = page.getByRole("dialog", { name: "message.received delivery" });
      await detail.getByText("thanks from the test receiver").waitFor();
      await detail.getByText(/\d+ ms/).first().waitFor();
      await screenshot(page, "webhook-delivery", { fullPage: false });
      await detail.getByRole("button", { name: "Close", exact: true }).last().click();
      await screenshot(page, "webhook-endpoint");

      // Rotating shows the new secret once.
      await page.getByRole("button", { name: "Rotate secret" }).click();
      await page.getByRole("alertdialog", { name: "Rotate the signing secret?" }).getByRole("button", { name: "Rotate secret" }).click();
      const rotated = page.getByRole("dialog", { name: "Your new signing secret" });
      const second = await rotated.getByRole("textbox", { name: "Signing secret" }).inputValue();
      assert.notEqual(second, secret);
      await rotated.getByRole("button", { name: "I've copied it" }).click();

      await page.setViewportSize(WIDTHS.phone);
      assert.equal(await horizontalOverflow(page), 0, "the endpoint page fits 375 px");
      await screenshot(page, "webhook-endpoint");
      await page.goto("/developers");
      await page.getByRole("row", { name: /127\.0\.0\.1/ }).waitFor();
      assert.equal(await horizontalOverflow(page), 0, "the developers page fits 375 px");
      await screenshot(page, "developers");
      await page.setViewportSize(WIDTHS.desktop);
      await screenshot(page, "developers");

      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
