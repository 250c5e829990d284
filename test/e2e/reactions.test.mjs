// Reactions and quoted replies in the thread: a customer's reaction shows on
// the agent's message it reacts to (not as a bubble of its own), a reply shows
// the message it quotes, and a customer's text renders WhatsApp formatting
// without ever becoming markup.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { after, before, describe, test } from "node:test";
import { BASE_URL, WIDTHS, horizontalOverflow, launchBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

describe("reactions and replies in the inbox", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  test("a reaction sits on the message it reacts to and a reply quotes its message", async () => {
    const chat = "6281111444555@c.us";
    // A stand-in WAHA server that accepts sends and names them the way WAHA does.
    const sent = [];
    const waha = createServer((req, res) => {
      if (req.headers["x-api-key"] !== "e2e-waha-key") return res.writeHead(401).end();
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        if (req.method === "POST" && req.url?.startsWith("/api/send")) {
          const id = `true_${chat}_E2ESENT${sent.length + 1}`;
          sent.push({ id, body: JSON.parse(body || "{}") });
          return res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id }));
        }
        res.writeHead(404).end();
      });
    });
    await new Promise((resolve) => waha.listen(0, "127.0.0.1", resolve));
    const wahaUrl = `http://127.0.0.1:${waha.address().port}`;
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      await signUpInBrowser(page, uniqueUser("Reactions"));
      const key = await page.evaluate(async () => {
        const res = await fetch("/api/api-keys", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "e2e" }) });
        return (await res.json()).key;
      });
      const secret = "e2e-waha-webhook-secret";
      const created = await fetch(`${BASE_URL}/api/channels`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ type: "waha", name: "E2E WAHA", baseUrl: wahaUrl, session: "default", apiKey: "e2e-waha-key", webhookSecret: secret }),
      });
      const createdText = await created.text();
      assert.equal(created.status, 201, createdText);
      const channel = JSON.parse(createdText);
      const deliver = async (event, payload) => {
        const raw = JSON.stringify({ event, session: "default", payload: { from: chat, fromMe: false, timestamp: Date.now() / 1000, _data: { notifyName: "Sari React" }, ...payload } });
        const res = await fetch(`${BASE_URL}/webhooks/waha/${channel.id}`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-webhook-hmac": createHmac("sha512", secret).update(raw).digest("hex"), "x-webhook-hmac-algorithm": "sha512" },
          body: raw,
        });
        assert.equal(res.status, 200, await res.text());
      };

      // Markup in a customer's text stays text; WhatsApp's markers become styles.
      await deliver("message", { id: `false_${chat}_Q1`, body: 'Is <img src="x" onerror="window.__pwned=1"> *parking* included?' });
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbox" }).click();
      await page.getByRole("link", { name: /Sari React/ }).click({ timeout: 15_000 });
      const thread = page.getByRole("region", { name: "Conversation with Sari React" });
      await thread.locator(".msg-in .msg-text strong", { hasText: "parking" }).waitFor({ timeout: 15_000 });
      await thread.locator(".msg-in .msg-text", { hasText: '<img src="x" onerror="window.__pwned=1">' }).waitFor();
      assert.equal(await thread.locator(".msg-text img").count(), 0, "no element made from the customer's text");
      assert.equal(await page.evaluate(() => window.__pwned), undefined);

      const takeOver = thread.getByRole("button", { name: "Take over" });
      if (await takeOver.isVisible()) await takeOver.click();
      await page.locator("#reply-box").fill("Yes, _two_ spaces in the basement");
      await page.keyboard.press("Enter");
      const agentBubble = thread.locator(".msg-out", { hasText: "spaces in the basement" });
      await agentBubble.getByText("Sent").waitFor({ timeout: 15_000 });
      const agentSend = sent.find((s) => JSON.stringify(s.body).includes("basement"));
      assert.ok(agentSend, "the agent's reply reached WAHA");

      // The customer reacts to the agent's message, then replies quoting it (by its bare id, as WAHA does).
      await deliver("message.reaction", { id: `false_${chat}_R1`, reaction: { text: "👍", messageId: agentSend.id } });
      await deliver("message", { id: `false_${chat}_Q2`, body: "Great, I'll take the one near the lift", replyTo: { id: agentSend.id.split("_").pop(), participant: chat, body: "Yes, two spaces" } });

      await agentBubble.locator(".msg-reaction", { hasText: "👍" }).waitFor({ timeout: 15_000 });
      await agentBubble.getByText("Customer reacted:").waitFor({ state: "attached" });
      const reply = thread.locator(".msg-in", { hasText: "near the lift" });
      await reply.locator(".msg-quote", { hasText: "Replying to Agent" }).waitFor({ timeout: 15_000 });
      await reply.locator(".msg-quote em", { hasText: "two" }).waitFor();
      // The reaction is no bubble of its own.
      assert.equal(await thread.getByText(/A reaction message/).count(), 0);
      assert.equal(await thread.locator(".msg-in").count(), 2);
      await screenshot(page, "reactions-thread");

      await page.setViewportSize(WIDTHS.phone);
      await agentBubble.locator(".msg-reaction").waitFor();
      assert.equal(await horizontalOverflow(page), 0, "nothing scrolls sideways at 375 px");
      await screenshot(page, "reactions-thread");
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      waha.close();
    }
  });
});
