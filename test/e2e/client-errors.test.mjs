// A page that crashes shows a way out and reports itself: an API answer the
// page cannot handle makes it throw while rendering; the fallback explains,
// offers Reload and the inbox, passes axe at 1280 and 375 px, and the report
// reaches the Worker (its log line when no Sentry DSN is set). Uncaught
// errors are reported once each, a few per page load at most.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { WIDTHS, expectNoA11yViolations, horizontalOverflow, launchBrowser, newContext, root, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

const STACK_LOG = join(root, "test-results", "e2e-stack.log");
const REPORTS = "/api/client-errors";

/** The Worker's "dashboard error" log lines (written when no Sentry DSN is configured). */
function workerReports() {
  let text = "";
  try {
    text = readFileSync(STACK_LOG, "utf8");
  } catch {
    return [];
  }
  return text.split("\n").flatMap((raw) => {
    // wrangler prints warnings with a coloured prefix and colour codes around the line.
    const line = raw.replace(/\x1b\[[0-9;]*m/g, "");
    const at = line.indexOf('{"level"');
    if (at < 0 || !line.includes('"msg":"dashboard error"')) return [];
    try {
      return [JSON.parse(line.slice(at))];
    } catch {
      return [];
    }
  });
}

/** Poll the stack log until `match` finds a line (the Worker writes it when it answers). */
async function workerReport(match, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = workerReports().find(match);
    if (found || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Errors other than the ones a test provokes on purpose. */
const unexpected = (errors, ...expected) => errors.filter((e) => !expected.some((re) => re.test(e)));

describe("client errors", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  for (const [label, viewport] of Object.entries(WIDTHS)) {
    test(`a page that crashes shows the fallback and its report reaches the worker (${label})`, async () => {
      const { context, page, errors } = await newContext(chromium.browser, { viewport });
      try {
        await signUpInBrowser(page, uniqueUser(`Crash ${label}`));
        const me = await page.evaluate(() => fetch("/api/me").then((r) => r.json()));

        // A team list without its `data`: the members table throws while rendering.
        await page.route("**/api/members", (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ nextCursor: null }) }));
        const sent = page.waitForRequest((r) => new URL(r.url()).pathname === REPORTS);
        const answered = page.waitForResponse((r) => new URL(r.url()).pathname === REPORTS);
        await page.goto("/team?tab=members&email=someone%40example.com");

        await page.getByRole("heading", { level: 1, name: "Something went wrong" }).waitFor();
        await page.getByText("This page ran into a problem and couldn't be shown.").waitFor();
        await page.getByRole("button", { name: "Reload" }).waitFor();
        const inbox = page.getByRole("link", { name: "Back to the inbox" });
        assert.equal(await inbox.getAttribute("href"), "/inbox");

        // What the dashboard sent: the render error, its component stack and the path without its query.
        const report = JSON.parse((await sent).postData() ?? "{}");
        assert.equal(report.kind, "render");
        assert.equal(report.name, "TypeError");
        assert.match(report.message, /reading 'length'/);
        assert.equal(report.path, "/team");
        assert.ok(report.componentStack?.length > 0, "a component stack is sent");
        assert.match(report.release, /^index-/);
        assert.equal((await answered).status(), 204);

        // What the worker received: attributed to this tenant and route, scrubbed of the query.
        const line = await workerReport((l) => l.tenantId === me.tenant.id && l.route === "/team");
        assert.ok(line, `the worker logged the report (${STACK_LOG})`);
        assert.equal(line.kind, "render");
        assert.equal(line.signedIn, true);
        assert.match(line.message, /reading 'length'/);
        assert.ok(!JSON.stringify(line).includes("someone"), "the page's query string never reaches the log");

        assert.equal(await horizontalOverflow(page), 0);
        await expectNoA11yViolations(page, `the crash fallback at ${viewport.width} px`);
        await screenshot(page, "crash-fallback");

        // The way out works: the inbox loads in full.
        await page.unroute("**/api/members");
        await inbox.click();
        await page.waitForURL("**/inbox");
        await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();

        assert.deepEqual(unexpected(errors, /reading 'length'/), []);
      } finally {
        await context.close();
      }
    });
  }

  test("a 5xx from the API is reported with its request id; the sign-in pages report without a session", async () => {
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      await signUpInBrowser(page, uniqueUser("Outage report"));
      const me = await page.evaluate(() => fetch("/api/me").then((r) => r.json()));
      const requestId = `req_E2E_${Date.now().toString(36)}`;
      await page.route("**/api/members", (route) =>
        route.fulfill({
          status: 500,
          contentType: "application/problem+json",
          headers: { "x-request-id": requestId },
          body: JSON.stringify({ type: "urn:parley:problem:internal", title: "Internal server error", status: 500, detail: "Something went wrong on our side.", code: "internal", requestId }),
        }),
      );
      const answered = page.waitForResponse((r) => new URL(r.url()).pathname === REPORTS);
      await page.goto("/team");
      await page.getByText("Couldn't load your team").waitFor();
      const report = JSON.parse((await answered).request().postData() ?? "{}");
      assert.deepEqual([report.kind, report.status, report.requestId, report.message], ["api", 500, requestId, "GET /api/members answered 500"]);
      const line = await workerReport((l) => l.apiRequestId === requestId);
      assert.ok(line, "the worker logged the API failure");
      assert.deepEqual([line.kind, line.route, line.tenantId, line.apiStatus], ["api", "/team", me.tenant.id, 500]);

      // Signed out, on the login page: accepted, attributed to no tenant.
      await page.unroute("**/api/members");
      await context.clearCookies();
      await page.goto("/login");
      await page.getByRole("button", { name: "Log in", exact: true }).waitFor();
      const signedOut = page.waitForResponse((r) => new URL(r.url()).pathname === REPORTS);
      const marker = `login page failure ${Date.now().toString(36)}`;
      await page.evaluate((message) => setTimeout(() => { throw new Error(message); }), marker);
      assert.equal((await signedOut).status(), 204);
      const anonymous = await workerReport((l) => l.message === marker);
      assert.ok(anonymous, "the worker logged the signed-out report");
      assert.deepEqual([anonymous.route, anonymous.tenantId, anonymous.signedIn], ["/login", null, false]);

      assert.deepEqual(unexpected(errors, /status of 500/, /login page failure/, /status of 401/), []);
    } finally {
      await context.close();
    }
  });

  test("uncaught errors are reported once each, and at most five per page load", async () => {
    const { context, page, errors } = await newContext(chromium.browser);
    try {
      await signUpInBrowser(page, uniqueUser("Storm"));
      const bodies = [];
      page.on("request", (r) => {
        if (new URL(r.url()).pathname === REPORTS) bodies.push(JSON.parse(r.postData() ?? "{}"));
      });
      // Thirty of the same error, then thirty different ones, outside React.
      await page.evaluate(
        () =>
          new Promise((resolve) => {
            for (let i = 0; i < 30; i++) setTimeout(() => { throw new Error("the same failure"); });
            for (let i = 0; i < 30; i++) setTimeout(() => { throw new Error(`failure number ${i}`); });
            setTimeout(resolve);
          }),
      );
      // A request sent after all of them: every report was issued before it.
      await page.evaluate(() => fetch("/api/health").then((r) => r.status));
      assert.equal(bodies.length, 5);
      assert.deepEqual(
        bodies.map((b) => [b.kind, b.message]),
        [["error", "the same failure"], ...[0, 1, 2, 3].map((i) => ["error", `failure number ${i}`])],
      );
      assert.deepEqual(unexpected(errors, /the same failure|failure number/), []);
    } finally {
      await context.close();
    }
  });
});
