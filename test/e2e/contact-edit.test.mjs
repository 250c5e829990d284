// Editing a contact: name, email and typed custom fields from the contact
// page. An invalid email is refused by the server next to the field; Escape
// closes the dialog without saving.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { WIDTHS, horizontalOverflow, launchBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

/** A JSON call with the page's session. */
function call(page, method, path, body) {
  return page.evaluate(
    async ([m, p, b]) => {
      const res = await fetch(p, { method: m, headers: { "content-type": "application/json" }, body: b === undefined ? undefined : JSON.stringify(b) });
      return { status: res.status, json: await res.json().catch(() => null) };
    },
    [method, path, body],
  );
}

describe("contact edit", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  test("name, email and custom fields are saved; a bad email is shown next to the field", async () => {
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      await signUpInBrowser(page, uniqueUser("Edit"));
      for (const field of [
        { key: "plan", label: "Plan", type: "select", options: ["basic", "pro"] },
        { key: "order_count", label: "Order count", type: "number" },
        { key: "first_order", label: "First order", type: "date" },
        { key: "newsletter", label: "Newsletter", type: "boolean" },
      ]) {
        const res = await call(page, "POST", "/api/custom-fields", field);
        assert.equal(res.status, 201, JSON.stringify(res.json));
      }
      const contact = await call(page, "POST", "/api/contacts", { phone: "+14155550199", name: "Dewi Lestari", customFields: { plan: "basic" } });
      assert.equal(contact.status, 201, JSON.stringify(contact.json));

      await page.goto(`/contacts/${contact.json.id}`);
      await page.getByRole("heading", { level: 1, name: "Dewi Lestari" }).waitFor();
      await page.getByRole("button", { name: "Edit contact" }).click();
      const dialog = page.getByRole("dialog", { name: "Edit Dewi Lestari" });
      await dialog.getByLabel("Name").waitFor();
      assert.equal(await dialog.getByLabel("Plan").inputValue(), "basic", "the current values are filled in");
      assert.equal(await dialog.getByLabel("Stage").inputValue(), "new");

      // Escape closes without saving.
      await dialog.getByLabel("Name").fill("Somebody Else");
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      await page.getByRole("heading", { level: 1, name: "Dewi Lestari" }).waitFor();

      await page.getByRole("button", { name: "Edit contact" }).click();
      assert.equal(await dialog.getByLabel("Name").inputValue(), "Dewi Lestari");
      await dialog.getByLabel("Name").fill("Dewi Anggraini");
      await dialog.getByLabel("Email").fill("dewi-at-example");
      await dialog.getByLabel("Plan").selectOption("pro");
      await dialog.getByLabel("Order count").fill("3");
      await dialog.getByLabel("Newsletter").selectOption({ label: "Yes" });
      await dialog.getByRole("button", { name: "Save contact" }).click();

      // The server refuses the email: the message sits under the field, which gets focus; nothing is saved.
      await dialog.getByText("Email must be an email address").waitFor();
      const email = dialog.getByLabel("Email");
      assert.equal(await email.getAttribute("aria-invalid"), "true");
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "email");
      await screenshot(page, "contact-edit-invalid", { fullPage: false });

      await email.fill("dewi@example.com");
      await dialog.getByText("Email must be an email address").waitFor({ state: "detached" });
      await dialog.getByRole("button", { name: "Save contact" }).click();
      await page.getByText("Contact saved").waitFor();
      await dialog.waitFor({ state: "detached" });

      // The page shows the new values without a reload…
      await page.getByRole("heading", { level: 1, name: "Dewi Anggraini" }).waitFor();
      const details = page.getByRole("region", { name: "Details" });
      await details.getByText("dewi@example.com").waitFor();
      const custom = page.getByRole("region", { name: "Custom fields" });
      await custom.getByText("pro", { exact: true }).waitFor();
      await custom.getByText("3", { exact: true }).waitFor();
      await custom.getByText("Yes", { exact: true }).waitFor();
      await screenshot(page, "contact-edited");
      assert.equal(await horizontalOverflow(page), 0);

      // …and the API has them.
      const saved = await call(page, "GET", `/api/contacts/${contact.json.id}`);
      assert.equal(saved.json.name, "Dewi Anggraini");
      assert.equal(saved.json.email, "dewi@example.com");
      assert.deepEqual(saved.json.customFields, { plan: "pro", order_count: 3, newsletter: true });

      // Clearing a value removes it.
      await page.getByRole("button", { name: "Edit contact" }).click();
      await page.getByRole("dialog", { name: "Edit Dewi Anggraini" }).getByLabel("Order count").fill("");
      await page.getByRole("dialog", { name: "Edit Dewi Anggraini" }).getByRole("button", { name: "Save contact" }).click();
      await page.getByRole("dialog", { name: "Edit Dewi Anggraini" }).waitFor({ state: "detached" });
      assert.deepEqual((await call(page, "GET", `/api/contacts/${contact.json.id}`)).json.customFields, { plan: "pro", newsletter: true });

      // On a phone the dialog fits the screen.
      await page.setViewportSize(WIDTHS.phone);
      await page.getByRole("button", { name: "Edit contact" }).click();
      const phoneDialog = page.getByRole("dialog", { name: "Edit Dewi Anggraini" });
      await phoneDialog.getByLabel("Name").waitFor();
      assert.equal(await horizontalOverflow(page), 0, "nothing scrolls sideways at 375 px");
      await screenshot(page, "contact-edit", { fullPage: false });
      await phoneDialog.getByRole("button", { name: "Cancel" }).click();
      await phoneDialog.waitFor({ state: "detached" });
      await screenshot(page, "contact-edited");

      const refused = errors.filter((e) => /Failed to load resource: the server responded with a status of 400/.test(e));
      assert.equal(refused.length, 1, errors.join("\n"));
      assert.deepEqual(
        errors.filter((e) => !refused.includes(e)),
        [],
      );
    } finally {
      await context.close();
    }
  });
});
