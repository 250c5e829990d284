// Signup → create an API key → the key is shown once and works → revoke it.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { BASE_URL, launchBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

const meWithKey = (key) => fetch(`${BASE_URL}/api/me`, { headers: { authorization: `Bearer ${key}` } });

describe("API keys", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  test("a new owner creates a key, sees it once, and revokes it", async () => {
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      const owner = uniqueUser("Keys");
      await signUpInBrowser(page, owner);

      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" }).click();
      await page.getByRole("heading", { level: 1, name: "API keys" }).waitFor();
      await page.getByText("No API keys yet").waitFor();
      await screenshot(page, "api-keys-empty");

      await page.getByRole("button", { name: "Create API key" }).click();
      const createDialog = page.getByRole("dialog", { name: "Create an API key" });
      await createDialog.waitFor();
      // Submitting without a name explains what is missing.
      await createDialog.getByRole("button", { name: "Create key" }).click();
      await createDialog.getByText("Give the key a name, like the tool that will use it").waitFor();
      await createDialog.getByLabel("Key name").fill("CRM sync");
      await createDialog.getByRole("button", { name: "Create key" }).click();

      const keyDialog = page.getByRole("dialog", { name: "Copy your new API key" });
      await keyDialog.waitFor();
      await keyDialog.getByText("You won't see this key again").waitFor();
      await keyDialog.getByRole("button", { name: "Copy API key" }).waitFor();
      const key = await keyDialog.getByRole("textbox", { name: "API key" }).inputValue();
      assert.ok(key.length > 20, `the full key is shown (got "${key}")`);
      await screenshot(page, "api-key-created", { fullPage: false });

      // The key works against the API.
      const me = await meWithKey(key);
      assert.equal(me.status, 200);
      assert.equal((await me.json()).tenant.name, owner.tenantName);

      await keyDialog.getByRole("button", { name: "I've copied it" }).click();
      await keyDialog.waitFor({ state: "detached" });
      const row = page.getByRole("row", { name: /CRM sync/ });
      await row.getByText("Active").waitFor();
      const prefix = key.slice(0, 12);
      await row.getByText(`${prefix}…`, { exact: true }).waitFor();
      // Once the dialog is closed the secret is gone from the page, and a reload doesn't bring it back.
      assert.equal((await page.content()).includes(key), false, "the full key is not on the page any more");
      await page.reload();
      await page.getByRole("row", { name: /CRM sync/ }).waitFor();
      assert.equal((await page.content()).includes(key), false, "the full key is never shown again");
      await screenshot(page, "api-keys");

      // Revoking asks first; Escape cancels, with focus starting on Cancel.
      await page.getByRole("button", { name: "Revoke CRM sync" }).click();
      const confirm = page.getByRole("alertdialog", { name: "Revoke “CRM sync”?" });
      await confirm.waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Cancel");
      await screenshot(page, "api-key-revoke-confirm", { fullPage: false });
      await page.keyboard.press("Escape");
      await confirm.waitFor({ state: "detached" });
      assert.equal((await meWithKey(key)).status, 200, "cancelling keeps the key working");

      await page.getByRole("button", { name: "Revoke CRM sync" }).click();
      await confirm.getByRole("button", { name: "Revoke key" }).click();
      await confirm.waitFor({ state: "detached" });
      await page.getByRole("row", { name: /CRM sync/ }).getByText(/^Revoked/).waitFor();
      await page.getByRole("status").filter({ hasText: "“CRM sync” revoked" }).waitFor();
      assert.equal(await page.getByRole("button", { name: "Revoke CRM sync" }).count(), 0);
      assert.equal((await meWithKey(key)).status, 401, "a revoked key is refused");

      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
