// Templates in the inbox: a customer wrote two days ago (a signed WAHA webhook
// with an old timestamp), so the 24-hour window is closed and only templates
// can be sent. The agent fills the template's placeholders, sees them in the
// live preview, and the sent message shows the filled-in text. When the
// template changed in the meantime, the server's refusal is shown and the new
// placeholder appears.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { after, before, describe, test } from "node:test";
import { BASE_URL, WIDTHS, expectNoA11yViolations, horizontalOverflow, launchBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

/** A small real PNG (solid colour), so the thread can decode and show it. */
function png(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 120)]);
  const rows = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

const WEBHOOK_SECRET = "e2e-waha-webhook-secret";

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

/** A customer message delivered by WAHA, signed like WAHA signs it. */
function wahaMessage(channelId, { from, name, text, at }) {
  const seconds = Math.floor(at / 1000);
  const body = JSON.stringify({
    event: "message",
    timestamp: at,
    payload: { id: `false_${from}@c.us_E2E${seconds}`, timestamp: seconds, from: `${from}@c.us`, fromMe: false, body: text, _data: { notifyName: name } },
  });
  return fetch(`${BASE_URL}/webhooks/waha/${channelId}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-webhook-hmac": createHmac("sha512", WEBHOOK_SECRET).update(body).digest("hex"),
      "x-webhook-hmac-algorithm": "sha512",
    },
    body,
  });
}

describe("templates", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  test("outside the 24-hour window the agent fills a template's placeholders and sends it", async () => {
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      await signUpInBrowser(page, uniqueUser("Templates"));

      // A WAHA number (nothing listens at its address: sends fail later, which this test does not need).
      const channel = await call(page, "POST", "/api/channels", {
        type: "waha",
        name: "Shop phone",
        baseUrl: "http://127.0.0.1:9",
        apiKey: "e2e-waha-api-key",
        webhookSecret: WEBHOOK_SECRET,
      });
      assert.equal(channel.status, 201, JSON.stringify(channel.json));
      const template = await call(page, "POST", "/api/templates", {
        name: "order_ready",
        language: "en",
        category: "utility",
        components: [
          { type: "HEADER", format: "TEXT", text: "Order update" },
          { type: "BODY", text: "Hi {{1}}, your order {{2}} is ready for pickup." },
          { type: "FOOTER", text: "Reply STOP to opt out" },
        ],
      });
      assert.equal(template.status, 201, JSON.stringify(template.json));

      const twoDaysAgo = Date.now() - 2 * 24 * 3600_000;
      const res = await wahaMessage(channel.json.id, { from: "15550002222", name: "Rina Closed", text: "Is my order ready?", at: twoDaysAgo });
      assert.equal(res.status, 200, await res.text());

      await page.goto("/inbox");
      const row = page.getByRole("link", { name: /Rina Closed/ });
      await row.waitFor({ timeout: 20_000 });
      await row.click();
      const thread = page.getByRole("region", { name: "Conversation with Rina Closed" });
      await thread.getByText("Is my order ready?").waitFor();
      await thread.getByText("The 24-hour window is closed").waitFor();

      // Choosing the template shows one input per placeholder and a preview with the placeholders still open.
      const form = page.getByRole("form", { name: "Send a template" });
      await form.getByLabel("Template", { exact: true }).selectOption({ label: "order_ready (en)" });
      const first = form.getByLabel("Body {{1}}");
      const second = form.getByLabel("Body {{2}}");
      await first.waitFor();
      await second.waitFor();
      assert.equal(await first.inputValue(), "", "placeholders start empty");
      const preview = form.getByRole("group", { name: "Preview" });
      assert.equal((await preview.innerText()).replace(/\s+/g, " ").trim(), "Order update Hi {{1}}, your order {{2}} is ready for pickup. Reply STOP to opt out");
      const sendButton = form.getByRole("button", { name: "Send template" });
      assert.equal(await sendButton.isDisabled(), true, "nothing to send until every placeholder has a value");

      await first.fill("Rina");
      await preview.getByText("Hi Rina, your order {{2}}").waitFor();
      assert.equal(await sendButton.isDisabled(), true);
      await second.fill("A-1042");
      await preview.getByText("Hi Rina, your order A-1042 is ready for pickup.").waitFor();
      assert.equal(await sendButton.isDisabled(), false);
      await screenshot(page, "inbox-template");
      assert.equal(await horizontalOverflow(page), 0);

      // Someone added a placeholder since the list was loaded: the server refuses, says why, and the new input appears.
      const patched = await call(page, "PATCH", `/api/templates/${template.json.id}`, {
        components: [
          { type: "HEADER", format: "TEXT", text: "Order update" },
          { type: "BODY", text: "Hi {{1}}, your order {{2}} is ready for pickup at {{3}}." },
          { type: "FOOTER", text: "Reply STOP to opt out" },
        ],
      });
      assert.equal(patched.status, 200, JSON.stringify(patched.json));
      await sendButton.click();
      await form.getByText(/takes 3 body parameter\(s\); 2 given/).waitFor();
      const third = form.getByLabel("Body {{3}}");
      await third.waitFor();
      await page.waitForFunction(() => document.activeElement?.getAttribute("name") === "body.3", null, { timeout: 5000 });
      assert.equal(await sendButton.isDisabled(), true);
      await screenshot(page, "inbox-template-refused");
      await third.fill("the Main Street shop");
      await form.getByText(/takes 3 body parameter/).waitFor({ state: "detached" });
      await sendButton.click();

      await thread.getByText("Hi Rina, your order A-1042 is ready for pickup at the Main Street shop.").waitFor({ timeout: 15_000 });
      await page.getByText("Template “order_ready” sent").waitFor();
      assert.equal(await first.inputValue(), "", "the values are cleared after sending");

      // The same on a phone: the picker fits the narrow screen.
      await page.setViewportSize(WIDTHS.phone);
      await form.getByLabel("Template", { exact: true }).selectOption({ label: "order_ready (en)" });
      await form.getByLabel("Body {{1}}").fill("Rina");
      assert.equal(await horizontalOverflow(page), 0, "nothing scrolls sideways at 375 px");
      await screenshot(page, "inbox-template");

      // The one refusal above is the only failed request.
      const refused = errors.filter((e) => /Failed to load resource: the server responded with a status of 400/.test(e));
      assert.equal(refused.length, 1, errors.join("\n"));
      assert.deepEqual(
        errors.filter((e) => !refused.includes(e)),
        [],
      );
    } finally {
      await context.close();
    }
  });

  test("a template with a photo header: the agent chooses the photo, sends it, and sees it in the thread with its status", async () => {
    // A stand-in WAHA server that accepts sends, so the message reaches "Sent".
    const sent = [];
    const waha = createServer((req, res) => {
      let raw = "";
      req.on("data", (d) => (raw += d));
      req.on("end", () => {
        if (req.method === "POST" && req.url?.startsWith("/api/send")) {
          sent.push({ url: req.url, body: JSON.parse(raw) });
          return res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id: `true_15550003333@c.us_E2ETPL${sent.length}` }));
        }
        res.writeHead(404).end();
      });
    });
    await new Promise((resolve) => waha.listen(0, "127.0.0.1", resolve));
    const dir = mkdtempSync(join(tmpdir(), "parley-template-header-"));
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      await signUpInBrowser(page, uniqueUser("Header"));
      const channel = await call(page, "POST", "/api/channels", {
        type: "waha",
        name: "Shop phone",
        baseUrl: `http://127.0.0.1:${waha.address().port}`,
        apiKey: "e2e-waha-api-key",
        webhookSecret: WEBHOOK_SECRET,
      });
      assert.equal(channel.status, 201, JSON.stringify(channel.json));
      const template = await call(page, "POST", "/api/templates", {
        name: "house_photo",
        language: "en",
        category: "marketing",
        components: [{ type: "HEADER", format: "IMAGE" }, { type: "BODY", text: "Hi {{1}}, here is the house you asked about." }],
      });
      assert.equal(template.status, 201, JSON.stringify(template.json));
      const res = await wahaMessage(channel.json.id, { from: "15550003333", name: "Sari Photo", text: "Can I see the house?", at: Date.now() - 2 * 24 * 3600_000 });
      assert.equal(res.status, 200, await res.text());

      await page.goto("/inbox");
      await page.getByRole("link", { name: /Sari Photo/ }).click({ timeout: 20_000 });
      const thread = page.getByRole("region", { name: "Conversation with Sari Photo" });
      await thread.getByText("The 24-hour window is closed").waitFor();
      const form = page.getByRole("form", { name: "Send a template" });
      await form.getByLabel("Template", { exact: true }).selectOption({ label: "house_photo (en)" });

      // The header asks for a photo; nothing can be sent without one.
      const headerGroup = form.getByRole("group", { name: "Header photo" });
      await headerGroup.waitFor();
      await form.getByLabel("Body {{1}}").fill("Sari");
      const sendButton = form.getByRole("button", { name: "Send template" });
      assert.equal(await sendButton.isDisabled(), true);
      await form.getByText("Choose the header photo to send.").waitFor();

      // A document is refused before any upload.
      const uploads = [];
      page.on("request", (r) => r.url().endsWith("/api/media") && r.method() === "POST" && uploads.push(r.url()));
      const pdf = join(dir, "brochure.pdf");
      writeFileSync(pdf, "%PDF-1.4\n%%EOF\n");
      await page.getByTestId("template-header-file").setInputFiles(pdf);
      await headerGroup.getByText(/takes a JPEG or PNG photo; brochure\.pdf is not one/).waitFor();
      assert.equal(uploads.length, 0);

      // The photo, chosen from the keyboard: Enter on the focused button opens the file chooser
      // (the headless browser has no dialog to show, so the opening click is recorded instead).
      const photo = join(dir, "house-front.png");
      writeFileSync(photo, png(160, 120));
      await page.getByTestId("template-header-file").evaluate((input) => {
        input.addEventListener("click", (e) => {
          window.__chooserOpened = true;
          e.preventDefault();
        });
      });
      const chooseButton = headerGroup.getByRole("button", { name: "Choose photo" });
      await chooseButton.focus();
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => window.__chooserOpened === true, null, { timeout: 5000 });
      await page.getByTestId("template-header-file").setInputFiles(photo);
      await headerGroup.getByText("house-front.png").waitFor();
      await form.getByRole("group", { name: "Preview" }).getByText("[photo: house-front.png]").waitFor();
      assert.equal(await sendButton.isDisabled(), false);
      await expectNoA11yViolations(page, "template picker with a photo header");
      await screenshot(page, "inbox-template-header");

      await sendButton.click();
      await page.getByText("Template “house_photo” sent").waitFor({ timeout: 15_000 });
      assert.equal(uploads.length, 1);
      const bubble = thread.locator(".msg-out", { hasText: "Hi Sari, here is the house you asked about." });
      await bubble.getByRole("button", { name: "Open photo full size" }).waitFor({ timeout: 15_000 });
      await page.waitForFunction((el) => el.complete && el.naturalWidth === 160, await bubble.locator("img").elementHandle());
      await bubble.getByText(/Sent|Delivered/).waitFor({ timeout: 15_000 });
      assert.equal(sent.length, 1);
      assert.equal(sent[0].url, "/api/sendImage");
      assert.equal(sent[0].body.caption, "Hi Sari, here is the house you asked about.");
      assert.equal(sent[0].body.file.filename, "house-front.png");
      await screenshot(page, "inbox-template-header-sent");

      // On a phone the picker with its header file fits and stays accessible.
      await page.setViewportSize(WIDTHS.phone);
      await form.getByLabel("Template", { exact: true }).selectOption({ label: "house_photo (en)" });
      await form.getByRole("group", { name: "Header photo" }).waitFor();
      await page.getByTestId("template-header-file").setInputFiles(photo);
      await form.getByRole("group", { name: "Header photo" }).getByText("house-front.png").waitFor();
      assert.equal(await horizontalOverflow(page), 0, "nothing scrolls sideways at 375 px");
      await expectNoA11yViolations(page, "template picker with a photo header at 375 px");
      await screenshot(page, "inbox-template-header");

      // Someone changed the template's header to a document meanwhile: the server refuses the photo,
      // the picker reloads the template, asks for a document and says why the photo was dropped.
      const patched = await call(page, "PATCH", `/api/templates/${template.json.id}`, {
        components: [{ type: "HEADER", format: "DOCUMENT" }, { type: "BODY", text: "Hi {{1}}, here is the house you asked about." }],
      });
      assert.equal(patched.status, 200, JSON.stringify(patched.json));
      await form.getByLabel("Body {{1}}").fill("Sari");
      await form.getByRole("button", { name: "Send template" }).click();
      const docGroup = form.getByRole("group", { name: "Header document" });
      await docGroup.getByText(/takes a PDF, Word, Excel, PowerPoint or text document; house-front\.png is not one/).waitFor({ timeout: 15_000 });
      assert.equal(await form.getByRole("button", { name: "Send template" }).isDisabled(), true);
      assert.equal(sent.length, 1, "the refused template was not sent");
      await screenshot(page, "inbox-template-header-refused");

      // The one refusal above is the only failed request.
      const refused = errors.filter((e) => /Failed to load resource: the server responded with a status of 422/.test(e));
      assert.equal(refused.length, 1, errors.join("\n"));
      assert.deepEqual(
        errors.filter((e) => !refused.includes(e)),
        [],
      );
    } finally {
      await context.close();
      waha.close();
    }
  });
});
