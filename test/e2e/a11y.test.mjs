// Every page of the dashboard, filled with the demo tenant's data, checked by
// axe-core for WCAG 2.2 A and AA at 1280 px and 375 px. Pages with their own
// flows have deeper checks in their own files; this one makes sure no page is
// left out.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { WIDTHS, expectNoA11yViolations, horizontalOverflow, launchBrowser, logInInBrowser, newContext, screenshot, skipReason } from "./helpers.mjs";

const demo = { email: process.env.DEMO_EMAIL, password: process.env.DEMO_PASSWORD };
const skip = skipReason || (!demo.email || !demo.password ? "the demo login is not set (DEMO_EMAIL, DEMO_PASSWORD)" : false);

// Signed-out pages, then every page behind the login (the demo tenant has data on each).
const PUBLIC_PAGES = ["/login", "/signup", "/forgot-password"];
const APP_PAGES = [
  "/",
  "/inbox",
  "/contacts",
  "/contacts/fields",
  "/campaigns",
  "/campaigns/new",
  "/templates",
  "/quick-replies",
  "/bot",
  "/bot/persona",
  "/bot/qualification",
  "/bot/bookings",
  "/bot/hours",
  "/bot/advanced",
  "/channels",
  "/credits",
  "/team",
  "/api-keys",
  "/developers",
  "/emails",
  "/audit-log",
  "/account",
];

/** Wait until the page shows its heading and has nothing left loading. */
async function settle(page) {
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 15_000 }).catch(() => undefined);
}

const slug = (path) => (path === "/" ? "overview" : path.slice(1).replace(/\W+/g, "-"));

describe("accessibility of every page", { skip }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  for (const [size, viewport] of Object.entries(WIDTHS)) {
    test(`no WCAG 2.2 AA violations on any page (${viewport.width} px)`, async () => {
      const { context, page, errors } = await newContext(chromium.browser, { viewport });
      const problems = [];
      const check = async (path) => {
        await settle(page);
        try {
          await expectNoA11yViolations(page, `${path} at ${viewport.width} px`);
        } catch (err) {
          problems.push(err.message);
        }
        const overflow = await horizontalOverflow(page);
        if (overflow > 0) problems.push(`${path} scrolls sideways at ${viewport.width} px (${overflow} px)`);
        await screenshot(page, `a11y-${size}-${slug(path)}`, { fullPage: false });
      };
      try {
        for (const path of PUBLIC_PAGES) {
          await page.goto(path);
          await check(path);
        }
        await logInInBrowser(page, demo);
        for (const path of APP_PAGES) {
          await page.goto(path);
          await check(path);
        }
        // A conversation open in the inbox, and one campaign's page.
        await page.goto("/inbox");
        await settle(page);
        const row = page.locator('main a[href*="c="]').first();
        if (await row.count()) {
          await row.click();
          await page.waitForLoadState("networkidle");
          await check("/inbox (a conversation open)");
        }
        await page.goto("/campaigns");
        await settle(page);
        const campaign = page.locator('main a[href^="/campaigns/"]:not([href="/campaigns/new"])').first();
        if (await campaign.count()) {
          await campaign.click();
          await check("/campaigns/:id");
        }
        assert.deepEqual(problems, [], problems.join("\n"));
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});
