// Contact fields from the dashboard: an owner adds a select field with options
// and a number field, a taken key is refused next to the Key input, a label is
// renamed, the new fields appear in a contact's Edit dialog, and deleting a
// field asks first and says the stored values go with it.
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

describe("contact fields", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  test("add, refuse a taken key, rename, use on a contact, delete", async () => {
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      await signUpInBrowser(page, uniqueUser("Fields"));
      const contact = await call(page, "POST", "/api/contacts", { phone: "+14155550123", name: "Ayu Pratiwi" });
      assert.equal(contact.status, 201, JSON.stringify(contact.json));

      // The contact page's empty card points to the new page.
      await page.goto(`/contacts/${contact.json.id}`);
      await page.getByRole("heading", { level: 1, name: "Ayu Pratiwi" }).waitFor();
      await page.getByRole("region", { name: "Custom fields" }).getByRole("link", { name: "Add fields" }).click();
      await page.getByRole("heading", { level: 1, name: "Contact fields" }).waitFor();
      await page.getByText("No fields yet").waitFor();
      await page.getByText("Add one to capture things like budget or preferred area.").waitFor();
      await screenshot(page, "custom-fields-empty");

      // …and the Contacts page header links to it too.
      await page.getByRole("link", { name: "← Contacts" }).click();
      await page.getByRole("heading", { level: 1, name: "Contacts" }).waitFor();
      await page.getByRole("link", { name: "Manage fields" }).click();
      await page.getByRole("heading", { level: 1, name: "Contact fields" }).waitFor();

      // A select field: the key follows the label until it is edited.
      await page.getByRole("button", { name: "Add field" }).click();
      let dialog = page.getByRole("dialog", { name: "Add a field" });
      await dialog.getByLabel("Label").fill("Preferred área");
      assert.equal(await dialog.getByLabel("Key").inputValue(), "preferred_area", "the key is suggested from the label");
      await dialog.getByLabel("Type").selectOption({ label: "One of a list" });
      // No options yet: refused before anything is sent, next to the field.
      await dialog.getByRole("button", { name: "Add field" }).click();
      await dialog.getByText("Add at least one option, one a line").waitFor();
      await dialog.getByLabel("Options").fill("Downtown\nSuburbs\nBeach");
      await screenshot(page, "custom-field-add", { fullPage: false });
      await dialog.getByRole("button", { name: "Add field" }).click();
      await dialog.waitFor({ state: "detached" });
      const table = page.getByRole("table", { name: "Custom contact fields" });
      const areaRow = table.getByRole("row", { name: /Preferred área/ });
      await areaRow.getByText("preferred_area", { exact: true }).waitFor();
      await areaRow.getByText("Suburbs", { exact: true }).waitFor();

      // A number field.
      await page.getByRole("button", { name: "Add field" }).click();
      dialog = page.getByRole("dialog", { name: "Add a field" });
      await dialog.getByLabel("Label").fill("Budget");
      await dialog.getByLabel("Type").selectOption("number");
      await dialog.getByRole("button", { name: "Add field" }).click();
      await dialog.waitFor({ state: "detached" });
      await table.getByRole("row", { name: /Budget/ }).getByText("Number", { exact: true }).waitFor();

      // A taken key: the server's 409 lands under the Key input, which gets focus.
      await page.getByRole("button", { name: "Add field" }).click();
      dialog = page.getByRole("dialog", { name: "Add a field" });
      await dialog.getByLabel("Label").fill("Budget");
      await dialog.getByRole("button", { name: "Add field" }).click();
      await dialog.getByText("Key is already used by another field. Choose a different key.").waitFor();
      const keyInput = dialog.getByLabel("Key");
      assert.equal(await keyInput.getAttribute("aria-invalid"), "true");
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "key");
      await screenshot(page, "custom-field-duplicate", { fullPage: false });
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });

      // Rename a label.
      await page.getByRole("button", { name: "Edit Budget" }).click();
      dialog = page.getByRole("dialog", { name: "Edit “Budget”" });
      await dialog.getByLabel("Label").fill("Budget (USD)");
      await dialog.getByRole("button", { name: "Save field" }).click();
      await dialog.waitFor({ state: "detached" });
      await table.getByRole("row", { name: /Budget \(USD\)/ }).waitFor();
      await screenshot(page, "custom-fields");
      assert.equal(await horizontalOverflow(page), 0);

      // The contact's Edit dialog offers both fields.
      await page.goto(`/contacts/${contact.json.id}`);
      await page.getByRole("heading", { level: 1, name: "Ayu Pratiwi" }).waitFor();
      await page.getByRole("button", { name: "Edit contact" }).click();
      const edit = page.getByRole("dialog", { name: "Edit Ayu Pratiwi" });
      await edit.getByLabel("Preferred área").selectOption("Beach");
      await edit.getByLabel("Budget (USD)").fill("250000");
      await edit.getByRole("button", { name: "Save contact" }).click();
      await edit.waitFor({ state: "detached" });
      const custom = page.getByRole("region", { name: "Custom fields" });
      await custom.getByText("Beach", { exact: true }).waitFor();
      assert.deepEqual((await call(page, "GET", `/api/contacts/${contact.json.id}`)).json.customFields, { preferred_area: "Beach", budget: 250000 });

      // Delete asks first and says what happens to the stored values.
      await custom.getByRole("link", { name: "Manage fields" }).click();
      await page.getByRole("heading", { level: 1, name: "Contact fields" }).waitFor();
      await page.getByRole("button", { name: "Delete Budget (USD)" }).click();
      const confirm = page.getByRole("alertdialog", { name: "Delete the Budget (USD) field?" });
      await confirm.getByText(/value is removed with it, for good/).waitFor();
      await screenshot(page, "custom-field-delete", { fullPage: false });
      await confirm.getByRole("button", { name: "Delete field and values" }).click();
      await confirm.waitFor({ state: "detached" });
      await table.getByRole("row", { name: /Budget/ }).waitFor({ state: "detached" });
      assert.deepEqual((await call(page, "GET", `/api/contacts/${contact.json.id}`)).json.customFields, { preferred_area: "Beach" });

      // On a phone the page and the dialog fit the screen.
      await page.setViewportSize(WIDTHS.phone);
      await table.getByRole("row", { name: /Preferred área/ }).waitFor();
      assert.equal(await horizontalOverflow(page), 0, "nothing scrolls sideways at 375 px");
      await screenshot(page, "custom-fields");
      await page.getByRole("button", { name: "Edit Preferred área" }).click();
      dialog = page.getByRole("dialog", { name: "Edit “Preferred área”" });
      await dialog.getByLabel("Options").waitFor();
      assert.equal(await horizontalOverflow(page), 0, "the dialog fits at 375 px");
      await screenshot(page, "custom-field-edit", { fullPage: false });
      // Removing an option a contact holds is refused next to the Options input.
      await dialog.getByLabel("Options").fill("Downtown\nSuburbs");
      await dialog.getByRole("button", { name: "Save field" }).click();
      await dialog.getByText(/1 contact\(s\) hold a removed option \(Beach\)/).waitFor();
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await dialog.waitFor({ state: "detached" });

      const refused = errors.filter((e) => /Failed to load resource: the server responded with a status of 409/.test(e));
      assert.equal(refused.length, 2, errors.join("\n"));
      assert.deepEqual(
        errors.filter((e) => !refused.includes(e)),
        [],
      );
    } finally {
      await context.close();
    }
  });
});
