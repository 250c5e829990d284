// The screens for everyday work: quick replies, adding a contact by hand, the
// audit log and rotating an API key, walked as a new owner would at 1280 px and
// 375 px, with axe-core checking WCAG 2.2 AA on each.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  BASE_URL,
  WIDTHS,
  expectNoA11yViolations,
  horizontalOverflow,
  launchBrowser,
  newContext,
  screenshot,
  signUpInBrowser,
  skipReason,
  uniqueUser,
} from "./helpers.mjs";

const meWithKey = (key) => fetch(`${BASE_URL}/api/me`, { headers: { authorization: `Bearer ${key}` } });
const nav = (page) => page.getByRole("navigation", { name: "Main" });

async function openFromNav(page, label, heading, phone) {
  if (phone) await page.getByRole("button", { name: "Open menu" }).click();
  await nav(page).getByRole("link", { name: label }).click();
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  if (phone) await page.getByRole("dialog", { name: "Menu" }).waitFor({ state: "detached" });
}

describe("everyday screens", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  for (const [size, viewport] of Object.entries(WIDTHS)) {
    const phone = size === "phone";

    test(`quick replies: create with a preview, edit, delete (${viewport.width} px)`, async () => {
      const { context, page, errors } = await newContext(chromium.browser, { viewport });
      try {
        const owner = uniqueUser("Replies");
        await signUpInBrowser(page, owner);
        await openFromNav(page, "Quick replies", "Quick replies", phone);
        await page.getByText("No quick replies yet").waitFor();
        await expectNoA11yViolations(page, "quick replies, empty");
        await screenshot(page, "quick-replies-empty");

        await page.getByRole("button", { name: "New quick reply" }).first().click();
        const dialog = page.getByRole("dialog", { name: "New quick reply" });
        await dialog.waitFor();
        await dialog.getByRole("button", { name: "Create quick reply" }).click();
        await dialog.getByText("Choose a shortcut, like hours").waitFor();
        await dialog.getByLabel("Shortcut").fill("/Hours");
        await dialog.getByLabel("Title").fill("Opening hours");
        await dialog.getByLabel("Message").fill("Hi ");
        await dialog.getByRole("button", { name: "Customer's first name" }).click();
        await dialog.getByLabel("Message").press("End");
        await dialog.getByLabel("Message").pressSequentially(", we're open 9–5. {{contact.nickname}}");
        // The preview fills the variables in for an example customer and names the unknown one.
        await dialog.getByText("Hi Siti, we're open 9–5.").waitFor();
        await dialog.getByText("Unknown: {{contact.nickname}}").waitFor();
        await expectNoA11yViolations(page, "quick reply dialog");
        await screenshot(page, "quick-reply-dialog", { fullPage: false });
        await dialog.getByRole("button", { name: "Create quick reply" }).click();
        await dialog.getByText("Parley doesn't know {{contact.nickname}}").waitFor();
        const text = dialog.getByLabel("Message");
        await text.fill("Hi {{contact.firstName | there}}, we're open 9–5. {{business.name}}");
        await dialog.getByText(`Hi Siti, we're open 9–5. ${owner.tenantName}`).waitFor();
        await dialog.getByRole("button", { name: "Create quick reply" }).click();
        await dialog.waitFor({ state: "detached" });
        await page.getByRole("status").filter({ hasText: "“/hours” created" }).waitFor();
        const row = page.getByRole("row", { name: /Opening hours/ });
        await row.locator("code", { hasText: "/hours" }).waitFor();
        await screenshot(page, "quick-replies");

        await page.getByRole("button", { name: "Edit /hours" }).click();
        const edit = page.getByRole("dialog", { name: "Edit “/hours”" });
        await edit.getByLabel("Title").fill("Opening times");
        await edit.getByRole("button", { name: "Save changes" }).click();
        await edit.waitFor({ state: "detached" });
        await page.getByRole("row", { name: /Opening times/ }).waitFor();

        // Deleting asks first; Cancel keeps it.
        await page.getByRole("button", { name: "Delete /hours" }).click();
        const confirm = page.getByRole("alertdialog", { name: "Delete “/hours”?" });
        await confirm.waitFor();
        await expectNoA11yViolations(page, "delete confirmation");
        await page.keyboard.press("Escape");
        await confirm.waitFor({ state: "detached" });
        await page.getByRole("row", { name: /Opening times/ }).waitFor();
        await page.getByRole("button", { name: "Delete /hours" }).click();
        await confirm.getByRole("button", { name: "Delete quick reply" }).click();
        await confirm.waitFor({ state: "detached" });
        await page.getByText("No quick replies yet").waitFor();
        assert.equal(await horizontalOverflow(page), 0);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });

    test(`add a contact, rotate a key and find both in the audit log (${viewport.width} px)`, async () => {
      const { context, page, errors } = await newContext(chromium.browser, { viewport });
      try {
        const owner = uniqueUser("Audit");
        await signUpInBrowser(page, owner);

        // Add a contact by hand.
        await openFromNav(page, "Contacts", "Contacts", phone);
        await page.getByRole("button", { name: "Add contact" }).click();
        const add = page.getByRole("dialog", { name: "Add a contact" });
        await add.getByRole("button", { name: "Add contact" }).click();
        await add.getByText(/Enter the customer's WhatsApp number/).waitFor();
        await add.getByLabel("WhatsApp number").fill("+62 812 5555 0101");
        await add.getByLabel("Name").fill("Rina Wulandari");
        await add.getByLabel("Tags").fill("vip, walk-in");
        await expectNoA11yViolations(page, "add contact dialog");
        await screenshot(page, "add-contact", { fullPage: false });
        await add.getByRole("button", { name: "Add contact" }).click();
        await page.getByRole("heading", { level: 1, name: "Rina Wulandari" }).waitFor();

        // The same number again is refused with a clear message, not a second contact.
        await openFromNav(page, "Contacts", "Contacts", phone);
        await page.getByRole("button", { name: "Add contact" }).click();
        await add.getByLabel("WhatsApp number").fill("+6281255550101");
        await add.getByRole("button", { name: "Add contact" }).click();
        await add.getByText("This number is already a contact").waitFor();
        await screenshot(page, "add-contact-exists", { fullPage: false });
        await add.getByRole("link", { name: "Open the contact" }).click();
        await page.getByRole("heading", { level: 1, name: "Rina Wulandari" }).waitFor();
        await openFromNav(page, "Contacts", "Contacts", phone);
        assert.equal(await page.getByRole("link", { name: "Rina Wulandari" }).count(), 1, "still one contact");

        // Rotate an API key with a day of overlap: both keys work.
        await openFromNav(page, "API keys", "API keys", phone);
        await page.getByRole("button", { name: "Create API key" }).first().click();
        const create = page.getByRole("dialog", { name: "Create an API key" });
        await create.getByLabel("Key name").fill("CRM sync");
        await create.getByRole("button", { name: "Create key" }).click();
        const oldKey = await page.getByRole("textbox", { name: "API key" }).inputValue();
        await page.getByRole("button", { name: "I've copied it" }).click();
        await page.getByRole("button", { name: /^Rotate CRM sync/ }).click();
        const rotate = page.getByRole("dialog", { name: "Rotate “CRM sync”?" });
        await rotate.getByLabel("Keep the old key working for").selectOption("24");
        await expectNoA11yViolations(page, "rotate dialog");
        await screenshot(page, "api-key-rotate", { fullPage: false });
        await rotate.getByRole("button", { name: "Rotate key" }).click();
        const copied = page.getByRole("dialog", { name: "Copy your new API key" });
        const newKey = await copied.getByRole("textbox", { name: "New API key" }).inputValue();
        assert.notEqual(newKey, oldKey);
        await copied.getByText(/until then the old key works too/).waitFor();
        await copied.getByRole("button", { name: "I've copied it" }).click();
        assert.equal((await meWithKey(oldKey)).status, 200, "the old key works during the overlap");
        assert.equal((await meWithKey(newKey)).status, 200, "the new key works");
        await page.getByText(/Replaced · works until/).waitFor();
        await expectNoA11yViolations(page, "API keys with a rotated key");
        await screenshot(page, "api-keys-rotated");
        // Ending the overlap by hand revokes the old key now.
        await page.getByRole("button", { name: `Revoke CRM sync (${oldKey.slice(0, 12)}…)` }).click();
        await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
        await page.getByRole("alertdialog").waitFor({ state: "detached" });
        assert.equal((await meWithKey(oldKey)).status, 401);
        assert.equal((await meWithKey(newKey)).status, 200);

        // The audit log shows it all, filtered on the server.
        await openFromNav(page, "Audit log", "Audit log", phone);
        const table = page.getByRole("table", { name: "Audit log, newest first" });
        await table.getByRole("cell", { name: "API key rotated" }).waitFor();
        await table.getByRole("cell", { name: "Contact created" }).waitFor();
        await expectNoA11yViolations(page, "audit log");
        await screenshot(page, "audit-log");
        await page.getByLabel("What").selectOption("contact.created");
        await page.waitForURL(/action=contact\.created/);
        await table.getByRole("cell", { name: "API key rotated" }).waitFor({ state: "detached" });
        await table.getByRole("cell", { name: "Contact created" }).waitFor();
        assert.equal(await table.locator("tbody tr").count(), 1, "the one contact created");
        await page.getByLabel("Who").selectOption({ label: `CRM sync (${newKey.slice(0, 12)}…)` });
        await page.getByText("Nothing matches these filters").waitFor();
        await page.getByRole("button", { name: "Clear filters" }).click();
        await table.getByRole("cell", { name: "API key rotated" }).waitFor();
        const today = await page.evaluate(() => new Date().toLocaleDateString("en-CA"));
        await page.getByLabel("From").fill(today);
        await table.getByRole("cell", { name: "API key rotated" }).waitFor();
        assert.equal(await horizontalOverflow(page), 0);
        // The only failed request is the refused duplicate contact (409), shown in the dialog.
        assert.deepEqual(
          errors.filter((e) => !/status of 409/.test(e)),
          [],
        );
      } finally {
        await context.close();
      }
    });
  }

  test("the audit log says when it cannot load and offers to try again", async () => {
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      await signUpInBrowser(page, uniqueUser("AuditDown"));
      let fail = true;
      await page.route(/\/api\/audit-log\?/, (route) =>
        fail ? route.fulfill({ status: 503, contentType: "application/problem+json", body: JSON.stringify({ title: "Unavailable", status: 503, detail: "down" }) }) : route.continue(),
      );
      await page.goto("/audit-log");
      await page.getByText("Couldn't load the audit log").waitFor({ timeout: 20_000 }).catch(async (err) => {
        await screenshot(page, "audit-log-error-missing");
        throw err;
      });
      await screenshot(page, "audit-log-error");
      fail = false;
      await page.getByRole("button", { name: "Try again" }).click();
      await page.getByRole("cell", { name: "Tenant created" }).waitFor();
      assert.deepEqual(
        errors.filter((e) => !/503/.test(e)),
        [],
      );
    } finally {
      await context.close();
    }
  });
});
