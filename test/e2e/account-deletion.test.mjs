// Deleting your own account from "Your account": the password is required, a
// workspace that depends on you is named in the refusal, and a teammate who
// deletes theirs is signed out and cannot log in again. At 1280 and 375 px.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { WIDTHS, expectNoA11yViolations, horizontalOverflow, launchBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

describe("account deletion", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  for (const viewport of [WIDTHS.desktop, WIDTHS.phone]) {
    test(`delete your account, refused while a workspace depends on you (${viewport.width} px)`, async () => {
      const ownerSide = await newContext(chromium.browser, { viewport });
      const agentSide = await newContext(chromium.browser, { viewport });
      try {
        const { page } = ownerSide;
        const owner = uniqueUser("Leaver");
        await signUpInBrowser(page, owner);
        await page.goto("/account");
        await page.getByRole("heading", { level: 1, name: "Your account" }).waitFor();
        await page.getByRole("button", { name: "Delete my account…" }).click();
        const dialog = page.getByRole("alertdialog", { name: "Delete your account?" });
        await dialog.getByRole("button", { name: "Delete my account" }).click();
        await dialog.getByText("Enter your password", { exact: true }).waitFor();
        await dialog.getByLabel("Password", { exact: true }).fill("not my password at all");
        await dialog.getByRole("button", { name: "Delete my account" }).click();
        await dialog.getByText("Password is not your password").waitFor();
        await dialog.getByLabel("Password", { exact: true }).fill(owner.password);
        await dialog.getByRole("button", { name: "Delete my account" }).click();
        await dialog.getByText(`You are the only member of ${owner.tenantName}. Delete that workspace first: download its data, then delete it on the Team page.`).waitFor();
        // The dialog offers the way out: the export first, then the workspace together with the account.
        await dialog.getByRole("link", { name: "download your data" }).waitFor();
        await dialog.getByRole("button", { name: "Delete workspace and account" }).waitFor();
        assert.equal(await horizontalOverflow(page), 0, "nothing scrolls sideways");
        await expectNoA11yViolations(page, "delete account dialog with a refusal");
        await screenshot(page, "account-delete-refused", { fullPage: false });
        await dialog.getByRole("button", { name: "Cancel" }).click();
        await dialog.waitFor({ state: "detached" });

        // A teammate joins, then deletes their own account.
        const invite = await page.evaluate(async (email) => {
          const res = await fetch("/api/invitations", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, role: "agent" }) });
          return res.json();
        }, `agent-${owner.email}`);
        const agent = agentSide.page;
        await agent.goto(new URL(invite.url).pathname);
        await agent.getByLabel("Your name").fill("Agent Leaver");
        await agent.getByLabel("Choose a password").fill(owner.password);
        await agent.getByRole("button", { name: "Create account and join" }).click();
        await agent.getByRole("heading", { level: 1, name: /^Welcome, / }).waitFor();
        await agent.goto("/account");
        await agent.getByRole("heading", { level: 1, name: "Your account" }).waitFor();
        await agent.getByRole("button", { name: "Delete my account…" }).click();
        const agentDialog = agent.getByRole("alertdialog", { name: "Delete your account?" });
        await agentDialog.getByLabel("Password", { exact: true }).fill(owner.password);
        await agentDialog.getByRole("button", { name: "Delete my account" }).click();
        await agent.getByRole("status").filter({ hasText: "Your account is deleted" }).waitFor();
        await agent.waitForURL(/\/login$/);
        const login = await agent.evaluate(async (email) => {
          const res = await fetch("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: "x".repeat(12) }) });
          return res.status;
        }, `agent-${owner.email}`);
        assert.equal(login, 401);

        // The owner's team no longer lists them.
        await page.goto("/team");
        await page.getByRole("heading", { level: 1, name: "Team" }).waitFor();
        assert.equal(await page.getByText("Agent Leaver").count(), 0);
        // The refusals above (400, 409) are logged by the browser as failed requests.
        assert.deepEqual(ownerSide.errors.filter((e) => !/status of (400|409)/.test(e)), []);
        // The one failed request is the login attempt above, refused as it should be.
        assert.deepEqual(agentSide.errors.filter((e) => !/status of 401/.test(e)), []);
      } finally {
        await ownerSide.context.close();
        await agentSide.context.close();
      }
    });
  }
});
