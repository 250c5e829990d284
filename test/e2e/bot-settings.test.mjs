// Bot studio's advanced settings: an owner changes how long the assistant waits
// for follow-up messages, which messages are too old to answer and how closely
// the knowledge must match; after a reload the values are kept. An
// out-of-range value is refused next to its field.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { WIDTHS, expectNoA11yViolations, horizontalOverflow, launchBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

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
      const sections = page.getByRole("navigation", { name: "Bot studio sections" });
      await sections.getByRole("link", { name: "Advanced" }).click();
      await page.waitForURL(/\/bot\/advanced$/);
      // Try your bot stays beside every section.
      await page.getByLabel("Message as a test customer").waitFor();

      const assistant = page.getByRole("form", { name: "Assistant settings" });
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

      // Saved: moving to another section asks nothing.
      await sections.getByRole("link", { name: "Hours and handoff" }).click();
      await page.waitForURL(/\/bot\/hours$/);
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
      assert.equal(await match.inputValue(), "75");
      await sections.getByRole("link", { name: "Advanced" }).click();
      assert.equal(await burst.inputValue(), "5");
      assert.equal(await staleAmount.inputValue(), "2");
      assert.equal(await staleUnit.inputValue(), "days");

      // The server's limit is 7 days: 8 days is refused next to the field.
      await staleAmount.fill("8");
      await assistant.getByRole("button", { name: "Save assistant settings" }).click();
      await assistant.getByText("Use a time from 1 minute to 7 days").waitFor();
      await screenshot(page, "bot-settings", { fullPage: false });
      assert.ok((await horizontalOverflow(page)) <= 0, "bot studio fits");
      await expectNoA11yViolations(page, "bot studio, advanced");

      // Unsaved changes: leaving the section asks first; Stay keeps the edit.
      await sections.getByRole("link", { name: "Hours and handoff" }).click();
      const leave = page.getByRole("alertdialog", { name: "Leave without saving?" });
      await leave.waitFor();
      await expectNoA11yViolations(page, "unsaved changes dialog");
      await screenshot(page, "bot-unsaved-changes", { fullPage: false });
      await leave.getByRole("button", { name: "Stay and save" }).click();
      await leave.waitFor({ state: "detached" });
      assert.match(page.url(), /\/bot\/advanced$/);
      assert.equal(await staleAmount.inputValue(), "8");
      await sections.getByRole("link", { name: "Hours and handoff" }).click();
      await leave.getByRole("button", { name: "Leave without saving" }).click();
      await page.waitForURL(/\/bot\/hours$/);
      await match.scrollIntoViewIfNeeded();
      await screenshot(page, "bot-settings-handoff", { fullPage: false });
      await expectNoA11yViolations(page, "bot studio, hours and handoff");

      await page.setViewportSize(WIDTHS.phone);
      await match.scrollIntoViewIfNeeded();
      assert.ok((await horizontalOverflow(page)) <= 0, "bot studio fits at 375 px");
      await screenshot(page, "bot-settings-handoff", { fullPage: false });
      await sections.getByRole("link", { name: "Persona" }).click();
      await page.getByLabel("Bot name").waitFor();
      assert.ok((await horizontalOverflow(page)) <= 0, "the persona section fits at 375 px");
      await screenshot(page, "bot-persona");

      // Closing the tab with an unsaved edit asks the browser's own question.
      await page.getByLabel("Bot name").fill("Sari");
      const dialogType = new Promise((resolve) =>
        page.once("dialog", async (d) => {
          resolve(d.type());
          await d.accept();
        }),
      );
      await page.close({ runBeforeUnload: true });
      assert.equal(await dialogType, "beforeunload");

      assert.deepEqual(errors, []);
    } finally {
      // The page was closed on purpose above (beforeunload); the context may already be gone with it.
      await context.close().catch(() => undefined);
    }
  });
});
