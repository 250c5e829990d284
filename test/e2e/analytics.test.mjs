// Analytics on the overview page: after a customer's question the assistant
// answers and one it cannot, every headline figure on the page equals the
// API's, and "Add to knowledge" takes the unanswered question off the list.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { WIDTHS, horizontalOverflow, launchBrowser, logInInBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

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

const valueAt = (totals, path) => path.split(".").reduce((o, k) => o?.[k], totals);

/** The API's value for a breakdown figure the page marks with data-figure. */
function breakdownAt(bd, figure) {
  const [group, name, key] = figure.split(".");
  const list = {
    "conversations.byChannel": () => bd.conversations.byChannel.find((c) => c.channelId === key)?.count,
    "conversations.byHandoffReason": () => bd.conversations.byHandoffReason.find((h) => h.reason === key)?.count,
    "messages.failuresByReason": () => bd.messages.failuresByReason.find((f) => (f.code ?? "none") === key)?.count,
    "leads.scoreDistribution": () => bd.leads.scoreDistribution.find((b) => String(b.min) === key)?.count,
    "leads.funnel": () => bd.leads.funnel[key],
  }[`${group}.${name}`];
  if (list) return list();
  if (figure === "responsiveness.repliesWhileClosed") return bd.responsiveness.repliesWhileClosed && bd.responsiveness.repliesWhileClosed.bot + bd.responsiveness.repliesWhileClosed.agent;
  if (figure === "leads.hotWaiting" || figure === "leads.cold") return valueAt(bd, figure).count;
  return valueAt(bd, figure);
}

/** Every breakdown figure on the page equals the API's; returns how many were compared. */
async function expectBreakdownsAsApi(page, bd) {
  const shown = await page.locator("[data-figure]").evaluateAll((els) => els.map((e) => [e.getAttribute("data-figure"), e.getAttribute("data-value")]));
  for (const [figure, value] of shown) {
    const expected = breakdownAt(bd, figure);
    assert.notEqual(expected, undefined, `${figure} is in the API's answer`);
    assert.equal(value, expected === null ? "" : String(expected), figure);
  }
  return shown.length;
}

/** Wait until the overview reports what the assistant did (it answers after a short burst window). */
async function overviewWhen(page, ready) {
  for (let i = 0; i < 120; i++) {
    const res = await call(page, "GET", "/api/analytics/overview");
    assert.equal(res.status, 200);
    if (ready(res.json.current)) return res.json;
    await page.waitForTimeout(250);
  }
  throw new Error("the assistant did not answer in time");
}

describe("analytics", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  test("the overview shows the API's figures; an unanswered question goes to the knowledge in two clicks", async () => {
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      const owner = uniqueUser("Analytics");
      await signUpInBrowser(page, owner);
      await page.getByText("No unanswered questions in this period").waitFor();
      await screenshot(page, "analytics-empty");

      assert.equal((await call(page, "POST", "/api/knowledge", { title: "Office hours", content: "We are open Monday to Friday, 08:00 to 16:00." })).status, 201);
      const sent = [
        await call(page, "POST", "/api/sandbox/messages", { from: "+6281200001001", text: "When is your office open?" }),
        await call(page, "POST", "/api/sandbox/messages", { from: "+6281200001002", text: "Do you have a swimming pool?" }),
      ];
      for (const s of sent) assert.equal(s.status, 202, JSON.stringify(s.json));
      // Settled: both replies sent and delivered by the sandbox.
      const api = await overviewWhen(page, (t) => t.assistant.answered === 1 && t.assistant.unanswered === 1 && t.conversations.handedOff === 1 && t.messages.delivered === 2);

      await page.reload();
      const figures = page.getByRole("definition").and(page.locator("[data-metric]"));
      await page.locator('[data-metric="messages.inbound"][data-value="2"]').waitFor();
      const shown = await figures.evaluateAll((els) => els.map((e) => [e.getAttribute("data-metric"), e.getAttribute("data-value"), e.textContent]));
      assert.ok(shown.length >= 12, "every headline figure is on the page");
      for (const [metric, value, text] of shown) {
        const expected = valueAt(api.current, metric);
        assert.equal(value, expected === null ? "" : String(expected), metric);
        if (!metric.startsWith("responseTimes.")) assert.equal(text, expected.toLocaleString("en-US"), metric);
      }
      assert.equal(api.current.messages.inbound, 2);
      assert.equal(api.current.conversations.new, 2);
      await screenshot(page, "analytics-overview");

      // The breakdowns: why the conversation went to a person, replies, the funnel — as the API counts them.
      const bd = (await call(page, "GET", "/api/analytics/breakdowns")).json;
      assert.deepEqual(bd.conversations.byHandoffReason, [{ reason: "no_knowledge", count: 1 }]);
      assert.equal(bd.responsiveness.customerMessages, 2);
      assert.equal(bd.responsiveness.answered, 2);
      await page.locator('[data-figure="conversations.byHandoffReason.no_knowledge"][data-value="1"]').waitFor();
      assert.ok((await expectBreakdownsAsApi(page, bd)) >= 20, "every breakdown figure is on the page");
      await page.getByRole("list", { name: "Handoffs by reason" }).getByText("The knowledge base has no answer").waitFor();

      // The question it could not answer, with its count; add the answer.
      const list = page.getByRole("list", { name: "Unanswered questions" });
      await list.getByText("Do you have a swimming pool?").waitFor();
      await list.getByText("Asked once").waitFor();
      await list.getByRole("button", { name: "Add to knowledge: Do you have a swimming pool?" }).click();
      const dialog = page.getByRole("dialog", { name: "Add to knowledge" });
      assert.equal(await dialog.getByLabel("Question or topic").inputValue(), "Do you have a swimming pool?");
      await dialog.getByRole("button", { name: "Add to knowledge" }).click();
      await dialog.getByText("Write the answer the assistant should give").waitFor();
      await dialog.getByLabel("Answer").fill("Yes, a 20-metre pool on the roof, open 06:00 to 22:00.");
      await screenshot(page, "analytics-add-to-knowledge");
      await dialog.getByRole("button", { name: "Add to knowledge" }).click();
      await dialog.waitFor({ state: "detached" });
      await page.getByText("No unanswered questions in this period").waitFor();
      assert.deepEqual((await call(page, "GET", "/api/analytics/unanswered")).json.data, []);
      const knowledge = (await call(page, "GET", "/api/knowledge")).json.data.map((e) => e.title);
      assert.ok(knowledge.includes("Do you have a swimming pool?"));

      // The chart and its table agree with the series.
      const series = (await call(page, "GET", `/api/analytics/timeseries?metric=messages.inbound&from=${api.range.from}&to=${api.range.to}`)).json;
      await page.getByRole("button", { name: "Show as table" }).click();
      const rows = page.getByRole("table", { name: "Customer messages per day" }).locator("tbody tr");
      assert.equal(await rows.count(), series.data.length);
      assert.equal(await rows.last().locator("td").last().textContent(), String(series.data.at(-1).value));

      // Another period.
      await page.getByLabel("Period").selectOption("7");
      await page.getByText(/compared with the same number of days before/).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("the demo account opens on 30 days of history, and the page shows the API's figures", async () => {
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      await logInInBrowser(page, { email: process.env.DEMO_EMAIL, password: process.env.DEMO_PASSWORD });
      const api = (await call(page, "GET", "/api/analytics/overview")).json;
      assert.ok(api.current.messages.inbound > 100, "the demo has a month of customer messages");
      assert.ok(api.current.assistant.unanswered > 0 && api.current.leads.booked > 0 && api.current.conversations.handedOff > 0);
      await page.locator(`[data-metric="messages.inbound"][data-value="${api.current.messages.inbound}"]`).waitFor();
      const shown = await page.locator("dd[data-metric]").evaluateAll((els) => els.map((e) => [e.getAttribute("data-metric"), e.getAttribute("data-value")]));
      for (const [metric, value] of shown) assert.equal(value, String(valueAt(api.current, metric) ?? ""), metric);
      await page.getByRole("list", { name: "Unanswered questions" }).waitFor();
      await page.locator("svg.usage-svg").waitFor();
      const bd = (await call(page, "GET", "/api/analytics/breakdowns")).json;
      assert.ok(bd.leads.funnel.asked > bd.leads.funnel.qualified && bd.leads.funnel.qualified > 0, "the demo's funnel narrows");
      await page.locator(`[data-figure="leads.funnel.asked"][data-value="${bd.leads.funnel.asked}"]`).waitFor();
      assert.ok((await expectBreakdownsAsApi(page, bd)) >= 20);
      await screenshot(page, "analytics-demo");
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("the demo's finished campaign: its page, its recipients and the overview show the API's figures, at 1280 and 375 px", async () => {
    const demo = { email: process.env.DEMO_EMAIL, password: process.env.DEMO_PASSWORD };
    for (const viewport of [WIDTHS.desktop, WIDTHS.phone]) {
      const { context, page, errors } = await newContext(chromium.browser, { viewport });
      try {
        await logInInBrowser(page, demo);
        const list = (await call(page, "GET", "/api/campaigns")).json.data;
        const c = list.find((x) => x.name === "New listing: BSD City family home");
        assert.ok(c, "the demo has its campaign");
        assert.equal(c.status, "completed");
        assert.ok(c.counts.read > 0 && c.counts.replied > 0 && c.counts.converted > 0 && c.counts.failed > 0);
        const overview = (await call(page, "GET", "/api/analytics/overview")).json.current;
        assert.equal(overview.campaigns.sent, c.counts.sent);
        assert.equal(overview.campaigns.replied, c.counts.replied);

        await page.goto("/campaigns");
        const table = page.getByRole("table", { name: "Campaigns" });
        const row = table.getByRole("row").filter({ hasText: c.name });
        await row.waitFor();
        assert.match(await row.innerText(), /Completed/);
        assert.equal((await row.locator('td[data-label="Read"]').innerText()).trim(), String(c.counts.read));
        assert.equal((await row.locator('td[data-label="Replied"]').innerText()).trim(), String(c.counts.replied));
        assert.equal(await horizontalOverflow(page), 0);
        await screenshot(page, "campaigns-demo");

        await row.getByRole("link", { name: c.name }).click();
        await page.getByRole("heading", { level: 1, name: c.name }).waitFor();
        await page.locator('[aria-label="Totals"] dd').first().waitFor();
        const shown = Object.fromEntries(
          await page.locator('[aria-label="Totals"] .total').evaluateAll((els) => els.map((e) => [e.querySelector("dt").textContent, Number(e.querySelector("dd").textContent)])),
        );
        assert.deepEqual(shown, {
          Recipients: c.audienceCount,
          Queued: c.counts.queued,
          Sent: c.counts.sent,
          Delivered: c.counts.delivered,
          Read: c.counts.read,
          Replied: c.counts.replied,
          Converted: c.counts.converted,
          Failed: c.counts.failed,
          Skipped: c.counts.skipped,
        });
        // The recipients: everyone, the failures with their reason in words.
        const recipients = page.getByRole("table", { name: "Recipients" });
        await recipients.getByRole("row").nth(1).waitFor();
        await page.getByLabel("Status", { exact: true }).selectOption("failed");
        await recipients.getByRole("row").filter({ hasText: /Undeliverable|WhatsApp held this marketing message back/ }).first().waitFor();
        assert.equal(await horizontalOverflow(page), 0);
        await screenshot(page, "campaign-demo");

        // A recipient who replied: the inbox shows the announcement, rendered with their name, and their reply after it.
        const replied = (await call(page, "GET", `/api/campaigns/${c.id}/recipients?status=replied&limit=1`)).json.data[0];
        const contact = (await call(page, "GET", `/api/contacts/${replied.contactId}`)).json;
        const timeline = (await call(page, "GET", `/api/contacts/${replied.contactId}/timeline?limit=100`)).json.data;
        const conversationId = timeline.find((i) => i.id === replied.messageId).conversationId;
        await page.goto(`/inbox?c=${encodeURIComponent(conversationId)}`);
        const announcement = page.getByText(`Hi ${contact.name}, a 4-bedroom house in BSD City`).first();
        await announcement.waitFor();
        await announcement.scrollIntoViewIfNeeded();
        assert.equal(await horizontalOverflow(page), 0);
        await screenshot(page, "inbox-demo-campaign", { fullPage: false });

        await page.goto("/");
        await page.locator(`[data-metric="messages.inbound"][data-value="${overview.messages.inbound}"]`).waitFor();
        await page.locator(`[data-metric="campaigns.sent"][data-value="${c.counts.sent}"]`).waitFor();
        assert.equal(await horizontalOverflow(page), 0);
        await screenshot(page, "analytics-demo-campaign");
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });

  test("works at 375 px", async () => {
    const { context, page, errors } = await newContext(chromium.browser, { viewport: WIDTHS.phone });
    try {
      await signUpInBrowser(page, uniqueUser("Phone"));
      await page.getByText("No unanswered questions in this period").waitFor();
      await page.locator('[data-metric="conversations.new"]').waitFor();
      await page.locator('[data-figure="leads.funnel.asked"]').waitFor();
      // A business that sends no campaigns sees no campaign figure.
      assert.equal(await page.locator('[data-metric="campaigns.sent"]').count(), 0);
      assert.equal(await horizontalOverflow(page), 0);
      await screenshot(page, "analytics-phone");
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
