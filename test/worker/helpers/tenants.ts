// Fresh tenants and team members for tests. Every test makes its own: storage
// is shared by all tests in a file, so nothing here is reused between tests.
import { expect } from "vitest";
import { BrowserClient, PASSWORD, keyClient, uniqueEmail, type Call } from "./api";

export type Role = "owner" | "admin" | "agent";

export interface User {
  id: string;
  email: string;
  name: string | null;
  createdAt: string;
}

export interface Tenant {
  id: string;
  name: string;
  plan: string;
  createdAt: string;
}

/** Someone signed in to a tenant, with both of the ways to call the API. */
export interface Member {
  user: User;
  tenant: Tenant;
  role: Role;
  email: string;
  password: string;
  /** The Cookie header value of the session (changes if the session is rotated). */
  readonly cookie: string;
  /** The browser this member uses: cookie jar, Origin and its own client address. */
  browser: BrowserClient;
  /** A call as the dashboard makes it: session cookie + matching Origin. */
  call: Call;
}

/** A tenant's owner, who also holds an API key for the tenant. */
export interface TenantOwner extends Member {
  apiKey: string;
  apiKeyId: string;
  /** A call as a script makes it: `Authorization: Bearer <apiKey>`, no cookie. */
  callWithKey: Call;
}

function member(browser: BrowserClient, fields: Omit<Member, "cookie" | "browser" | "call">): Member {
  return {
    ...fields,
    get cookie() {
      return browser.cookie;
    },
    browser,
    call: browser.call,
  };
}

/** Sign up a new account with its own tenant, and create an API key for it through the API. */
export async function createTenant(opts: { email?: string; password?: string; name?: string; tenantName?: string } = {}): Promise<TenantOwner> {
  const browser = new BrowserClient();
  const email = opts.email ?? uniqueEmail("owner");
  const password = opts.password ?? PASSWORD;
  const signup = await browser.call("POST", "/api/auth/signup", {
    email,
    password,
    name: opts.name ?? "Owner",
    tenantName: opts.tenantName ?? `Tenant ${crypto.randomUUID().slice(0, 8)}`,
  });
  expect(signup.status, signup.text).toBe(201);
  const key = await browser.call("POST", "/api/api-keys", { name: "test key" });
  expect(key.status, key.text).toBe(201);
  return {
    ...member(browser, { user: signup.json.user, tenant: signup.json.tenant, role: "owner", email, password }),
    apiKey: key.json.key,
    apiKeyId: key.json.id,
    callWithKey: keyClient(key.json.key),
  };
}

/** Invite a new person to the owner's tenant with `role` and accept the invitation as them. */
export async function inviteMember(owner: Pick<Member, "call" | "tenant">, role: Role, opts: { email?: string } = {}): Promise<Member> {
  const email = opts.email ?? uniqueEmail(role);
  const invitation = await owner.call("POST", "/api/invitations", { email, role });
  expect(invitation.status, invitation.text).toBe(201);
  const browser = new BrowserClient();
  const accepted = await browser.call("POST", "/api/invitations/accept", { token: invitation.json.token, name: `New ${role}`, password: PASSWORD });
  expect(accepted.status, accepted.text).toBe(200);
  expect(accepted.json.tenant.id).toBe(owner.tenant.id);
  return member(browser, { user: accepted.json.user, tenant: accepted.json.tenant, role, email, password: PASSWORD });
}
