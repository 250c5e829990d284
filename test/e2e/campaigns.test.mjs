// Campaigns: create one in the browser (audience with a live count → message →
// pace → review), send it on the sandbox channel, pause and resume it with
// confirmations, and read the results; the pages fit a 375 px screen.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { BASE_URL, WIDTHS, horizontalOverflow, launchBrowser, logInInBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

/** An API key for the signed-in tenant, made with the page's session. */
function apiKeyFor(page) {
  return page.evaluate(async () => {
    const res = await fetch("/api/api-keys", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "e2e" }) });
    if (!res.ok) throw new Error(`creating an API key failed: ${res.status}`);
    return (await res.json()).key;
  });
}

const sandboxMessage = (key, body) =>
  fetch(`${BASE_URL}/api/sandbox/messages`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) });

describe("campaigns", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  test("create, send on the sandbox, pause, resume and read the results", async () => {
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      const user = uniqueUser("Campaigns");
      await signUpInBrowser(page, user);
      const key = await apiKeyFor(page);
      const base = 15550002000 + Math.floor(Math.random() * 900);
      for (let i = 0; i < 4; i++) {
        const res = await sandboxMessage(key, { from: `+${base + i}`, name: `Buyer ${i}`, text: "Hi, any new listings?" });
        assert.equal(res.status, 202, await res.text());
      }

      // The four conversations exist before the audience is counted.
      for (let tries = 0; ; tries++) {
        const res = await fetch(`${BASE_URL}/api/conversations?limit=10`, { headers: { authorization: `Bearer ${key}` } });
        if ((await res.json()).data.length === 4) break;
        assert.ok(tries < 100, "the sandbox messages were stored");
        await new Promise((r) => setTimeout(r, 100));
      }
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Campaigns" }).click();
      await page.getByRole("heading", { level: 1, name: "Campaigns" }).waitFor();
      await page.getByText("No campaigns yet").waitFor();
      await page.getByRole("link", { name: "New campaign" }).click();
      await page.getByRole("heading", { level: 1, name: "New campaign" }).waitFor();

      // Step 1: the audience, counted live.
      await page.getByLabel("Campaign name").fill("Open house");
      const audience = page.getByRole("region", { name: "Audience" });
      await audience.getByText("4 recipients").waitFor({ timeout: 15_000 });
      await audience.getByText("0 opted out (never messaged)").waitFor();
      await screenshot(page, "campaign-audience");
      await page.getByRole("button", { name: "Next: Message" }).click();

      // Step 2: free text, with its preview.
      await page.getByLabel("Free text (only people who wrote in the last 24 hours)").check();
      await page.getByLabel("Message text").fill("Open house this Saturday at 10:00. Reply YES to join!");
      await page.getByLabel("Message preview").getByText("Open house this Saturday").waitFor();
      // A test to one of them first: sent now, and not counted in the campaign (the totals below stay 4).
      const testSend = page.getByRole("region", { name: "Test send" });
      await testSend.getByLabel("Send a test to").fill(`+${base}`);
      await testSend.getByRole("button", { name: "Send test" }).click();
      await testSend.getByText(`Test sent to +${base}`).waitFor({ timeout: 15_000 });
      await screenshot(page, "campaign-test-send");
      await page.getByRole("button", { name: "Next: Schedule and rate" }).click();

      // Step 3: slow enough to pause mid-way.
      await page.getByLabel("Messages per second").fill("0.5");
      await page.getByRole("button", { name: "Next: Review" }).click();
      await page.getByText("4 contacts").waitFor();
      await screenshot(page, "campaign-review");
      await page.getByRole("button", { name: "Start sending" }).click();

      await page.getByRole("heading", { level: 1, name: "Open house" }).waitFor();
      await page.getByText("Sending", { exact: true }).waitFor();

      await page.getByRole("button", { name: "Pause" }).click();
      const pause = page.getByRole("alertdialog", { name: "Pause this campaign?" });
      await pause.getByRole("button", { name: "Pause" }).click();
      await page.getByText("Paused", { exact: true }).first().waitFor();
      await page.getByText("Paused by a team member").waitFor();

      await page.getByRole("button", { name: "Resume" }).click();
      await page.getByRole("alertdialog", { name: "Resume sending?" }).getByRole("button", { name: "Resume" }).click();
      await page.getByText("Completed", { exact: true }).waitFor({ timeout: 45_000 });

      const total = async (label) => Number(await page.locator("dl[aria-label='Totals'] .total", { hasText: label }).locator("dd").textContent());
      assert.equal(await total("Recipients"), 4);
      // The test went to the first buyer's thread as a team member's message, outside the campaign.
      const firstThread = await (await fetch(`${BASE_URL}/api/conversations?limit=10`, { headers: { authorization: `Bearer ${key}` } })).json();
      let tests = 0;
      for (const c of firstThread.data) {
        const msgs = await (await fetch(`${BASE_URL}/api/conversations/${c.id}/messages`, { headers: { authorization: `Bearer ${key}` } })).json();
        tests += msgs.data.filter((m) => m.author === "agent" && m.campaignId === null && m.payload?.campaignTest === true).length;
      }
      assert.equal(tests, 1, "one test message, not part of the campaign");
      assert.equal(await total("Delivered"), 4);
      assert.equal(await total("Failed"), 0);

      await page.getByLabel("Status").selectOption("delivered");
      const table = page.getByRole("table", { name: "Recipients" });
      await table.getByRole("row").nth(4).waitFor();
      assert.equal(await table.getByRole("row").count(), 5, "four delivered recipients and the header");

      const download = page.waitForEvent("download");
      await page.getByRole("button", { name: "Export CSV" }).click();
      const file = await download;
      assert.match(file.suggestedFilename(), /campaign-open-house-recipients\.csv/);
      await screenshot(page, "campaign-results");

      await page.getByRole("link", { name: "All campaigns" }).click();
      await page.getByRole("link", { name: "Open house" }).waitFor();
      await page.getByRole("progressbar", { name: "Open house progress" }).waitFor();
      await screenshot(page, "campaigns");

      await page.setViewportSize(WIDTHS.phone);
      await page.getByRole("link", { name: "Open house" }).click();
      await page.getByText("Completed", { exact: true }).waitFor();
      assert.equal(await horizontalOverflow(page), 0, "the campaign page fits a 375 px screen");
      // Every card keeps the page's margin on both sides (nothing runs into the right edge).
      const edges = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        return [...document.querySelectorAll("main .card")].map((el) => {
          const r = el.getBoundingClientRect();
          return { left: Math.round(r.left), right: Math.round(width - r.right) };
        });
      });
      console.log("card edges at 375 px", JSON.stringify(edges));
      for (const e of edges) {
        assert.ok(e.left >= 8 && e.right >= 8, `a card touches the screen's edge: ${JSON.stringify(e)}`);
        assert.ok(Math.abs(e.left - e.right) <= 1, `a card's margins differ: ${JSON.stringify(e)}`);
      }
      // The picture at 375 px comes from a phone (overlay scrollbars): a desktop window narrowed to 375 px
      // keeps a 15 px scrollbar, and its full-page screenshot cuts that much off the right edge.
      const campaignUrl = page.url();
      const phone = await newContext(chromium.browser, { viewport: WIDTHS.phone });
      try {
        await logInInBrowser(phone.page, user);
        await phone.page.goto(campaignUrl);
        await phone.page.getByText("Completed", { exact: true }).waitFor();
        assert.equal(await horizontalOverflow(phone.page), 0, "the campaign page fits a phone");
        await screenshot(phone.page, "campaign-phone");
        assert.deepEqual(phone.errors, []);
      } finally {
        await phone.context.close();
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
