// How the dashboard explains failures: field messages from problem+json,
// refusals, server errors with a request id, lost connections with a retry,
// and an ended session sending you back to the login page.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { launchBrowser, newContext, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

const demo = { email: process.env.DEMO_EMAIL, password: process.env.DEMO_PASSWORD };

/** Errors other than the failed requests a test provokes on purpose. */
const unexpected = (errors, ...expected) => errors.filter((e) => !expected.some((re) => re.test(e)));

describe("errors", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  test("validation errors from the API appear next to the field; refusals above the form", async () => {
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      // The API refuses an address the browser-side check lets through: its field error is shown on the field.
      await signUpInBrowser(page, uniqueUser("Fields"));
      await page.goto("/team");
      const form = page.getByRole("form", { name: "Invite someone" });
      await form.getByLabel("Email address").fill("someone@example.c");
      await form.getByRole("button", { name: "Create invite link" }).click();
      await form.getByText("Email address must be a valid email address").waitFor();
      assert.equal(await form.getByLabel("Email address").getAttribute("aria-invalid"), "true");
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "email");

      // A conflict that isn't about one field is explained above the form.
      await page.getByRole("button", { name: "Account menu" }).click();
      await page.getByRole("button", { name: "Log out" }).click();
      await page.goto("/signup");
      await page.getByLabel("Your name").fill("Someone Else");
      await page.getByLabel("Work email").fill(demo.email);
      await page.getByLabel("Password", { exact: true }).fill("long-enough-password");
      await page.getByLabel("Business name").fill("Another Shop");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.getByRole("alert").filter({ hasText: "An account with this email already exists" }).waitFor();

      assert.deepEqual(unexpected(errors, /status of 400/, /status of 409/), []);
    } finally {
      await context.close();
    }
  });

  test("a server error shows the request id; a lost connection offers to try again", async () => {
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      await signUpInBrowser(page, uniqueUser("Outage"));

      // 5xx: the page says it couldn't load, and a toast quotes the request id.
      await page.route("**/api/members", (route) =>
        route.fulfill({
          status: 500,
          contentType: "application/problem+json",
          headers: { "x-request-id": "req_E2E_SERVER_ERROR" },
          body: JSON.stringify({
            type: "urn:parley:problem:internal",
            title: "Internal server error",
            status: 500,
            detail: "Something went wrong on our side. Quote the request id when you report it.",
            code: "internal",
            requestId: "req_E2E_SERVER_ERROR",
          }),
        }),
      );
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team" }).click();
      await page.getByText("Couldn't load your team").waitFor();
      await page.getByRole("alert").filter({ hasText: "Something went wrong on our side" }).filter({ hasText: "req_E2E_SERVER_ERROR" }).first().waitFor();
      await page.unroute("**/api/members");
      await page.getByRole("button", { name: "Try again" }).click();
      await page.getByRole("table", { name: "Team members" }).waitFor();

      // Network failure on a page load: an error state with a retry button that works once back online.
      await page.route("**/api/api-keys*", (route) => route.abort("internetdisconnected"));
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" }).click();
      await page.getByText("Couldn't load API keys").waitFor({ timeout: 15_000 });
      await page.getByText("We couldn't reach Parley. Check your internet connection.").waitFor();
      await page.unroute("**/api/api-keys*");
      await page.getByRole("button", { name: "Try again" }).click();
      await page.getByText("No API keys yet").waitFor();

      // Network failure on an action: a toast says nothing was saved and offers to try again.
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team" }).click();
      await page.route("**/api/invitations", (route) => (route.request().method() === "POST" ? route.abort("internetdisconnected") : route.fallback()));
      await page.getByLabel("Email address").fill(`retry-${Date.now()}@example.com`);
      await page.getByRole("button", { name: "Create invite link" }).click();
      const offline = page.getByRole("alert").filter({ hasText: "Couldn't reach Parley" });
      await offline.waitFor();
      await page.unroute("**/api/invitations");
      await offline.getByRole("button", { name: "Try again" }).click();
      await page.getByRole("textbox", { name: "Invitation link" }).waitFor();

      assert.deepEqual(unexpected(errors, /status of 500/, /net::ERR_INTERNET_DISCONNECTED/), []);
    } finally {
      await context.close();
    }
  });

  test("when the session ends, the next request goes back to login and returns afterwards", async () => {
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      const user = uniqueUser("Expired");
      await signUpInBrowser(page, user);
      await context.clearCookies();
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team" }).click();
      await page.getByRole("heading", { level: 1, name: "Log in to Parley" }).waitFor();
      await page.getByRole("status").filter({ hasText: "Please log in again" }).waitFor();
      assert.equal(new URL(page.url()).searchParams.get("next"), "/team");
      await page.getByLabel("Email", { exact: true }).fill(user.email);
      await page.getByLabel("Password", { exact: true }).fill(user.password);
      await page.getByRole("button", { name: "Log in", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Team" }).waitFor();
      assert.deepEqual(unexpected(errors, /status of 401/), []);
    } finally {
      await context.close();
    }
  });
});
