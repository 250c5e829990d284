// The inbox at scale: search runs on the server (name, phone, message words),
// each row carries its contact (no request per row), and j / ArrowDown walk past
// the first page of conversations, loading the next one.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { BASE_URL, WIDTHS, expectNoA11yViolations, horizontalOverflow, launchBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

const apiKeyFor = (page) =>
  page.evaluate(async () => {
    const res = await fetch("/api/api-keys", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "e2e" }) });
    if (!res.ok) throw new Error(`creating an API key failed: ${res.status}`);
    return (await res.json()).key;
  });

// The inbox lists conversations newest first, and the assistant's answer to each customer moves
// its conversation to the top. Row positions only hold still once every customer has been answered.
const waitUntilEveryoneIsAnswered = async (page, total, customerTexts) => {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const unanswered = await page.evaluate(async (texts) => {
      const res = await fetch("/api/conversations?limit=100");
      if (!res.ok) return -1;
      const { data } = await res.json();
      return { listed: data.length, waiting: data.filter((c) => texts.includes(c.lastMessagePreview)).length };
    }, customerTexts);
    if (unanswered !== -1 && unanswered.listed === total && unanswered.waiting === 0) return;
    if (Date.now() > deadline) assert.fail(`the assistant had not answered everyone: ${JSON.stringify(unanswered)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
};

const sandboxMessage = (key, body) =>
  fetch(`${BASE_URL}/api/sandbox/messages`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) });

describe("inbox at scale", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  test("searches on the server and keeps keyboard navigation past the first page", async () => {
    const { context, page, errors } = await newContext(chromium.browser, { viewport: WIDTHS.desktop });
    try {
      await signUpInBrowser(page, uniqueUser("Scale"));
      const key = await apiKeyFor(page);
      const TOTAL = 53;
      const textOf = (i) => (i === 7 ? "Berapa harga rumah tipe 45?" : `Pesan nomor ${i}`);
      for (let batch = 0; batch < TOTAL; batch += 10) {
        await Promise.all(
          Array.from({ length: Math.min(10, TOTAL - batch) }, (_, j) => {
            const i = batch + j;
            const text = textOf(i);
            return sandboxMessage(key, { from: `+62812700${String(i).padStart(4, "0")}`, name: `Customer ${String(i).padStart(2, "0")}`, text }).then((r) => assert.equal(r.status, 202));
          }),
        );
      }
      await waitUntilEveryoneIsAnswered(page, TOTAL, Array.from({ length: TOTAL }, (_, i) => textOf(i)));
      const contactRequests = [];
      page.on("request", (r) => /\/api\/contacts\/con_/.test(r.url()) && contactRequests.push(r.url()));

      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbox" }).click();
      await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
      const list = page.getByRole("region", { name: "Conversations" });
      // Wait until every conversation is stored: the first page is full and there is a next one.
      await list.getByRole("button", { name: "Load more" }).waitFor({ timeout: 60_000 });
      assert.equal(await list.getByRole("link").count(), 50);
      assert.deepEqual(contactRequests, [], "the list fetched no contact per row");

      // Search on the server: words of a message, a name, a national phone number.
      const search = page.getByLabel("Search conversations");
      await search.fill("rumah harga");
      await list.getByRole("link", { name: /Customer 07/ }).waitFor();
      await page.waitForFunction(() => document.querySelectorAll(".conv-row[data-conversation-id]").length === 1);
      await expectNoA11yViolations(page, "inbox search");
      await screenshot(page, "inbox-search");
      await search.fill("Customer 52");
      await list.getByRole("link", { name: /Customer 52/ }).waitFor();
      await search.fill("0812 700 0031");
      await list.getByRole("link", { name: /Customer 31/ }).waitFor();
      await page.waitForFunction(() => document.querySelectorAll(".conv-row[data-conversation-id]").length === 1);
      await search.fill("tidak ada yang cocok");
      await list.getByText("No conversations match").waitFor();
      await search.fill("");
      await list.getByRole("button", { name: "Load more" }).waitFor();

      // Keyboard: focus the last loaded row, ArrowDown loads the next page and moves on, focus kept on a row.
      const rows = list.locator(".conv-row[data-conversation-id]");
      await page.waitForFunction(() => document.querySelectorAll(".conv-row[data-conversation-id]").length === 50);
      // The list may re-render under the pointer (a refetch after the search was cleared): a click that
      // landed on a row being replaced opens nothing, so it is repeated until that conversation is open.
      const last = await rows.nth(49).getAttribute("data-conversation-id");
      const isOpen = (id) => document.querySelector(`.conv-row[data-conversation-id="${id}"]`)?.getAttribute("aria-current") === "true";
      for (let attempt = 1; ; attempt++) {
        await list.locator(`.conv-row[data-conversation-id="${last}"]`).click();
        const opened = await page.waitForFunction(isOpen, last, { timeout: 10_000 }).then(() => true, () => false);
        if (opened) break;
        if (attempt === 3) assert.fail(`clicking conversation ${last} did not open it`);
      }
      await page.waitForFunction(() => document.querySelectorAll(".conv-row[data-conversation-id]")[49]?.getAttribute("aria-current") === "true");
      // ArrowDown works while a row has focus; a row re-rendered under it (a background refetch) loses
      // focus, so focus is put back on the last row and checked right before each press.
      const isFocused = (id) => document.activeElement?.getAttribute("data-conversation-id") === id;
      for (let attempt = 1; ; attempt++) {
        await list.locator(`.conv-row[data-conversation-id="${last}"]`).focus();
        await page.waitForFunction(isFocused, last, { timeout: 5_000 }).catch(() => {});
        await page.keyboard.press("ArrowDown");
        const loaded = await page
          .waitForFunction(() => document.querySelectorAll(".conv-row[data-conversation-id]").length === 53, null, { timeout: 10_000 })
          .then(() => true, () => false);
        if (loaded) break;
        if (attempt === 3) assert.fail("ArrowDown on the last row did not load the next page");
      }
      // The 51st conversation is now the open one (selection follows the keys).
      await page.waitForFunction(() => document.querySelectorAll(".conv-row[data-conversation-id]")[50]?.getAttribute("aria-current") === "true");
      const opened = await rows.nth(50).getAttribute("data-conversation-id");
      assert.match(page.url(), new RegExp(`[?&]c=${opened}`));
      await page.keyboard.press("k");
      await page.waitForFunction(() => document.querySelectorAll(".conv-row[data-conversation-id]")[49]?.getAttribute("aria-current") === "true");
      await page.keyboard.press("j");
      await page.waitForFunction(() => document.querySelectorAll(".conv-row[data-conversation-id]")[50]?.getAttribute("aria-current") === "true");
      assert.equal(await horizontalOverflow(page), 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
