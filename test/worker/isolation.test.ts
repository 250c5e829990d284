// Tenant isolation for the foundation's resources, through the shared helper.
import { describe, it } from "vitest";
import { uniqueEmail } from "./helpers/api";
import { expectTenantIsolation } from "./helpers/isolation";
import { inviteMember } from "./helpers/tenants";

describe("tenant isolation", () => {
  it("keeps API keys inside their tenant", () =>
    expectTenantIsolation({
      create: async (a) => {
        const res = await a.call("POST", "/api/api-keys", { name: "a-private-key-name" });
        return { id: res.json.id, data: ["a-private-key-name", res.json.prefix, res.json.key] };
      },
      routes: [{ method: "DELETE", path: (id) => `/api/api-keys/${id}`, ownerStatus: 200 }],
      lists: ["/api/api-keys"],
    }));

  it("keeps invitations inside their tenant", () =>
    expectTenantIsolation({
      create: async (a) => {
        const email = uniqueEmail("a-invitee");
        const res = await a.call("POST", "/api/invitations", { email, role: "agent" });
        return { id: res.json.id, data: [email, res.json.token] };
      },
      routes: [{ method: "DELETE", path: (id) => `/api/invitations/${id}`, ownerStatus: 204 }],
      lists: ["/api/invitations"],
    }));

  it("keeps members inside their tenant", () =>
    expectTenantIsolation({
      create: async (a) => {
        const member = await inviteMember(a, "agent");
        return { id: member.user.id, data: [member.email] };
      },
      routes: [
        { method: "PATCH", path: (id) => `/api/members/${id}`, body: { role: "admin" }, ownerStatus: 200 },
        { method: "DELETE", path: (id) => `/api/members/${id}`, ownerStatus: 204 },
      ],
      lists: ["/api/members"],
    }));
});
