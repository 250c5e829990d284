// The inbox: a sandbox message sent through the API appears live (no reload),
// then an agent takes the conversation over and replies.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { BASE_URL, WIDTHS, horizontalOverflow, launchBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

/** An API key for the signed-in tenant, made with the page's session. */
export async function apiKeyFor(page) {
  return page.evaluate(async () => {
    const res = await fetch("/api/api-keys", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "e2e" }) });
    if (!res.ok) throw new Error(`creating an API key failed: ${res.status}`);
    return (await res.json()).key;
  });
}

export function sandboxMessage(key, body) {
  return fetch(`${BASE_URL}/api/sandbox/messages`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("inbox", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  test("a sandbox message appears live; the agent takes over and replies", async () => {
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      await signUpInBrowser(page, uniqueUser("Inbox"));
      const key = await apiKeyFor(page);

      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbox" }).click();
      await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
      await page.getByText("No conversations yet").waitFor();
      await page.getByRole("status").filter({ hasText: /^Live/ }).waitFor({ timeout: 15_000 });
      await screenshot(page, "inbox-empty");

      // The message arrives through the API while the page stays open.
      const navigations = [];
      page.on("framenavigated", (f) => f === page.mainFrame() && navigations.push(f.url()));
      const res = await sandboxMessage(key, { from: "+15550001111", name: "Maria Live", text: "Hi, do you deliver on Sundays?" });
      assert.equal(res.status, 202, await res.text());
      const row = page.getByRole("link", { name: /Maria Live/ });
      await row.waitFor({ timeout: 15_000 });
      assert.equal(navigations.length, 0, "the conversation appeared without a reload");

      await row.click();
      const thread = page.getByRole("region", { name: "Conversation with Maria Live" });
      await thread.getByText("Hi, do you deliver on Sundays?").waitFor();

      // Take over, then reply; r focuses the reply box.
      const takeOver = thread.getByRole("button", { name: "Take over" });
      if (await takeOver.isVisible()) await takeOver.click();
      await page.locator("body").click({ position: { x: 5, y: 5 } });
      await page.keyboard.press("r");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "reply-box");
      await page.keyboard.type("Yes, we deliver every day until 8 pm.");
      await page.keyboard.press("Enter");
      await thread.getByText("Yes, we deliver every day until 8 pm.").waitFor();
      await thread.getByText("Human is answering").waitFor({ timeout: 15_000 });
      await thread.getByRole("button", { name: "Hand back to bot" }).waitFor();

      // Internal notes look different and say who sees them.
      await thread.getByRole("button", { name: "Internal note" }).click();
      await page.getByLabel("Internal note", { exact: true }).fill("Customer asked about Sunday delivery");
      await thread.getByRole("button", { name: "Add note" }).click();
      await thread.getByText("Only your team sees this").waitFor();

      await page.getByRole("complementary", { name: "Contact" }).getByText("+15550001111").waitFor();
      await screenshot(page, "inbox-thread");

      // The phone layout stacks the panes: list → thread → contact.
      await page.setViewportSize(WIDTHS.phone);
      await thread.getByRole("link", { name: "Contact" }).click();
      await page.getByRole("complementary", { name: "Contact" }).getByText("Lead score").waitFor();
      assert.equal(await horizontalOverflow(page), 0, "nothing scrolls sideways at 375 px");
      await screenshot(page, "inbox-contact");
      await page.getByRole("link", { name: "← Conversation" }).click();
      await thread.getByText("Yes, we deliver every day until 8 pm.").waitFor();
      assert.equal(await horizontalOverflow(page), 0);
      await screenshot(page, "inbox-thread");
      await thread.getByRole("link", { name: "← Conversations" }).click();
      await page.getByRole("link", { name: /Maria Live/ }).waitFor();
      await screenshot(page, "inbox");

      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
