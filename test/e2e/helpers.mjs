// Shared helpers for the browser tests: start Debian's Chromium with a fresh
// profile, connect Playwright to it, watch every page for console errors, and
// save screenshots under test-results/.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const BASE_URL = process.env.BASE_URL?.replace(/\/$/, "") ?? "";
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const SCREENSHOT_DIR = join(root, "test-results", "screenshots");

/** Tests need a running stack; scripts/e2e.mjs provides one and sets BASE_URL. */
export const skipReason = BASE_URL ? false : "BASE_URL is not set: run the browser tests with `npm run test:e2e`";

export const WIDTHS = { desktop: { width: 1280, height: 860 }, phone: { width: 375, height: 780 } };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Launch Chromium ourselves (Playwright's launch() refuses --user-data-dir) and
 * connect over the DevTools protocol. Returns { browser, close }.
 */
export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), "parley-chromium-"));
  const proc = spawn(
    CHROMIUM_PATH,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      `--user-data-dir=${profile}`,
      "--remote-debugging-address=127.0.0.1",
      "--remote-debugging-port=0",
      "about:blank",
    ],
    // Its own process group, so its helpers (zygote, crashpad) are stopped with it.
    { stdio: ["ignore", "ignore", "pipe"], detached: true },
  );
  let stderr = "";
  proc.stderr.on("data", (d) => {
    stderr += d;
  });
  let exited = false;
  // If this test process dies without running its after() hooks, don't leave Chromium behind.
  const killOnExit = () => {
    try {
      process.kill(-proc.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  };
  process.once("exit", killOnExit);
  proc.on("exit", () => {
    exited = true;
    process.off("exit", killOnExit);
  });

  // Chromium writes the chosen port to <profile>/DevToolsActivePort once it listens.
  let port = null;
  for (let i = 0; i < 300 && !port && !exited; i++) {
    try {
      const [first] = readFileSync(join(profile, "DevToolsActivePort"), "utf8").split("\n");
      if (first && Number(first) > 0) port = Number(first);
    } catch {
      /* not written yet */
    }
    if (!port) await sleep(100);
  }
  if (!port) {
    try {
      process.kill(-proc.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`Chromium did not start (${CHROMIUM_PATH}):\n${stderr.slice(-2000)}`);
  }
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      const gone = exited ? Promise.resolve() : new Promise((r) => proc.once("exit", r));
      const signalGroup = (signal) => {
        try {
          process.kill(-proc.pid, signal);
        } catch {
          /* already gone */
        }
      };
      signalGroup("SIGTERM");
      await Promise.race([gone, sleep(5000)]);
      signalGroup("SIGKILL");
      await gone;
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      } catch (err) {
        console.warn(`could not remove the temporary Chromium profile ${profile}: ${err.message}`);
      }
    },
  };
}

/**
 * A fresh, isolated browser context (its own cookies) whose pages all report
 * console errors and uncaught exceptions into `errors`.
 */
let contexts = 0;
const clientAddress = () => {
  contexts++;
  return `198.51.${(process.pid + (contexts >> 8)) & 255}.${contexts & 255}`;
};

export async function newContext(browser, { viewport = WIDTHS.desktop } = {}) {
  // Narrow viewports behave like a phone: touch, overlay scrollbars, the page's viewport meta tag.
  const phone = viewport.width < 600;
  // Each context is another person on another network: its own client address, so per-address
  // limits (20 sign-ups an hour) apply to it as they would in production, not to the whole suite.
  const context = await browser.newContext({
    viewport,
    baseURL: BASE_URL,
    deviceScaleFactor: 1,
    isMobile: phone,
    hasTouch: phone,
    extraHTTPHeaders: { "cf-connecting-ip": clientAddress() },
  });
  const errors = [];
  const watch = (page) => {
    page.on("console", (msg) => {
      if (msg.type() === "error") errors.push(`console.error on ${page.url()}: ${msg.text()}`);
    });
    page.on("pageerror", (err) => errors.push(`uncaught exception on ${page.url()}: ${err.message}`));
  };
  context.on("page", watch);
  const page = await context.newPage();
  // Pages opened before the listener was attached (the first one) are covered too.
  if (!page.listenerCount?.("pageerror")) watch(page);
  return { context, page, errors };
}

/** How many CSS pixels the page is wider than the screen (0 when nothing scrolls sideways). */
export function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Save a screenshot of the current page as test-results/screenshots/<name>-<width>.png.
 * Whole page by default; only the screen when a dialog or menu covers it
 * (fixed overlays cover the screen, not the whole page).
 */
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  const file = join(SCREENSHOT_DIR, `${name}-${width}.png`);
  // Let entrance animations finish so the picture shows the settled page.
  await page.waitForTimeout(250);
  await page.screenshot({ path: file, fullPage, animations: "disabled" });
  return file;
}

let counter = 0;
/** Unique, readable test data for each test so runs never collide. */
export function uniqueUser(label) {
  const id = `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return {
    name: `${label} Tester`,
    email: `${label.toLowerCase().replace(/\W+/g, "-")}-${id}@example.com`,
    password: `correct-horse-${id}`,
    tenantName: `${label} Shop ${id.slice(-4)}`,
  };
}

/** Sign up through the dashboard's form and wait for the overview. */
export async function signUpInBrowser(page, user) {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(user.name);
  await page.getByLabel("Work email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByLabel("Business name").fill(user.tenantName);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { level: 1, name: /^Welcome, / }).waitFor();
  // The "Welcome to Parley" toast sits at the bottom of the screen for a few seconds and slides out
  // over whatever button is there: dismiss it in one step, so no later click can land on it.
  const welcome = page.getByRole("status").filter({ hasText: "Welcome to Parley" });
  await welcome.evaluateAll((toasts) => toasts.forEach((t) => t.querySelector("button[aria-label='Dismiss notification']")?.click()));
  await welcome.waitFor({ state: "detached" });
}

/** Log in through the dashboard's form and wait for the overview. */
export async function logInInBrowser(page, { email, password }) {
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: /^Welcome, / }).waitFor();
}

/**
 * Run axe-core on the page (WCAG 2.0/2.1/2.2 A and AA rules) and fail with a
 * readable list of what is wrong. `exclude` skips selectors owned elsewhere.
 */
export async function expectNoA11yViolations(page, label, { exclude = [] } = {}) {
  if (!(await page.evaluate(() => "axe" in window))) {
    // Evaluated over the DevTools protocol: the dashboard's CSP (script-src 'self') would refuse a script tag.
    await page.evaluate(readFileSync(join(root, "node_modules", "axe-core", "axe.min.js"), "utf8"));
  }
  // Entrance animations (a dialog fading in) would be measured half-transparent: let them finish first.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  const violations = await page.evaluate(async (exclude) => {
    const result = await window.axe.run(
      { include: [document], exclude: exclude.map((s) => [s]) },
      { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] }, resultTypes: ["violations"] },
    );
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join("\n    ")}`);
  }, exclude);
  if (violations.length) throw new Error(`accessibility violations on ${label}:\n  ${violations.join("\n  ")}`);
}
