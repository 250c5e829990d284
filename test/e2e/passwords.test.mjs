// Passwords: a signed-in owner changes theirs from "Your account" (the current
// one is required); someone who forgot theirs asks for a link on the login page,
// opens it (read from the outbox: the local stack has no email provider), sets
// a new one, logs in with it, and the link does not work twice. At 1280 and 375 px.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { WIDTHS, horizontalOverflow, launchBrowser, logInInBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

describe("passwords", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  for (const viewport of [WIDTHS.desktop, WIDTHS.phone]) {
    test(`change a password, then reset a forgotten one by email (${viewport.width} px)`, async () => {
      const first = await newContext(chromium.browser, { viewport });
      const second = await newContext(chromium.browser, { viewport });
      try {
        const { page } = first;
        const owner = uniqueUser("Passwords");
        await signUpInBrowser(page, owner);

        // Change it from the account menu.
        await page.getByRole("button", { name: "Account menu" }).click();
        await page.getByRole("link", { name: "Your account and password" }).click();
        await page.getByRole("heading", { level: 1, name: "Your account" }).waitFor();
        const form = page.getByRole("form", { name: "Change password" });
        await form.getByLabel("Current password", { exact: true }).fill("not my password at all");
        await form.getByLabel("New password", { exact: true }).fill("first-new-passphrase-1");
        await form.getByLabel("Type the new password again").fill("first-new-passphrase-2");
        await form.getByRole("button", { name: "Change password" }).click();
        await form.getByText("The two new passwords don't match").waitFor();
        await form.getByLabel("Type the new password again").fill("first-new-passphrase-1");
        await form.getByRole("button", { name: "Change password" }).click();
        await form.getByText("Current password is not your current password").waitFor();
        assert.equal(await horizontalOverflow(page), 0, "nothing scrolls sideways");
        await screenshot(page, "account-password-error");
        await form.getByLabel("Current password", { exact: true }).fill(owner.password);
        await form.getByRole("button", { name: "Change password" }).click();
        await page.getByRole("status").filter({ hasText: "Password changed" }).waitFor();
        assert.equal(await form.getByLabel("Current password", { exact: true }).inputValue(), "", "the form is cleared");

        // Forgot it: the login page links to the reset form.
        const other = second.page;
        await other.goto("/login");
        await other.getByRole("link", { name: "Forgot your password?" }).click();
        await other.getByRole("heading", { name: "Reset your password" }).waitFor();
        await other.getByRole("button", { name: "Email me a reset link" }).click();
        await other.getByText("Enter your email address").waitFor();
        await other.getByLabel("Email", { exact: true }).fill(owner.email);
        await other.getByRole("button", { name: "Email me a reset link" }).click();
        await other.getByText("Check your email").waitFor();
        assert.equal(await horizontalOverflow(other), 0, "nothing scrolls sideways");
        await screenshot(other, "forgot-password-sent");

        // The email, as the owner's own outbox shows it.
        let link = null;
        for (let i = 0; i < 50 && !link; i++) {
          const emails = await page.evaluate(async () => (await (await fetch("/api/emails")).json()).data);
          const reset = emails.find((e) => e.kind === "password_reset");
          link = reset ? /\/reset-password\/[A-Za-z0-9_-]+/.exec(reset.body)?.[0] : null;
          if (!link) await page.waitForTimeout(100);
        }
        assert.ok(link, "the reset email is in the outbox");

        await other.goto(link);
        await other.getByRole("heading", { name: "Choose a new password" }).waitFor();
        await other.getByLabel("New password", { exact: true }).fill("second-new-passphrase");
        await other.getByLabel("Type it again").fill("second-new-passphrase");
        await screenshot(other, "reset-password-form");
        await other.getByRole("button", { name: "Set new password" }).click();
        await other.getByText("Your new password is set").waitFor();
        await other.getByRole("link", { name: "Log in" }).click();
        await logInInBrowser(other, { email: owner.email, password: "second-new-passphrase" });

        // Every session ended with the reset, including the first browser's.
        await page.reload();
        await page.waitForURL(/\/login/);

        // The link works once.
        await other.goto(link);
        await other.getByRole("heading", { name: "This link no longer works" }).waitFor();
        await other.getByRole("link", { name: "Ask for a new link" }).waitFor();
        assert.equal(await horizontalOverflow(other), 0, "nothing scrolls sideways");
        await screenshot(other, "reset-password-used");
        // Expected refusals only: the wrong current password (400), the ended session (401), the used link (410).
        assert.deepEqual([...first.errors, ...second.errors].filter((e) => !/status of (400|401|410) /.test(e)), []);
      } finally {
        await first.context.close();
        await second.context.close();
      }
    });
  }
});
