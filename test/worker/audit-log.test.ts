// Reading the audit log: server-side filters, pages, owners and admins only, one tenant.
import { describe, expect, it } from "vitest";
import { idTime } from "../../worker/lib/ids";
import { auditStatement } from "../../worker/tenancy/audit";
import { createTenant, inviteMember } from "./helpers/tenants";

interface Entry {
  id: string;
  actor: { type: string; id: string | null; name: string | null };
  action: string;
  targetType: string | null;
  targetId: string | null;
  createdAt: string;
}

async function busyTenant() {
  const owner = await createTenant({ name: "Olivia Owner" });
  const admin = await inviteMember(owner, "admin");
  const contact = await owner.call("POST", "/api/contacts", { phone: "+6281299990001", name: "Budi" });
  expect(contact.status, contact.text).toBe(201);
  await owner.callWithKey("POST", "/api/quick-replies", { shortcut: "hello", title: "Hello", text: "Hi {{contact.name | there}}" });
  await admin.call("POST", "/api/quick-replies", { shortcut: "bye", title: "Bye", text: "Bye!" });
  await owner.call("PATCH", `/api/contacts/${contact.json.id}`, { name: "Budi S" });
  return { owner, admin, contactId: contact.json.id as string };
}

describe("audit log", () => {
  it("gives an entry's id and its time the same millisecond, so a filter from its time finds it", () => {
    let clock = Date.UTC(2026, 11, 5, 18, 0, 0, 999);
    const rows: { id: string; createdAt: number }[] = [];
    const db = { insert: () => ({ values: (row: { id: string; createdAt: number }) => rows.push(row) }) };
    // A clock that moves on between two reads, as a busy isolate's does.
    const ctx = { db, tenantId: "ten_x", actor: { type: "user", id: "usr_x" }, requestId: "req_x", now: () => clock++ };
    auditStatement(ctx as unknown as Parameters<typeof auditStatement>[0], { action: "contact.updated" });
    expect(idTime(rows[0]!.id)).toBe(rows[0]!.createdAt);
  });

  it("lists every change newest first, with who did it", async () => {
    const { owner, admin } = await busyTenant();
    const res = await owner.call<{ data: Entry[]; nextCursor: string | null }>("GET", "/api/audit-log");
    expect(res.status, res.text).toBe(200);
    const actions = res.json.data.map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(["contact.updated", "quick_reply.created", "quick_reply.created"]);
    const ids = res.json.data.map((e) => e.id);
    expect([...ids].sort().reverse()).toEqual(ids);
    expect(res.json.data[1]!.actor).toEqual({ type: "user", id: admin.user.id, name: admin.user.name ?? admin.email });
    expect(res.json.data[2]!.actor).toEqual({ type: "api_key", id: owner.apiKeyId, name: expect.stringMatching(/^test key \(prl_/) });
  });

  it("filters on the server by actor, action, action prefix, object and time", async () => {
    const { owner, admin, contactId } = await busyTenant();
    const get = async (q: string) => (await owner.call<{ data: Entry[] }>("GET", `/api/audit-log?${q}`)).json.data;

    expect((await get(`actorId=${admin.user.id}`)).map((e) => e.action)).toEqual(["quick_reply.created", "invitation.accepted"]);
    expect((await get("action=contact.updated")).map((e) => e.targetId)).toEqual([contactId]);
    expect((await get("action=quick_reply.")).map((e) => e.action)).toEqual(["quick_reply.created", "quick_reply.created"]);
    expect((await get(`targetType=contact&targetId=${contactId}`)).map((e) => e.action)).toEqual(["contact.updated", "contact.created"]);

    const all = await get("");
    const middle = all[2]!;
    const from = await get(`from=${encodeURIComponent(middle.createdAt)}`);
    expect(from.every((e) => e.createdAt >= middle.createdAt)).toBe(true);
    expect(from.some((e) => e.id === middle.id)).toBe(true);
    const later = new Date(Date.parse(middle.createdAt) + 1).toISOString();
    expect((await get(`to=${encodeURIComponent(later)}`)).every((e) => e.createdAt < later)).toBe(true);
    expect(await get(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
  });

  it("pages with a cursor and refuses bad filters with a 400 naming the field", async () => {
    const { owner } = await busyTenant();
    const first = await owner.call("GET", "/api/audit-log?limit=2");
    expect(first.json.data).toHaveLength(2);
    const second = await owner.call("GET", `/api/audit-log?limit=2&cursor=${first.json.nextCursor}`);
    expect(second.json.data[0].id < first.json.data[1].id).toBe(true);

    const bad = await owner.call("GET", "/api/audit-log?from=yesterday");
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([expect.objectContaining({ path: "from" })]);
    const reversed = await owner.call("GET", "/api/audit-log?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z");
    expect(reversed.status).toBe(400);
    expect(reversed.json.errors).toEqual([expect.objectContaining({ path: "to" })]);
  });

  it("lists the recorded actions for the filter", async () => {
    const { owner } = await busyTenant();
    const res = await owner.call("GET", "/api/audit-log/actions");
    expect(res.json.data).toEqual(expect.arrayContaining(["api_key.created", "contact.created", "contact.updated", "quick_reply.created"]));
  });

  it("is for owners and admins; agents get 403; another tenant sees none of it", async () => {
    const { owner, admin } = await busyTenant();
    const agent = await inviteMember(owner, "agent");
    expect((await agent.call("GET", "/api/audit-log")).status).toBe(403);
    expect((await admin.call("GET", "/api/audit-log")).status).toBe(200);
    const other = await createTenant();
    const theirs = await other.call<{ data: Entry[] }>("GET", "/api/audit-log");
    expect(theirs.json.data.map((e) => e.action)).toEqual(["api_key.created", "tenant.created"]);
    expect((await other.call<{ data: Entry[] }>("GET", `/api/audit-log?actorId=${owner.user.id}`)).json.data).toEqual([]);
  });
});
