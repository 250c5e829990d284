// A WAHA session managed from the dashboard against a local fake WAHA: start
// it (Parley sets the webhook), scan the QR code, watch it become Working,
// fail, and restart it — the panel follows each state without a reload.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, describe, test } from "node:test";
import { BASE_URL, WIDTHS, horizontalOverflow, launchBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

/** An API key for the signed-in tenant, made with the page's session. */
function apiKeyFor(page) {
  return page.evaluate(async () => {
    const res = await fetch("/api/api-keys", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "e2e" }) });
    if (!res.ok) throw new Error(`creating an API key failed: ${res.status}`);
    return (await res.json()).key;
  });
}

// A 1×1 PNG: enough for the browser to render the code's image.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const API_KEY = "e2e-waha-session-key";

/** The fake WAHA's sessions API: create/update, start/stop/restart, state, QR. */
function fakeWaha() {
  const sessions = new Map();
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (d) => (raw += d));
    req.on("end", () => {
      const send = (status, body, type = "application/json") => res.writeHead(status, { "content-type": type }).end(type === "application/json" ? JSON.stringify(body) : body);
      if (req.headers["x-api-key"] !== API_KEY) return send(401, { message: "Unauthorized" });
      const url = new URL(req.url, "http://x");
      const body = raw ? JSON.parse(raw) : null;
      let m;
      if (req.method === "POST" && url.pathname === "/api/sessions") {
        sessions.set(body.name, { status: "STOPPED", config: body.config, me: null });
        return send(201, { name: body.name, status: "STOPPED" });
      }
      if ((m = /^\/api\/sessions\/([^/]+)$/.exec(url.pathname))) {
        const s = sessions.get(m[1]);
        if (!s) return send(404, { message: "not found" });
        if (req.method === "PUT") s.config = body.config;
        return send(200, { name: m[1], status: s.status, me: s.me });
      }
      if (req.method === "POST" && (m = /^\/api\/sessions\/([^/]+)\/(start|stop|restart)$/.exec(url.pathname))) {
        const s = sessions.get(m[1]);
        s.status = m[2] === "stop" ? "STOPPED" : s.me ? "WORKING" : "SCAN_QR_CODE";
        return send(201, { name: m[1], status: s.status });
      }
      if (/^\/api\/[^/]+\/auth\/qr$/.test(url.pathname)) return send(200, PNG, "image/png");
      return send(404, { message: "not faked" });
    });
  });
  return { server, sessions };
}

describe("WAHA session", { skip: skipReason }, () => {
  let chromium;
  let waha;
  let wahaUrl;
  before(async () => {
    chromium = await launchBrowser();
    waha = fakeWaha();
    await new Promise((resolve) => waha.server.listen(0, "127.0.0.1", resolve));
    wahaUrl = `http://127.0.0.1:${waha.server.address().port}`;
  });
  after(async () => {
    await chromium?.close();
    waha?.server.closeAllConnections?.();
    await new Promise((resolve) => waha?.server.close(resolve));
  });

  test("start, scan the QR code, fail and restart from the dashboard", async () => {
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      await signUpInBrowser(page, uniqueUser("Waha Session"));
      const key = await apiKeyFor(page);
      const created = await fetch(`${BASE_URL}/api/channels`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ type: "waha", name: "Shop phone", baseUrl: wahaUrl, session: "shop", apiKey: API_KEY, webhookSecret: "e2e-waha-webhook-secret-123" }),
      });
      const channel = await created.json();
      assert.equal(created.status, 201, JSON.stringify(channel));

      await page.goto("/channels");
      await page.getByRole("button", { name: "WhatsApp session of Shop phone" }).click();
      const dialog = page.getByRole("dialog", { name: "WhatsApp session of Shop phone" });
      await dialog.getByText("Stopped", { exact: true }).waitFor();
      await dialog.getByRole("button", { name: "Start session" }).click();

      // Parley set the session's webhook itself.
      await dialog.getByText("Waiting for the QR code scan").waitFor();
      const config = waha.sessions.get("shop").config.webhooks[0];
      assert.equal(config.url, channel.webhookUrl);
      assert.equal(config.hmac.key, "e2e-waha-webhook-secret-123");
      assert.deepEqual(config.events, ["message.any", "message.reaction", "message.ack", "session.status"]);
      const qr = dialog.getByRole("img", { name: "QR code to scan with WhatsApp on the business phone" });
      await qr.waitFor();
      assert.match(await qr.getAttribute("src"), /^data:image\/png;base64,/);
      await screenshot(page, "waha-session-qr", { fullPage: false });

      // The phone scans the code: the panel shows it without a reload.
      Object.assign(waha.sessions.get("shop"), { status: "WORKING", me: { id: "6281234567890@c.us", pushName: "Toko Melati" } });
      await dialog.getByText("Working", { exact: true }).waitFor();
      await dialog.getByText("Toko Melati").waitFor();
      await qr.waitFor({ state: "detached" });

      // The session fails (the phone was logged out): restart it.
      Object.assign(waha.sessions.get("shop"), { status: "FAILED", me: null, config: { webhooks: [] } });
      await dialog.getByText("Failed", { exact: true }).waitFor();
      await screenshot(page, "waha-session-failed", { fullPage: false });
      await dialog.getByRole("button", { name: "Restart session" }).click();
      await dialog.getByText("Waiting for the QR code scan").waitFor();
      assert.equal(waha.sessions.get("shop").config.webhooks[0].url, channel.webhookUrl, "restart set the webhook again");

      // Stopping asks first.
      await dialog.getByRole("button", { name: "Stop session" }).click();
      await dialog.getByRole("button", { name: "Yes, stop it" }).click();
      await dialog.getByText("Stopped", { exact: true }).waitFor();
      assert.equal(waha.sessions.get("shop").status, "STOPPED");

      await page.setViewportSize(WIDTHS.phone);
      await dialog.getByRole("button", { name: "Start session" }).waitFor();
      await screenshot(page, "waha-session-stopped", { fullPage: false });
      assert.ok((await horizontalOverflow(page)) <= 0, "the session panel fits a phone");
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
