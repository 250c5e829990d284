// The shared tenant-isolation check. Every tenant-owned resource gets one
// test built on it:
//
//   it("keeps API keys inside their tenant", () =>
//     expectTenantIsolation({
//       create: async (a) => (await a.call("POST", "/api/api-keys", { name: "ci" })).json.id,
//       routes: [{ method: "DELETE", path: (id) => `/api/api-keys/${id}` }],
//       lists: ["/api/api-keys"],
//     }));
//
// The contract: another tenant's resource is a 404, never a 403 that confirms
// it exists, and never any of its data, whether the caller uses a session or
// an API key.
import { expect } from "vitest";
import type { ApiResponse, Call } from "./api";
import { createTenant, type TenantOwner } from "./tenants";

export interface IsolatedRoute {
  method: string;
  /** The route's path for the resource id, e.g. (id) => `/api/contacts/${id}`. */
  path: (id: string) => string;
  /** JSON body for mutating routes; a function gets the resource id. Make it valid, so a 400 cannot hide a leak. */
  body?: unknown | ((id: string) => unknown);
  /**
   * The status tenant A gets on this route (default: anything but 404). A's
   * calls run after all of B's, in the order given, so put destructive routes
   * (DELETE) last.
   */
  ownerStatus?: number;
}

export interface CreatedResource {
  id: string;
  /** Strings from the resource (names, phone numbers, texts) that must never reach tenant B. */
  data?: string[];
}

export interface IsolationSpec {
  /** Create the resource as tenant A; return its id, or its id and the data that identifies it. */
  create: (tenantA: TenantOwner) => Promise<string | CreatedResource>;
  /** Routes addressing one resource: B gets 404 on each, A does not. */
  routes: IsolatedRoute[];
  /** List routes (full paths, with any query): B gets 200 without A's resource in them. */
  lists?: string[];
}

export interface IsolationResult {
  tenantA: TenantOwner;
  tenantB: TenantOwner;
  id: string;
}

function callersOf(t: TenantOwner): Array<[string, Call]> {
  return [
    ["API key", t.callWithKey],
    ["session cookie", t.call],
  ];
}

function expectNoLeak(res: ApiResponse, forbidden: string[], what: string) {
  for (const s of forbidden) {
    expect(res.text.includes(s), `${what} leaked "${s}": ${res.text}`).toBe(false);
  }
}

/**
 * Create a resource as a fresh tenant A, then assert that a fresh tenant B,
 * through its API key and through its session, gets 404 problem+json on every
 * route (never 403, never A's data) and does not find it in any list, and
 * finally that A sees it in those lists and still reaches it on every route,
 * which also proves B's mutations changed nothing.
 */
export async function expectTenantIsolation(spec: IsolationSpec): Promise<IsolationResult> {
  const tenantA = await createTenant();
  const tenantB = await createTenant();
  const created = await spec.create(tenantA);
  const { id, data = [] } = typeof created === "string" ? { id: created } : created;
  expect(id, "create() must return the resource id").toBeTruthy();
  // Identifying data of A that B must never see. The id itself may be echoed
  // back (B sent it), so only A's other data is checked in 404 bodies.
  const secrets = [...data, tenantA.tenant.id, tenantA.email, tenantA.user.id].filter((s) => s && s !== id);

  for (const [via, call] of callersOf(tenantB)) {
    for (const route of spec.routes) {
      const body = typeof route.body === "function" ? (route.body as (id: string) => unknown)(id) : route.body;
      const what = `tenant B (${via}) ${route.method} ${route.path(id)}`;
      const res = await call(route.method, route.path(id), body);
      expect(res.status, `${what} answered ${res.status}: ${res.text}`).toBe(404);
      expect(res.headers.get("content-type"), what).toMatch(/^application\/problem\+json/);
      expectNoLeak(res, secrets, what);
    }
    for (const path of spec.lists ?? []) {
      const what = `tenant B (${via}) GET ${path}`;
      const res = await call("GET", path);
      expect(res.status, `${what} answered ${res.status}: ${res.text}`).toBe(200);
      expectNoLeak(res, [id, ...secrets], what);
    }
  }

  // The lists must show A its resource, or B not finding it there proves nothing.
  for (const path of spec.lists ?? []) {
    const res = await tenantA.call("GET", path);
    expect(res.status, `tenant A GET ${path}: ${res.text}`).toBe(200);
    expect(res.text.includes(id), `tenant A GET ${path} does not list ${id}`).toBe(true);
  }

  for (const route of spec.routes) {
    const body = typeof route.body === "function" ? (route.body as (id: string) => unknown)(id) : route.body;
    const res = await tenantA.call(route.method, route.path(id), body);
    const what = `tenant A ${route.method} ${route.path(id)} answered ${res.status}: ${res.text}`;
    if (route.ownerStatus !== undefined) expect(res.status, what).toBe(route.ownerStatus);
    else expect(res.status, what).not.toBe(404);
    expect(res.status, what).toBeLessThan(500);
  }
  return { tenantA, tenantB, id };
}
