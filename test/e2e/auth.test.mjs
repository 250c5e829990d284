// Logging in with the printed demo account, the session cookie, and logging out.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { BASE_URL, WIDTHS, launchBrowser, newContext, screenshot, skipReason } from "./helpers.mjs";

const demo = { email: process.env.DEMO_EMAIL, password: process.env.DEMO_PASSWORD };

describe("login", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  test("the demo account printed by npm start logs in and reaches the dashboard", async () => {
    assert.ok(demo.email && demo.password, "the runner passes the printed demo credentials as DEMO_EMAIL / DEMO_PASSWORD");
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      await page.goto("/login");
      // The login page shows the same demo account that npm start printed.
      const demoBox = page.getByRole("region", { name: "Try the demo account" });
      await demoBox.getByText(demo.email, { exact: true }).waitFor();
      await demoBox.getByText(demo.password, { exact: true }).waitFor();
      await screenshot(page, "login");

      await page.getByLabel("Email", { exact: true }).fill(demo.email);
      await page.getByLabel("Password", { exact: true }).fill(demo.password);
      await page.getByRole("button", { name: "Log in", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Welcome, Dana" }).waitFor();
      assert.equal(new URL(page.url()).pathname, "/");
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" }).waitFor();

      // The session cookie is HttpOnly, Secure and SameSite=Lax, and Chromium keeps it over http://127.0.0.1.
      const cookies = await context.cookies(BASE_URL);
      const session = cookies.find((c) => c.name === "parley_session");
      assert.ok(session, `Chromium stored the session cookie (cookies: ${cookies.map((c) => c.name).join(", ") || "none"})`);
      assert.equal(session.httpOnly, true);
      assert.equal(session.secure, true);
      assert.equal(session.sameSite, "Lax");
      assert.equal(await page.evaluate(() => document.cookie.includes("parley_session")), false, "scripts cannot read the session cookie");

      // A reload keeps the session: the cookie goes back to the server.
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Welcome, Dana" }).waitFor();
      await screenshot(page, "overview");

      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("'Use demo account' logs in with one click, and logging out ends the session", async () => {
    const { context, page, errors } = await newContext(chromium.browser, { viewport: WIDTHS.phone });
    try {
      await page.goto("/login");
      await screenshot(page, "login");
      await page.getByRole("button", { name: "Use demo account" }).click();
      await page.getByRole("heading", { level: 1, name: "Welcome, Dana" }).waitFor();
      await screenshot(page, "overview");

      await page.getByRole("button", { name: "Account menu" }).click();
      await page.getByRole("button", { name: "Log out" }).click();
      await page.getByRole("heading", { level: 1, name: "Log in to Parley" }).waitFor();
      const cookies = await context.cookies(BASE_URL);
      assert.equal(cookies.find((c) => c.name === "parley_session"), undefined, "logout clears the cookie");

      // Signed-out visitors are sent to the login page, and come back after logging in.
      await page.goto("/team");
      await page.getByRole("heading", { level: 1, name: "Log in to Parley" }).waitFor();
      assert.equal(new URL(page.url()).searchParams.get("next"), "/team");
      await page.getByLabel("Email", { exact: true }).fill(demo.email);
      await page.getByLabel("Password", { exact: true }).fill(demo.password);
      await page.getByRole("button", { name: "Log in", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Team" }).waitFor();

      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("signup shows field messages before sending anything", async () => {
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      await page.goto("/signup");
      await page.getByLabel("Work email").fill("not-an-email");
      await page.getByLabel("Password", { exact: true }).fill("short");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.getByText("Enter your name").waitFor();
      await page.getByText("Enter a valid email address, like name@example.com").waitFor();
      await page.getByText("Use at least 10 characters for your password").waitFor();
      await page.getByText("Enter the name of your business").waitFor();
      // The first field with a problem has focus, and announces its message.
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "name");
      assert.equal(await page.getByLabel("Password", { exact: true }).getAttribute("aria-invalid"), "true");
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
