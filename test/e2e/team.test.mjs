// Invite a member → open the link in a fresh browser → accept → the new agent
// lands in the tenant and cannot see API keys; the owner then manages them.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { launchBrowser, newContext, screenshot, signUpInBrowser, skipReason, uniqueUser } from "./helpers.mjs";

const demo = { email: process.env.DEMO_EMAIL, password: process.env.DEMO_PASSWORD };

describe("team", { skip: skipReason }, () => {
  let chromium;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  test("an invited agent joins through the link and sees only what agents may use", async () => {
    const owner = uniqueUser("Owner");
    const agent = uniqueUser("Agent");
    const ownerSide = await newContext(chromium.browser);
    const agentSide = await newContext(chromium.browser);
    try {
      const { page } = ownerSide;
      await signUpInBrowser(page, owner);
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team" }).click();
      await page.getByRole("heading", { level: 1, name: "Team" }).waitFor();
      await page.getByText("No pending invitations").waitFor();
      await page.getByRole("row", { name: new RegExp(owner.email) }).getByText("You", { exact: true }).waitFor();

      const inviteForm = page.getByRole("form", { name: "Invite someone" });
      await inviteForm.getByLabel("Email address").fill(agent.email);
      assert.equal(await inviteForm.getByLabel("Role").inputValue(), "agent");
      await inviteForm.getByRole("button", { name: "Create invite link" }).click();
      const link = page.getByRole("textbox", { name: "Invitation link" });
      await link.waitFor();
      const url = await link.inputValue();
      assert.match(url, /\/invite\/[\w-]{20,}$/);
      await page.getByRole("button", { name: "Copy invitation link" }).waitFor();
      await page.getByRole("row", { name: new RegExp(agent.email) }).getByText("Agent", { exact: true }).waitFor();
      await screenshot(page, "team-owner");

      // The invitee opens the link in a browser with no Parley session.
      const invitee = agentSide.page;
      await invitee.goto(new URL(url).pathname);
      await invitee.getByRole("heading", { level: 1, name: `Join ${owner.tenantName} on Parley` }).waitFor();
      await invitee.getByText(agent.email).waitFor();
      await screenshot(invitee, "invite-accept");
      await invitee.getByLabel("Your name").fill(agent.name);
      await invitee.getByLabel("Choose a password").fill(agent.password);
      await invitee.getByRole("button", { name: "Create account and join" }).click();

      await invitee.getByRole("heading", { level: 1, name: "Welcome, Agent" }).waitFor();
      await invitee.getByRole("button", { name: new RegExp(`Current business: ${owner.tenantName}`) }).waitFor();
      const details = invitee.getByRole("region", { name: "Your business" });
      await details.getByText(owner.tenantName, { exact: true }).waitFor();
      await details.getByText("Agent", { exact: true }).waitFor();
      const nav = invitee.getByRole("navigation", { name: "Main" });
      await nav.getByRole("link", { name: "Team" }).waitFor();
      assert.equal(await nav.getByRole("link", { name: "API keys" }).count(), 0, "agents don't get the API keys page in the navigation");
      assert.equal(await invitee.getByRole("link", { name: /Connect your own tools/ }).count(), 0);
      await screenshot(invitee, "overview-agent");

      await nav.getByRole("link", { name: "Team" }).click();
      await invitee.getByRole("heading", { level: 1, name: "Team" }).waitFor();
      await invitee.getByRole("row", { name: new RegExp(owner.email) }).waitFor();
      assert.equal(await invitee.getByRole("form", { name: "Invite someone" }).count(), 0, "agents can't invite");
      assert.equal(await invitee.getByRole("button", { name: /^Remove/ }).count(), 0, "agents can't remove anyone");
      assert.equal(await invitee.getByRole("combobox").count(), 0, "agents can't change roles");
      await screenshot(invitee, "team-agent");

      // Typing the address anyway explains instead of failing.
      await invitee.goto("/api-keys");
      await invitee.getByText("Only owners and admins can manage API keys").waitFor();
      await screenshot(invitee, "api-keys-agent");

      // The owner sees the new member and no pending invitation; promotes, then removes them.
      await page.reload();
      const memberRow = page.getByRole("row", { name: new RegExp(agent.email) });
      await memberRow.waitFor();
      await page.getByText("No pending invitations").waitFor();
      await memberRow.getByLabel(`Role for ${agent.name}`).selectOption("admin");
      await page.getByRole("status").filter({ hasText: `${agent.name} is now an admin` }).waitFor();

      await memberRow.getByRole("button", { name: `Remove ${agent.name}` }).click();
      const confirm = page.getByRole("alertdialog", { name: `Remove ${agent.name}?` });
      await confirm.waitFor();
      await confirm.getByText(agent.email, { exact: false }).waitFor();
      await screenshot(page, "team-remove-confirm", { fullPage: false });
      // Focus stays inside the dialog: Tab from the last button wraps to the first control.
      const focusable = confirm.locator("button");
      const count = await focusable.count();
      for (let i = 0; i < count + 1; i++) await page.keyboard.press("Tab");
      assert.equal(await confirm.evaluate((el) => el.contains(document.activeElement)), true, "Tab stays inside the dialog");
      await confirm.getByRole("button", { name: `Remove ${agent.name}` }).click();
      await confirm.waitFor({ state: "detached" });
      await memberRow.waitFor({ state: "detached" });

      assert.deepEqual(ownerSide.errors, []);
      assert.deepEqual(agentSide.errors, []);
    } finally {
      await ownerSide.context.close();
      await agentSide.context.close();
    }
  });

  test("someone who already has an account logs in from the link, accepts, and can switch between businesses", async () => {
    const owner = uniqueUser("Inviter");
    const ownerSide = await newContext(chromium.browser);
    const demoSide = await newContext(chromium.browser);
    try {
      const { page } = ownerSide;
      await signUpInBrowser(page, owner);
      await page.goto("/team");
      await page.getByLabel("Email address").fill(demo.email);
      await page.getByLabel("Role").selectOption("admin");
      await page.getByRole("button", { name: "Create invite link" }).click();
      const url = await page.getByRole("textbox", { name: "Invitation link" }).inputValue();

      const invitee = demoSide.page;
      await invitee.goto(new URL(url).pathname);
      await invitee.getByRole("heading", { level: 1, name: `Join ${owner.tenantName} on Parley` }).waitFor();
      assert.equal(await invitee.getByLabel("Choose a password").count(), 0, "no password field for an existing account");
      await invitee.getByRole("link", { name: "Log in to accept" }).click();
      await invitee.getByRole("heading", { level: 1, name: "Log in to Parley" }).waitFor();
      assert.equal(await invitee.getByLabel("Email", { exact: true }).inputValue(), demo.email, "the invited address is filled in");
      await invitee.getByLabel("Password", { exact: true }).fill(demo.password);
      await invitee.getByRole("button", { name: "Log in", exact: true }).click();

      // Back on the invitation, now logged in: one click to join.
      await invitee.getByRole("button", { name: `Accept and join ${owner.tenantName}` }).click();
      await invitee.getByRole("heading", { level: 1, name: "Welcome, Dana" }).waitFor();
      const details = invitee.getByRole("region", { name: "Your business" });
      await details.getByText(owner.tenantName, { exact: true }).waitFor();
      await details.getByText("Admin", { exact: true }).waitFor();
      // Admins manage API keys.
      await invitee.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" }).waitFor();

      // The switcher lists both businesses; switching goes back to the demo one.
      await invitee.getByRole("button", { name: /Current business:/ }).click();
      await invitee.getByRole("button", { name: /^Demo Realty Owner$/ }).click();
      await details.getByText("Demo Realty", { exact: true }).waitFor();
      await details.getByText("Owner", { exact: true }).waitFor();

      assert.deepEqual(ownerSide.errors, []);
      assert.deepEqual(demoSide.errors, []);
    } finally {
      await ownerSide.context.close();
      await demoSide.context.close();
    }
  });

  test("a revoked invitation link explains itself", async () => {
    const owner = uniqueUser("Revoker");
    const ownerSide = await newContext(chromium.browser);
    const visitor = await newContext(chromium.browser);
    try {
      const { page } = ownerSide;
      await signUpInBrowser(page, owner);
      await page.goto("/team");
      const invited = `revoked-${Date.now()}@example.com`;
      await page.getByLabel("Email address").fill(invited);
      await page.getByRole("button", { name: "Create invite link" }).click();
      const url = await page.getByRole("textbox", { name: "Invitation link" }).inputValue();

      await page.getByRole("button", { name: `Revoke invitation for ${invited}` }).click();
      const confirm = page.getByRole("alertdialog", { name: "Revoke this invitation?" });
      await confirm.getByText(invited).waitFor();
      await confirm.getByRole("button", { name: "Revoke invitation" }).click();
      await confirm.waitFor({ state: "detached" });
      await page.getByText("No pending invitations").waitFor();
      assert.deepEqual(ownerSide.errors, []);

      await visitor.page.goto(new URL(url).pathname);
      await visitor.page.getByRole("heading", { level: 1, name: "This invitation link doesn't work" }).waitFor();
      // The lookup answers 404, which Chromium logs as a failed resource load; nothing else may fail.
      assert.deepEqual(
        visitor.errors.filter((e) => !/Failed to load resource: the server responded with a status of 404/.test(e)),
        [],
      );
    } finally {
      await ownerSide.context.close();
      await visitor.context.close();
    }
  });
});
