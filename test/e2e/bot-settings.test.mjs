// Bot studio's advanced settings: an owner changes how long the assistant waits
// for follow-up messages, which messages are too old to answer and how closely
// the knowledge must match; after a reload the values are kept. An
// out-of-range value is refused next to its field.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { WIDTHS, horizontalOverflow, launchBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

describe("bot settings", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  test("advanced settings are saved, kept after a reload, and checked", async () => {
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      await signUpInBrowser(page, uniqueUser("Settings"));
      await page.goto("/bot");
      await page.getByRole("heading", { level: 1, name: "Bot studio" }).waitFor();

      const assistant = page.getByRole("form", { name: "Assistant settings" });
      await assistant.getByText("Advanced: timing and credit alerts").click();
      const burst = assistant.getByLabel("Wait for follow-up messages (seconds)");
      const staleAmount = assistant.getByLabel("Don't answer messages older than");
      const staleUnit = assistant.getByLabel("Unit", { exact: true });
      // The defaults, in plain units: 3 seconds, 1 hour, 15 seconds, 20 %.
      assert.equal(await burst.inputValue(), "3");
      assert.equal(await staleAmount.inputValue(), "1");
      assert.equal(await staleUnit.inputValue(), "hours");
      assert.equal(await assistant.getByLabel("Wait for the AI service at most (seconds)").inputValue(), "15");
      assert.equal(await assistant.getByLabel("Low-credit alert below (% of monthly credits)").inputValue(), "20");

      // Out of range: refused next to the field, nothing saved.
      await burst.fill("45");
      await assistant.getByRole("button", { name: "Save assistant settings" }).click();
      await assistant.getByText("Use a number of seconds from 0 to 30").waitFor();
      assert.equal(await burst.getAttribute("aria-invalid"), "true");
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "burstSeconds", "the field that needs attention has focus");
      await screenshot(page, "bot-settings-invalid", { fullPage: false });

      await burst.fill("5");
      await staleAmount.fill("2");
      await staleUnit.selectOption("days");
      await assistant.getByRole("button", { name: "Save assistant settings" }).click();
      await page.getByText("Assistant settings saved").waitFor();

      const handoff = page.getByRole("form", { name: "Handoff and opt-out" });
      const match = handoff.getByLabel("How closely the knowledge must match (%)");
      assert.equal(await match.inputValue(), "50");
      await match.fill("75");
      await handoff.getByText(/^Before answering.*Strict:/).waitFor();
      await handoff.getByRole("button", { name: "Save handoff rules" }).click();
      await page.getByText("Handoff rules saved").waitFor();

      // The API stores them in its own units.
      const saved = await page.evaluate(async () => (await fetch("/api/bot-settings")).json());
      assert.equal(saved.burstSeconds, 5);
      assert.equal(saved.staleMessageSeconds, 2 * 86_400);
      assert.equal(saved.handoff.minConfidence, 0.75);

      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Bot studio" }).waitFor();
      await assistant.getByText("Advanced: timing and credit alerts").click();
      assert.equal(await burst.inputValue(), "5");
      assert.equal(await staleAmount.inputValue(), "2");
      assert.equal(await staleUnit.inputValue(), "days");
      assert.equal(await match.inputValue(), "75");

      // The server's limit is 7 days: 8 days is refused next to the field.
      await staleAmount.fill("8");
      await assistant.getByRole("button", { name: "Save assistant settings" }).click();
      await assistant.getByText("Use a time from 1 minute to 7 days").waitFor();
      await assistant.getByText("Advanced: timing and credit alerts").scrollIntoViewIfNeeded();
      await screenshot(page, "bot-settings", { fullPage: false });
      assert.ok((await horizontalOverflow(page)) <= 0, "bot studio fits");
      await match.scrollIntoViewIfNeeded();
      await screenshot(page, "bot-settings-handoff", { fullPage: false });

      await page.setViewportSize(WIDTHS.phone);
      await assistant.getByText("Use a time from 1 minute to 7 days").scrollIntoViewIfNeeded();
      assert.ok((await horizontalOverflow(page)) <= 0, "bot studio fits at 375 px");
      await screenshot(page, "bot-settings", { fullPage: false });
      await match.scrollIntoViewIfNeeded();
      await screenshot(page, "bot-settings-handoff", { fullPage: false });

      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
