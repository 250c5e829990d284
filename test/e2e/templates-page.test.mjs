// The Templates page: an owner creates a local template (WAHA and sandbox),
// sees validation, previews it with parameters, filters by status, category
// and language, edits it, and deletes it after confirming; a template Meta
// rejected shows Meta's reason (a signed template webhook). At 1280 and 375 px.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { after, before, describe, test } from "node:test";
import { BASE_URL, WIDTHS, horizontalOverflow, launchBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

function call(page, method, path, body) {
  return page.evaluate(
    async ([m, p, b]) => {
      const res = await fetch(p, { method: m, headers: { "content-type": "application/json" }, body: b === undefined ? undefined : JSON.stringify(b) });
      return { status: res.status, json: await res.json().catch(() => null) };
    },
    [method, path, body],
  );
}

// Submitting to Meta needs a Graph API: this file answers as one when the stack was started with
// WHATSAPP_GRAPH_API_URL=http://127.0.0.1:<port>/v21.0 (scripts/start.mjs forwards it).
const fakeGraphPort = /^http:\/\/127\.0\.0\.1:(\d+)\//.exec(process.env.WHATSAPP_GRAPH_API_URL ?? "")?.[1];

describe("templates page", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  for (const viewport of [WIDTHS.desktop, WIDTHS.phone]) {
    test(`create, preview, filter, edit and delete templates (${viewport.width} px)`, async () => {
      const { context, page, errors } = await newContext(chromium.browser, { viewport });
      try {
        const owner = uniqueUser("Templates");
        await signUpInBrowser(page, owner);
        await page.goto("/templates");
        await page.getByRole("heading", { level: 1, name: "Templates" }).waitFor();
        await page.getByText("No templates yet").waitFor();

        await page.getByRole("button", { name: "New template" }).click();
        const editor = page.getByRole("dialog", { name: "New template" });
        await editor.getByLabel("Name").fill("Order Update");
        await editor.getByRole("button", { name: "Create template" }).click();
        await editor.getByText("Use lowercase letters, digits and underscores, like order_update").waitFor();
        await editor.getByText("Write the message").waitFor();
        await editor.getByLabel("Name").fill("order_update");
        await editor.getByLabel("Message").fill("Hi {{1}}, your order {{2}} is on its way.");
        await editor.getByLabel("Footer").fill("Reply STOP to opt out");
        await editor.getByRole("group", { name: "Preview" }).getByText("{{2}}").waitFor();
        await screenshot(page, "template-editor", { fullPage: false });
        await editor.getByRole("button", { name: "Create template" }).click();
        await editor.waitFor({ state: "detached" });
        const list = page.getByRole("list", { name: "Templates" });
        const item = list.getByRole("listitem").filter({ hasText: "order_update" });
        await item.getByText("Approved").waitFor();

        // A second one, in another category and language.
        await call(page, "POST", "/api/templates", { name: "promo_juli", language: "id", category: "marketing", status: "paused", components: [{ type: "BODY", text: "Diskon {{1}}%!" }] });
        await page.reload();
        await list.getByRole("listitem").filter({ hasText: "promo_juli" }).waitFor();

        // Preview with parameters.
        await item.getByRole("button", { name: "Preview order_update" }).click();
        const preview = page.getByRole("dialog", { name: "Preview “order_update”" });
        await preview.getByLabel("Body {{1}}").fill("Sari");
        await preview.getByLabel("Body {{2}}").fill("#1042");
        await preview.getByRole("group", { name: "Preview" }).getByText("#1042").waitFor();
        assert.match(await preview.getByRole("group", { name: "Preview" }).innerText(), /Hi Sari, your order #1042 is on its way\./);
        await screenshot(page, "template-preview", { fullPage: false });
        await page.keyboard.press("Escape");
        await preview.waitFor({ state: "detached" });

        // Filters.
        const filters = page.getByRole("search", { name: "Filter templates" });
        await filters.getByLabel("Status").selectOption("paused");
        await list.getByRole("listitem").filter({ hasText: "promo_juli" }).waitFor();
        assert.equal(await list.getByRole("listitem").count(), 1);
        await filters.getByLabel("Status").selectOption("");
        await filters.getByLabel("Category").selectOption("utility");
        await item.waitFor();
        assert.equal(await list.getByRole("listitem").count(), 1);
        await filters.getByLabel("Category").selectOption("authentication");
        await page.getByText("No templates match these filters").waitFor();
        await page.getByRole("button", { name: "Clear filters" }).click();
        await filters.getByLabel("Language").selectOption("id");
        await list.getByRole("listitem").filter({ hasText: "promo_juli" }).waitFor();
        assert.equal(await list.getByRole("listitem").count(), 1);
        await filters.getByLabel("Language").selectOption("");
        await item.waitFor();
        assert.equal(await horizontalOverflow(page), 0, "nothing scrolls sideways");
        await screenshot(page, "templates");

        // Edit.
        await item.getByRole("button", { name: "Edit order_update" }).click();
        const edit = page.getByRole("dialog", { name: "Edit “order_update”" });
        await edit.getByLabel("Message").fill("Hi {{1}}, order {{2}} has shipped.");
        await edit.getByRole("button", { name: "Save template" }).click();
        await edit.waitFor({ state: "detached" });
        await item.getByText("order {{2}} has shipped.", { exact: false }).waitFor();
        // On a phone the "saved" toast pops in over the bottom of the list, where the next button
        // may be: dismiss it first (in one step, since it also goes away by itself after a few
        // seconds), so the click cannot land on it mid-animation.
        const savedToast = page.getByRole("status").filter({ hasText: "“order_update” saved" });
        await savedToast.evaluateAll((toasts) => toasts.forEach((t) => t.querySelector("button[aria-label='Dismiss notification']")?.click()));
        await savedToast.waitFor({ state: "detached" });

        // Delete asks first; Escape cancels.
        await item.getByRole("button", { name: "Delete order_update" }).click();
        const confirm = page.getByRole("alertdialog", { name: "Delete “order_update”?" });
        await confirm.waitFor();
        await page.keyboard.press("Escape");
        await confirm.waitFor({ state: "detached" });
        await item.getByRole("button", { name: "Delete order_update" }).click();
        await confirm.getByRole("button", { name: "Delete template" }).click();
        await item.waitFor({ state: "detached" });
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }

  test("submit to Meta from the page; Meta's rejection and its reason show up (375 px)", { skip: fakeGraphPort ? false : "start the stack with WHATSAPP_GRAPH_API_URL=http://127.0.0.1:<port>/v21.0 to run against a fake Graph API" }, async () => {
    const submittedToGraph = [];
    const graph = createServer((req, res) => {
      let raw = "";
      req.on("data", (d) => (raw += d));
      req.on("end", () => {
        if (req.method === "POST" && /\/message_templates$/.test(req.url ?? "")) {
          submittedToGraph.push(JSON.parse(raw));
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: "594425479261596", status: "PENDING", category: "MARKETING" }));
        } else res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: 100, message: "Unknown path" } }));
      });
    });
    await new Promise((r) => graph.listen(Number(fakeGraphPort), "127.0.0.1", r));
    const { context, page, errors } = await newContext(chromium.browser, { viewport: WIDTHS.phone });
    try {
      const owner = uniqueUser("Rejected");
      await signUpInBrowser(page, owner);
      const appSecret = "e2e-meta-app-secret-123";
      const phoneNumberId = String(100000000000000 + Math.floor(Math.random() * 1e12));
      const created = await call(page, "POST", "/api/channels", { type: "meta", name: "Sales line", phoneNumberId, wabaId: "102290129340398", accessToken: "EAAGe2etoken123", appSecret });
      assert.equal(created.status, 201, JSON.stringify(created.json));
      await page.goto("/templates");
      await page.getByRole("button", { name: "New template" }).click();
      const editor = page.getByRole("dialog", { name: "New template" });
      await editor.getByLabel("Where it is used").selectOption({ label: "Submit to Meta for Sales line" });
      await editor.getByLabel("Name").fill("abandoned_cart");
      await editor.getByLabel("Category").selectOption("marketing");
      await editor.getByLabel("Message").fill("You left {{1}}{{2}} in your cart");
      await editor.getByRole("button", { name: "Submit to Meta" }).click();
      await editor.waitFor({ state: "detached" });
      const item = page.getByRole("list", { name: "Templates" }).getByRole("listitem").filter({ hasText: "abandoned_cart" });
      await item.getByText("Pending").waitFor();
      assert.deepEqual(submittedToGraph, [{ name: "abandoned_cart", language: "en", category: "MARKETING", components: [{ type: "BODY", text: "You left {{1}}{{2}} in your cart" }] }]);
      const body = JSON.stringify({
        object: "whatsapp_business_account",
        entry: [{ id: "102290129340398", time: Math.floor(Date.now() / 1000), changes: [{ field: "message_template_status_update", value: { event: "REJECTED", message_template_id: 594425479261596, message_template_name: "abandoned_cart", message_template_language: "en", reason: "INVALID_FORMAT", rejection_info: { reason: "Parameters are next to each other.", recommendation: "Separate them with text." } } }] }],
      });
      const res = await fetch(`${BASE_URL}/webhooks/meta/${created.json.id}`, { method: "POST", headers: { "content-type": "application/json", "x-hub-signature-256": "sha256=" + createHmac("sha256", appSecret).update(body).digest("hex") }, body });
      assert.equal(res.status, 200);
      await page.reload();
      await item.getByText("Parameters are next to each other. Separate them with text.").waitFor();
      await item.getByText("Rejected").waitFor();
      assert.equal(await horizontalOverflow(page), 0, "nothing scrolls sideways");
      await screenshot(page, "template-rejected");
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      await new Promise((r) => graph.close(r));
    }
  });
});
