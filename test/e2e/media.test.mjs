// Files in the inbox: an agent attaches a photo and a document (button, checked
// before upload), sends them with a caption, and sees them in the thread — the
// photo as a thumbnail that opens full size, the document with its name, size and
// a download link — with their delivery status. WhatsApp formatting renders as styles.
import assert from "node:assert/strict";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { after, before, describe, test } from "node:test";
import { BASE_URL, WIDTHS, horizontalOverflow, launchBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

async function apiKeyFor(page) {
  return page.evaluate(async () => {
    const res = await fetch("/api/api-keys", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "e2e" }) });
    if (!res.ok) throw new Error(`creating an API key failed: ${res.status}`);
    return (await res.json()).key;
  });
}

const sandboxMessage = (key, body) =>
  fetch(`${BASE_URL}/api/sandbox/messages`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) });

/** A real PNG (a green-to-blue gradient), so the browser can decode and show it. */
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
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set([20, Math.round((255 * x) / width), Math.round((255 * y) / height)], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
}

describe("media in the inbox", { skip: skipReason }, () => {
  let chromium;
  let dir;
  before(async () => {
    chromium = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), "parley-media-"));
  });
  after(async () => {
    await chromium?.close();
  });

  test("an agent sends a photo and a document and sees them in the thread", async () => {
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      await signUpInBrowser(page, uniqueUser("Media"));
      const key = await apiKeyFor(page);
      const res = await sandboxMessage(key, { from: "+15550002222", name: "Dewi Media", text: "Do you have *photos* of the _garden_? ~old~ ```ref 12```" });
      assert.equal(res.status, 202, await res.text());

      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbox" }).click();
      await page.getByRole("link", { name: /Dewi Media/ }).click();
      const thread = page.getByRole("region", { name: "Conversation with Dewi Media" });
      // WhatsApp formatting renders as styles, never as markup from the text.
      await thread.locator(".msg-text strong", { hasText: "photos" }).waitFor();
      await thread.locator(".msg-text em", { hasText: "garden" }).waitFor();
      await thread.locator(".msg-text s", { hasText: "old" }).waitFor();
      await thread.locator(".msg-text code", { hasText: "ref 12" }).waitFor();

      const takeOver = thread.getByRole("button", { name: "Take over" });
      if (await takeOver.isVisible()) await takeOver.click();

      // A type WhatsApp does not send is refused before any upload.
      const gif = join(dir, "funny.gif");
      writeFileSync(gif, Buffer.from("GIF89a"));
      const uploads = [];
      page.on("request", (r) => r.url().endsWith("/api/media") && r.method() === "POST" && uploads.push(r.url()));
      await page.getByTestId("composer-file").setInputFiles(gif);
      await thread.getByText(/WhatsApp can't send funny\.gif/).waitFor();
      assert.equal(uploads.length, 0);

      // A photo with a caption.
      const photo = join(dir, "garden.png");
      writeFileSync(photo, png(320, 200));
      await thread.getByRole("button", { name: "Attach file" }).waitFor();
      await page.getByTestId("composer-file").setInputFiles(photo);
      await thread.getByText("garden.png").waitFor();
      await page.locator("#reply-box").fill("The *garden* at the back");
      await page.keyboard.press("Enter");
      const thumb = thread.getByRole("button", { name: "Open photo full size" });
      await thumb.waitFor({ timeout: 15_000 });
      const img = thumb.locator("img");
      await page.waitForFunction((el) => el.complete && el.naturalWidth === 320, await img.elementHandle());
      await thread.locator(".msg-out .msg-text strong", { hasText: "garden" }).waitFor();
      await thread.locator(".msg-out", { has: page.locator(".msg-media-thumb") }).getByText("Delivered").waitFor({ timeout: 15_000 });
      assert.equal(uploads.length, 1);

      await thumb.click();
      const dialog = page.getByRole("dialog", { name: "garden.png" });
      await dialog.waitFor();
      await page.waitForFunction(() => document.querySelector(".media-full")?.naturalWidth === 320);
      await screenshot(page, "media-photo-full", { fullPage: false });
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });

      // A document: name, size and a download link that serves the file.
      // Dropped onto the composer rather than picked.
      const pdfBytes = Buffer.from("%PDF-1.4\n% Parley test document\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
      const dataTransfer = await page.evaluateHandle(({ name, b64 }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name, { type: "application/pdf" }));
        return dt;
      }, { name: "price-list.pdf", b64: pdfBytes.toString("base64") });
      const composerForm = page.locator("form.composer-form");
      await composerForm.dispatchEvent("dragover", { dataTransfer });
      await composerForm.dispatchEvent("drop", { dataTransfer });
      await thread.getByText("price-list.pdf").waitFor();
      await page.locator("#reply-box").press("Enter");
      const card = thread.locator(".msg-file", { hasText: "price-list.pdf" });
      await card.waitFor({ timeout: 15_000 });
      const link = card.getByRole("link", { name: "Download price-list.pdf" });
      const href = await link.getAttribute("href");
      const served = await page.evaluate(async (url) => {
        const r = await fetch(url);
        return { status: r.status, type: r.headers.get("content-type"), text: await r.text() };
      }, href);
      assert.deepEqual({ status: served.status, type: served.type }, { status: 200, type: "application/pdf" });
      assert.match(served.text, /Parley test document/);
      await thread.locator(".msg-out", { has: page.locator(".msg-file") }).getByText("Delivered").waitFor({ timeout: 15_000 });
      await screenshot(page, "media-thread");

      await page.setViewportSize(WIDTHS.phone);
      await thumb.waitFor();
      assert.equal(await horizontalOverflow(page), 0, "nothing scrolls sideways at 375 px");
      await screenshot(page, "media-thread");
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
  test("a customer's photo, document and location are shown in the thread", async () => {
    // A stand-in WAHA server: the files its webhook points at, and the bot's acknowledgement.
    const photoBytes = png(240, 160);
    const pdfBytes = Buffer.from("%PDF-1.4\n% customer's floor plan\n%%EOF\n");
    const sent = [];
    const waha = createServer((req, res) => {
      if (req.headers["x-api-key"] !== "e2e-waha-key") return res.writeHead(401).end();
      if (req.method === "GET" && req.url === "/api/files/default/photo.png") return res.writeHead(200, { "content-type": "image/png", "content-length": photoBytes.length }).end(photoBytes);
      if (req.method === "GET" && req.url === "/api/files/default/plan.pdf") return res.writeHead(200, { "content-type": "application/pdf", "content-length": pdfBytes.length }).end(pdfBytes);
      if (req.method === "POST" && req.url?.startsWith("/api/send")) {
        sent.push(req.url);
        return res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id: `true_6281111@c.us_E2E${sent.length}` }));
      }
      res.writeHead(404).end();
    });
    await new Promise((resolve) => waha.listen(0, "127.0.0.1", resolve));
    const wahaUrl = `http://127.0.0.1:${waha.address().port}`;
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      await signUpInBrowser(page, uniqueUser("Media In"));
      const key = await apiKeyFor(page);
      const secret = "e2e-waha-webhook-secret";
      const created = await fetch(`${BASE_URL}/api/channels`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ type: "waha", name: "E2E WAHA", baseUrl: wahaUrl, session: "default", apiKey: "e2e-waha-key", webhookSecret: secret }),
      });
      const createdText = await created.text();
      assert.equal(created.status, 201, createdText);
      const channel = JSON.parse(createdText);
      const deliver = async (payload) => {
        const raw = JSON.stringify({ event: "message", session: "default", payload: { from: "6281111222333@c.us", fromMe: false, timestamp: Math.floor(Date.now() / 1000), _data: { notifyName: "Rina Files" }, ...payload } });
        const res = await fetch(`${BASE_URL}/webhooks/waha/${channel.id}`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-webhook-hmac": createHmac("sha512", secret).update(raw).digest("hex"), "x-webhook-hmac-algorithm": "sha512" },
          body: raw,
        });
        const text = await res.text();
        assert.equal(res.status, 200, text);
      };
      await deliver({ id: "false_6281111222333@c.us_E2EPHOTO", body: "", hasMedia: true, media: { url: `${wahaUrl}/api/files/default/photo.png`, mimetype: "image/png" } });
      await deliver({ id: "false_6281111222333@c.us_E2EPLAN", body: "", hasMedia: true, media: { url: `${wahaUrl}/api/files/default/plan.pdf`, mimetype: "application/pdf", filename: "floor-plan.pdf" } });
      await deliver({ id: "false_6281111222333@c.us_E2ELOC", body: "", location: { latitude: "-6.2088", longitude: "106.8456", description: "Monas, Jakarta" } });

      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbox" }).click();
      await page.getByRole("link", { name: /Rina Files/ }).click({ timeout: 15_000 });
      const thread = page.getByRole("region", { name: "Conversation with Rina Files" });
      const thumb = thread.locator(".msg-in").getByRole("button", { name: "Open photo full size" });
      await thumb.waitFor({ timeout: 15_000 });
      await page.waitForFunction((el) => el.complete && el.naturalWidth === 240, await thumb.locator("img").elementHandle());
      const card = thread.locator(".msg-in .msg-file", { hasText: "floor-plan.pdf" });
      await card.waitFor({ timeout: 15_000 });
      await card.getByRole("link", { name: "Download floor-plan.pdf" }).waitFor();
      await thread.getByText("Location: Monas, Jakarta").waitFor();
      await thread.getByText("-6.208800, 106.845600").waitFor();
      const map = thread.getByRole("link", { name: /Open in a map/ });
      assert.match(await map.getAttribute("href"), /openstreetmap\.org\/\?mlat=-6\.2088&mlon=106\.8456/);
      // None of them went unanswered: the assistant acknowledged them and handed over.
      await thread.getByText("Human is answering").waitFor({ timeout: 15_000 });
      await thread.getByText(/we've received your message/).first().waitFor();
      await screenshot(page, "media-inbound");
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      waha.close();
    }
  });
});
