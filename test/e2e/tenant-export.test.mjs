// Export all data: an owner finds it on the Team page, downloads the file, and
// it starts with the workspace it came from. At 1280 and 375 px, axe clean.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, test } from "node:test";
import { WIDTHS, expectNoA11yViolations, horizontalOverflow, launchBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

describe("tenant export", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  for (const viewport of [WIDTHS.desktop, WIDTHS.phone]) {
    test(`an owner downloads everything the workspace holds (${viewport.width} px)`, async () => {
      const { context, page, errors } = await newContext(chromium.browser, { viewport });
      try {
        const owner = uniqueUser("Export");
        await signUpInBrowser(page, owner);
        await page.goto("/team");
        await page.getByRole("heading", { level: 1, name: "Team" }).waitFor();
        const card = page.getByRole("region", { name: "Export all data" });
        await card.getByText("Passwords, channel tokens, API keys and webhook secrets are never included.", { exact: false }).waitFor();
        assert.equal(await horizontalOverflow(page), 0, "nothing scrolls sideways");
        await expectNoA11yViolations(page, "team page with the export card");
        await card.scrollIntoViewIfNeeded();
        await screenshot(page, "tenant-export");

        const [download] = await Promise.all([page.waitForEvent("download"), card.getByRole("link", { name: "Download export" }).click()]);
        assert.match(download.suggestedFilename(), /^parley-export-shop-\w+-\d{4}-\d{2}-\d{2}\.ndjson$/);
        const text = await readFile(await download.path(), "utf8");
        const lines = text.trimEnd().split("\n").map((l) => JSON.parse(l));
        assert.equal(lines[0].kind, "parley.tenant-export");
        assert.equal(lines[0].tenant.name, owner.tenantName);
        assert.deepEqual(lines[0].members.map((m) => m.email), [owner.email]);
        assert.ok(lines.some((l) => l.table === "channels" && l.row.type === "sandbox"), "the sandbox channel is in the file");
        assert.ok(!text.includes("password"), "no password hash, no password field");
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});
