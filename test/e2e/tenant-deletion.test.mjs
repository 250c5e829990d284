// Deleting a workspace: the owner's danger-zone card on the Team page, a native
// <dialog> asking for the name typed exactly and the password (checked before
// sending, and by the server), then the goodbye page for an owner with no other
// workspace. And the account-deletion dialog's way out for the only member:
// delete the workspace with the account. At 1280 and 375 px, keyboard, axe.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { WIDTHS, expectNoA11yViolations, horizontalOverflow, launchBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

const status = (page, path) => page.evaluate(async (p) => (await fetch(p)).status, path);

describe("workspace deletion", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  for (const viewport of [WIDTHS.desktop, WIDTHS.phone]) {
    test(`an owner deletes the workspace from the Team page (${viewport.width} px)`, async () => {
      const { context, page, errors } = await newContext(chromium.browser, { viewport });
      try {
        const owner = uniqueUser("Closing");
        await signUpInBrowser(page, owner);
        await page.goto("/team");
        await page.getByRole("heading", { level: 1, name: "Team" }).waitFor();
        const card = page.getByRole("region", { name: "Delete workspace" });
        const open = card.getByRole("button", { name: "Delete workspace…" });
        await open.scrollIntoViewIfNeeded();
        // Keyboard only: focus the button, open the dialog, type into its fields.
        await open.focus();
        await page.keyboard.press("Enter");
        const dialog = page.getByRole("alertdialog", { name: `Delete ${owner.tenantName}?` });
        await dialog.waitFor();
        await dialog.getByRole("link", { name: "download your data" }).waitFor();
        await dialog.getByRole("button", { name: "Delete workspace" }).click();
        await dialog.getByText(`Type ${owner.tenantName} to confirm`, { exact: true }).waitFor();
        await dialog.getByText("Enter your password", { exact: true }).waitFor();
        // The first field needing attention has the focus.
        assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "name");
        await page.keyboard.type(owner.tenantName.toLowerCase());
        await page.keyboard.press("Tab");
        await page.keyboard.type(owner.password);
        await page.keyboard.press("Enter");
        await dialog.getByText(`Type the name exactly as shown: ${owner.tenantName}`).waitFor();
        await dialog.getByLabel("Workspace name").fill(owner.tenantName);
        await dialog.getByLabel("Password", { exact: true }).fill("not my password at all");
        await dialog.getByRole("button", { name: "Delete workspace" }).click();
        await dialog.getByText("Password is not your password").waitFor();
        assert.equal(await horizontalOverflow(page), 0, "nothing scrolls sideways");
        await expectNoA11yViolations(page, "delete workspace dialog with an error");
        await screenshot(page, `workspace-delete-dialog-${viewport.width}`, { fullPage: false });

        // Escape closes it and nothing happened.
        await page.keyboard.press("Escape");
        await dialog.waitFor({ state: "detached" });
        assert.equal(await status(page, "/api/me"), 200);

        await open.click();
        await dialog.getByLabel("Workspace name").fill(owner.tenantName);
        await dialog.getByLabel("Password", { exact: true }).fill(owner.password);
        await dialog.getByRole("button", { name: "Delete workspace" }).click();
        await page.waitForURL(/\/goodbye\?workspace=/);
        await page.getByRole("heading", { level: 1, name: "Goodbye" }).waitFor();
        await page.getByText(`${owner.tenantName} is deleted.`).waitFor();
        assert.equal(await horizontalOverflow(page), 0, "nothing scrolls sideways");
        await expectNoA11yViolations(page, "goodbye page");
        await screenshot(page, `workspace-deleted-goodbye-${viewport.width}`);
        // Signed out.
        assert.equal(await status(page, "/api/me"), 401);
        // The refusal above (422) is logged by the browser as a failed request, and /api/me after signing out.
        assert.deepEqual(errors.filter((e) => !/status of (401|422)/.test(e)), []);
      } finally {
        await context.close();
      }
    });
  }

  test("the only member deletes the workspace together with their account from the account dialog", async () => {
    const { context, page, errors } = await newContext(chromium.browser, { viewport: WIDTHS.phone });
    try {
      const owner = uniqueUser("Solo");
      await signUpInBrowser(page, owner);
      await page.goto("/account");
      await page.getByRole("heading", { level: 1, name: "Your account" }).waitFor();
      await page.getByRole("button", { name: "Delete my account…" }).click();
      const dialog = page.getByRole("alertdialog", { name: "Delete your account?" });
      await dialog.getByLabel("Password", { exact: true }).fill(owner.password);
      await dialog.getByRole("button", { name: "Delete my account" }).click();
      await dialog.getByRole("link", { name: "download your data" }).waitFor();
      await expectNoA11yViolations(page, "account dialog offering the workspace deletion");
      await screenshot(page, "account-delete-with-workspace", { fullPage: false });
      await dialog.getByLabel("Workspace name").fill(owner.tenantName);
      await dialog.getByRole("button", { name: "Delete workspace and account" }).click();
      await page.waitForURL(/\/goodbye\?/);
      await page.getByText(`${owner.tenantName} is deleted, and so is your account.`).waitFor();
      const login = await page.evaluate(
        async ({ email, password }) =>
          (await fetch("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) })).status,
        owner,
      );
      assert.equal(login, 401);
      assert.deepEqual(errors.filter((e) => !/status of (401|409)/.test(e)), []);
    } finally {
      await context.close();
    }
  });
});
