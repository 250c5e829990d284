// Contacts: a CSV import with a bad row shows the report, the table pages and
// filters, and a contact is erased after typing its name.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { WIDTHS, horizontalOverflow, launchBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

describe("contacts", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  test("a CSV import with a bad row shows the report; a contact is erased with a typed confirmation", async () => {
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      await signUpInBrowser(page, uniqueUser("Contacts"));
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts" }).click();
      await page.getByRole("heading", { level: 1, name: "Contacts" }).waitFor();
      await page.getByText("No contacts yet").waitFor();
      await screenshot(page, "contacts-empty");

      const dir = mkdtempSync(join(tmpdir(), "parley-csv-"));
      const file = join(dir, "customers.csv");
      writeFileSync(file, "phone,name,tags\n+14155550101,Ana Lima,vip\nnot-a-phone,Broken Row,\n+14155550102,Ben Ortiz,vip;new\n");

      await page.getByRole("button", { name: "Import CSV" }).click();
      const dialog = page.getByRole("dialog", { name: "Import contacts" });
      await dialog.getByRole("button", { name: "Import" }).click();
      await dialog.getByText("Choose a CSV file to import").waitFor();
      await dialog.getByLabel("CSV file").setInputFiles(file);
      await dialog.getByRole("button", { name: "Import" }).click();
      await dialog.getByText("Import finished").waitFor({ timeout: 20_000 });
      await dialog.getByText("1 row was skipped").waitFor();
      const report = dialog.getByRole("table", { name: "Import problems" });
      await report.getByRole("cell", { name: "3", exact: true }).waitFor();
      const link = dialog.getByRole("link", { name: "Download the error report (CSV)" });
      const href = await link.getAttribute("href");
      const csv = await page.evaluate(async (u) => (await fetch(u)).text(), href);
      assert.match(csv, /3/, "the downloadable report names the bad row");
      await screenshot(page, "contacts-import-report", { fullPage: false });
      await dialog.getByRole("button", { name: "Done" }).click();

      await page.getByRole("link", { name: "Ana Lima" }).waitFor();
      await page.getByRole("link", { name: "Ben Ortiz" }).waitFor();
      await page.getByLabel("Search").fill("Ben");
      await page.getByRole("link", { name: "Ana Lima" }).waitFor({ state: "detached" });
      await page.getByLabel("Search").fill("");
      await page.getByRole("link", { name: "Ana Lima" }).waitFor();
      await screenshot(page, "contacts");

      await page.getByRole("link", { name: "Ana Lima" }).click();
      await page.getByRole("heading", { level: 1, name: "Ana Lima" }).waitFor();
      await screenshot(page, "contact-detail");
      await page.getByRole("button", { name: "Erase contact" }).click();
      const confirm = page.getByRole("alertdialog", { name: "Erase Ana Lima?" });
      const erase = confirm.getByRole("button", { name: "Erase contact" });
      assert.equal(await erase.isDisabled(), true, "erasing needs the typed confirmation");
      await confirm.getByLabel("Type “Ana Lima” to confirm").fill("Ana Lima");
      await erase.click();
      await page.getByRole("heading", { level: 1, name: "Contacts" }).waitFor();
      await page.getByRole("link", { name: "Ana Lima" }).waitFor({ state: "detached" });

      await page.setViewportSize(WIDTHS.phone);
      await page.getByRole("link", { name: "Ben Ortiz" }).waitFor();
      assert.equal(await horizontalOverflow(page), 0, "contacts fit 375 px");
      await screenshot(page, "contacts");
      await page.getByRole("link", { name: "Ben Ortiz" }).click();
      await page.getByRole("heading", { level: 1, name: "Ben Ortiz" }).waitFor();
      assert.equal(await horizontalOverflow(page), 0, "a contact fits 375 px");
      await screenshot(page, "contact-detail");

      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
