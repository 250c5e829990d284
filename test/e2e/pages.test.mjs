// Every page at 1280 px and 375 px: it renders, navigation works (a menu on
// phones), nothing logs an error, and a screenshot lands in test-results/.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { WIDTHS, horizontalOverflow, launchBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

describe("every page", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  for (const [device, viewport] of Object.entries(WIDTHS)) {
    test(`renders at ${viewport.width} px without console errors (${device})`, async () => {
      const { context, page, errors } = await newContext(chromium.browser, { viewport });
      const phone = viewport.width < 900;
      const openNav = async () => {
        if (phone) {
          await page.getByRole("button", { name: "Open menu" }).click();
          return page.getByRole("dialog", { name: "Menu" });
        }
        return page.getByRole("complementary", { name: "Sidebar" });
      };
      const goTo = async (label) => {
        const nav = await openNav();
        await nav.getByRole("navigation", { name: "Main" }).getByRole("link", { name: label }).click();
        await page.getByRole("heading", { level: 1, name: label === "Overview" ? /^Welcome, / : label }).waitFor();
        if (phone) await page.getByRole("dialog", { name: "Menu" }).waitFor({ state: "detached" });
      };
      try {
        await page.goto("/signup");
        await page.getByRole("heading", { level: 1, name: "Create your Parley account" }).waitFor();
        await screenshot(page, "signup");

        await page.goto("/no-such-page");
        await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
        await screenshot(page, "not-found");

        const owner = uniqueUser(`Pages ${device}`);
        await signUpInBrowser(page, owner);
        await screenshot(page, "overview-owner");

        // The page fits the screen: nothing wider than the viewport.
        const overflow = await horizontalOverflow(page);
        assert.ok(overflow <= 0, `no horizontal scrolling at ${viewport.width} px (overflow ${overflow} px)`);

        if (phone) {
          const menu = await openNav();
          await menu.getByRole("link", { name: "Team" }).waitFor();
          await screenshot(page, "menu-open", { fullPage: false });
          await page.keyboard.press("Escape");
          await menu.waitFor({ state: "detached" });
        }

        await goTo("Team");
        await page.getByLabel("Email address").fill(`teammate-${device}-${Date.now()}@example.com`);
        await page.getByRole("button", { name: "Create invite link" }).click();
        const inviteUrl = await page.getByRole("textbox", { name: "Invitation link" }).inputValue();
        await screenshot(page, "team");

        // The invitation page, as the invitee sees it in their own browser.
        const invitee = await newContext(chromium.browser, { viewport });
        try {
          await invitee.page.goto(new URL(inviteUrl).pathname);
          await invitee.page.getByRole("heading", { level: 1, name: `Join ${owner.tenantName} on Parley` }).waitFor();
          await screenshot(invitee.page, "invite-accept");
          assert.ok((await horizontalOverflow(invitee.page)) <= 0, "invitation page fits");
          assert.deepEqual(invitee.errors, []);
        } finally {
          await invitee.context.close();
        }
        assert.ok((await horizontalOverflow(page)) <= 0, "team page fits");

        await goTo("API keys");
        await page.getByText("No API keys yet").waitFor();
        await page.getByRole("button", { name: "Create API key" }).first().click();
        await page.getByRole("dialog", { name: "Create an API key" }).waitFor();
        await screenshot(page, "api-key-create", { fullPage: false });
        await page.getByLabel("Key name").fill("Website form");
        await page.getByRole("button", { name: "Create key" }).click();
        await page.getByRole("dialog", { name: "Copy your new API key" }).waitFor();
        await screenshot(page, "api-key-created", { fullPage: false });
        await page.getByRole("button", { name: "I've copied it" }).click();
        await page.getByRole("row", { name: /Website form/ }).waitFor();
        await screenshot(page, "api-keys");
        assert.ok((await horizontalOverflow(page)) <= 0, "API keys page fits");

        // Tenant switcher: create a second business, then switch back to the first.
        const switcherNav = await openNav();
        await switcherNav.getByRole("button", { name: /Current business:/ }).click();
        await screenshot(page, "tenant-switcher", { fullPage: false });
        await page.getByRole("button", { name: "Create another business" }).click();
        const createDialog = page.getByRole("dialog", { name: "Create another business" });
        await createDialog.getByLabel("Business name").fill(`${owner.tenantName} Two`);
        await createDialog.getByRole("button", { name: "Create business" }).click();
        await createDialog.waitFor({ state: "detached" });
        await page.getByRole("status").filter({ hasText: `${owner.tenantName} Two is ready` }).waitFor();
        if (phone && (await page.getByRole("dialog", { name: "Menu" }).count())) await page.keyboard.press("Escape");
        await page.getByRole("region", { name: "Your business" }).getByText(`${owner.tenantName} Two`, { exact: true }).waitFor();

        const nav2 = await openNav();
        await nav2.getByRole("button", { name: /Current business:/ }).click();
        await page.getByRole("button", { name: new RegExp(`^${owner.tenantName} Owner$`) }).click();
        await page.getByRole("status").filter({ hasText: `Switched to ${owner.tenantName}` }).waitFor();
        if (phone && (await page.getByRole("dialog", { name: "Menu" }).count())) await page.keyboard.press("Escape");
        await page.getByRole("region", { name: "Your business" }).getByText(owner.tenantName, { exact: true }).waitFor();

        await page.getByRole("button", { name: "Account menu" }).click();
        await page.getByRole("button", { name: "Log out" }).waitFor();
        await screenshot(page, "user-menu", { fullPage: false });

        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});
