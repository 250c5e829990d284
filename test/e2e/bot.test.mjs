// Bot studio, end to end as a new owner would do it: sign up, log in, add a
// knowledge entry, ask Try your bot (no channel connected) and get an answer
// quoting it with its source; then the credits page shows the answer's cost.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { WIDTHS, horizontalOverflow, launchBrowser, logInInBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

const ENTRY = { title: "What are your opening hours?", content: "We are open Monday to Saturday from 9:00 to 18:00. On Sunday we are closed." };

describe("bot studio", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  test("signup → login → with no channel connected, Try your bot answers from a knowledge entry added in the UI", async () => {
    const owner = uniqueUser("Bot");
    const signup = await newContext(chromium.browser);
    try {
      await signUpInBrowser(signup.page, owner);
      assert.deepEqual(signup.errors, []);
    } finally {
      await signup.context.close();
    }

    const { context, page, errors } = await newContext(chromium.browser);
    try {
      await logInInBrowser(page, owner);
      await page.getByRole("complementary", { name: "Sidebar" }).getByRole("link", { name: "Bot studio" }).click();
      await page.getByRole("heading", { level: 1, name: "Bot studio" }).waitFor();
      await page.getByText("Your knowledge base is empty").waitFor();
      await screenshot(page, "bot-empty");

      // Add an entry; a blank answer is refused next to the field first.
      await page.getByRole("button", { name: "Add your first entry" }).click();
      const dialog = page.getByRole("dialog", { name: "Add knowledge entry" });
      await dialog.getByLabel("Question or topic").fill(ENTRY.title);
      await dialog.getByRole("button", { name: "Add entry" }).click();
      await dialog.getByText("Write the answer the assistant should give").waitFor();
      await dialog.getByLabel("Answer").fill(ENTRY.content);
      await dialog.getByRole("button", { name: "Add entry" }).click();
      await dialog.waitFor({ state: "detached" });
      const entries = page.getByRole("list", { name: "Entries" });
      await entries.getByText(ENTRY.title).waitFor();

      // Search uses the assistant's own lookup.
      await page.getByRole("searchbox", { name: "Search the knowledge base" }).fill("opening hours");
      await page.getByRole("list", { name: "Matching entries" }).getByText(ENTRY.title).waitFor();
      await page.getByRole("searchbox", { name: "Search the knowledge base" }).fill("");
      await entries.waitFor();

      // Ask as a test customer.
      const log = page.getByRole("log", { name: "Test conversation" });
      await page.getByLabel("Message as a test customer").fill("What are your opening hours?");
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await log.getByText("You (test customer)").waitFor();
      const answer = log.locator(".chat-msg-bot").filter({ hasText: "Sources:" });
      await answer.waitFor({ timeout: 30_000 });
      assert.match(await answer.innerText(), /9:00/);
      assert.match(await answer.locator(".chat-sources").innerText(), /What are your opening hours\?/);
      await screenshot(page, "bot");
      assert.ok((await horizontalOverflow(page)) <= 0, "bot studio fits");

      // Ask for a person: the handoff is shown with a way back to the bot.
      await page.getByLabel("Message as a test customer").fill("I want to talk to a human agent");
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await log.getByText(/Handed to a human: the customer asked for a person/).waitFor({ timeout: 30_000 });
      await page.getByRole("button", { name: "Hand back to the bot" }).click();
      await page.getByRole("button", { name: "Hand back to the bot" }).waitFor({ state: "detached" });

      // The answer used a credit: the credits page shows it.
      await page.goto("/credits");
      await page.getByRole("heading", { level: 1, name: "Credits" }).waitFor();
      await page.locator("dt", { hasText: "Balance" }).waitFor();
      const ledger = page.getByRole("region", { name: "Credit history" });
      await ledger.getByRole("cell", { name: "Bot answer" }).first().waitFor();
      await ledger.getByRole("cell", { name: "Monthly credits" }).waitFor();
      await screenshot(page, "credits");
      assert.ok((await horizontalOverflow(page)) <= 0, "credits page fits");

      // The same pages on a phone.
      const phone = await newContext(chromium.browser, { viewport: WIDTHS.phone });
      try {
        await logInInBrowser(phone.page, owner);
        for (const [path, heading, name] of [
          ["/bot", "Bot studio", "bot"],
          ["/credits", "Credits", "credits"],
        ]) {
          await phone.page.goto(path);
          await phone.page.getByRole("heading", { level: 1, name: heading }).waitFor();
          if (name === "bot") await phone.page.getByRole("log", { name: "Test conversation" }).waitFor();
          if (name === "credits") await phone.page.getByRole("cell", { name: "Bot answer" }).first().waitFor();
          await screenshot(phone.page, name);
          assert.ok((await horizontalOverflow(phone.page)) <= 0, `${heading} fits at 375 px`);
        }
        assert.deepEqual(phone.errors, []);
      } finally {
        await phone.context.close();
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("importing Markdown shows a preview and clear errors", async () => {
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      await signUpInBrowser(page, uniqueUser("Import"));
      await page.goto("/bot");
      await page.getByRole("button", { name: "Import", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Import knowledge" });
      await dialog.getByLabel("Or paste the content").fill("no headings here");
      await dialog.getByText("This can't be imported yet").waitFor();
      assert.equal(await dialog.getByRole("button", { name: "Import", exact: true }).isDisabled(), true);
      await dialog.getByLabel("Or paste the content").fill("# Delivery\nWe deliver in the city.\n\n# Empty\n\n# Payment\nWe accept cards and transfers.");
      await dialog.getByText("Will create 2 entries; 1 skipped.").waitFor();
      await dialog.getByText("“Empty” has no text under its heading.").waitFor();
      await screenshot(page, "bot-import", { fullPage: false });
      await dialog.getByRole("button", { name: "Import 2 entries" }).click();
      await dialog.waitFor({ state: "detached" });
      await page.getByRole("list", { name: "Entries" }).getByText("Payment").waitFor();
      await page.getByRole("list", { name: "Entries" }).getByText("Delivery").waitFor();

      // Delete asks first and names the entry.
      await page.getByRole("button", { name: "Delete “Payment”" }).click();
      const confirm = page.getByRole("alertdialog", { name: "Delete this entry?" });
      await confirm.getByText("“Payment” will no longer be used").waitFor();
      await confirm.getByRole("button", { name: "Delete entry" }).click();
      await page.getByRole("list", { name: "Entries" }).getByText("Payment").waitFor({ state: "detached" });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
