// Contact search through the trigram index (contacts_fts): the index follows
// every change to a contact, stays inside the tenant, and a common term (more
// matches than the index hands over) pages exactly like a rare one.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SEARCH_CANDIDATES } from "../../../worker/contacts/list";
import { createTenant } from "../helpers/tenants";
import { seedContacts, walk } from "./helpers";

const indexed = async (contactId: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM contacts_fts WHERE rowid = (SELECT rowid FROM contacts WHERE id = ?)").bind(contactId).first<{ n: number }>())!.n;

describe("contact search index", () => {
  it("follows create, rename, a new WhatsApp id, erasure and deletion, and never shows another tenant's contact", async () => {
    const owner = await createTenant();
    const other = await createTenant();
    const ids = async (q: string) => (await walk(owner.callWithKey, `/api/contacts?q=${encodeURIComponent(q)}`)).map((c) => c.id);

    const created = await owner.callWithKey("POST", "/api/contacts", { phone: "+6281377778888", name: "Wulandari Kusuma", email: "wulan@kebun.id" });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id as string;
    // The same name and number in another tenant.
    expect((await other.callWithKey("POST", "/api/contacts", { phone: "+6281377778888", name: "Wulandari Kusuma" })).status).toBe(201);

    expect(await ids("landari")).toEqual([id]);
    expect(await ids("KEBUN")).toEqual([id]);
    expect(await ids("0813 7777")).toEqual([id]);

    const renamed = await owner.callWithKey("PATCH", `/api/contacts/${id}`, { name: "Ratna Sari", email: "ratna@pasar.id" });
    expect(renamed.status, renamed.text).toBe(200);
    expect(await ids("landari")).toEqual([]);
    expect(await ids("kebun")).toEqual([]);
    expect(await ids("atna sa")).toEqual([id]);
    expect(await ids("pasar")).toEqual([id]);
    // A new WhatsApp id (as when a number is learnt for a username-only user).
    await env.DB.prepare("UPDATE contacts SET wa_id = '6281399990000' WHERE id = ?").bind(id).run();
    expect(await ids("99990000")).toEqual([id]);
    expect(await ids("77778888")).toEqual([]);

    // Erasure takes the contact out of the index: the name is not kept there.
    expect((await owner.callWithKey("DELETE", `/api/contacts/${id}`)).status).toBe(204);
    expect(await ids("atna sa")).toEqual([]);
    expect(await indexed(id)).toBe(0);

    // A row deleted outright (as a merge deletes the duplicate) leaves the index too.
    const [seeded] = await seedContacts(owner.tenant.id, 1, () => ({ name: "Merged Away" }));
    expect(await indexed(seeded!.id)).toBe(1);
    expect(await ids("ged Aw")).toEqual([seeded!.id]);
    await env.DB.prepare("DELETE FROM contacts WHERE id = ?").bind(seeded!.id).run();
    expect(await indexed(seeded!.id)).toBe(0);

    // The other tenant still finds its own.
    expect((await walk(other.callWithKey, "/api/contacts?q=landari")).map((c) => c.name)).toEqual(["Wulandari Kusuma"]);
  });

  it("a term with more matches than the index hands over pages the same in every order, newest first", async () => {
    const owner = await createTenant();
    const n = SEARCH_CANDIDATES + 30;
    const common = await seedContacts(owner.tenant.id, n, (i) => ({ name: `Common ${i}`, leadScore: i % 7, lastMessageAt: i % 3 === 0 ? null : 1_700_000_000_000 + i }));
    const rare = await seedContacts(owner.tenant.id, 5, (i) => ({ name: `Rarely ${i}` }));

    const byCreated = await walk(owner.callWithKey, "/api/contacts?q=ommon&limit=50");
    expect(byCreated.map((c) => c.id)).toEqual(common.map((c) => c.id).reverse());
    const byScore = await walk(owner.callWithKey, "/api/contacts?q=ommon&sort=score&limit=50");
    expect(byScore.length).toBe(n);
    expect(byScore.map((c) => c.leadScore)).toEqual([...byScore.map((c) => c.leadScore)].sort((a, b) => b - a));
    const byLast = await walk(owner.callWithKey, "/api/contacts?q=ommon&sort=lastMessage&limit=50");
    expect(new Set(byLast.map((c) => c.id)).size).toBe(n);
    expect(byLast.findIndex((c) => c.lastMessageAt === null)).toBe(common.filter((c) => c.lastMessageAt !== null).length);

    // A few matches: read by rowid from the index, the same orders.
    expect((await walk(owner.callWithKey, "/api/contacts?q=arely&limit=2")).map((c) => c.id)).toEqual(rare.map((c) => c.id).reverse());
  });

  it("one or two characters match the start of the name or email, any case; a few matches or many page alike", async () => {
    const owner = await createTenant();
    await seedContacts(owner.tenant.id, 4, (i) => ({ name: ["Abu", "Budi", "ratna", "Siti"][i]! }));
    await env.DB.prepare("UPDATE contacts SET email = 'bunga@toko.id' WHERE tenant_id = ? AND name = 'Siti'").bind(owner.tenant.id).run();
    const names = async (q: string) => (await walk(owner.callWithKey, `/api/contacts?q=${encodeURIComponent(q)}&limit=2`)).map((c) => c.name).sort();
    expect(await names("bu")).toEqual(["Budi", "Siti"]);
    expect(await names("R")).toEqual(["ratna"]);
    expect(await names("ti")).toEqual([]);
    // More than the prefix indexes hand over: read in list order, the same rule.
    const many = await seedContacts(owner.tenant.id, SEARCH_CANDIDATES + 5, (i) => ({ name: `Bunga ${i}` }));
    const found = await walk(owner.callWithKey, "/api/contacts?q=Bu&limit=100");
    expect(found.length).toBe(many.length + 2);
    expect(new Set(found.map((c) => c.name))).toEqual(new Set(["Budi", "Siti", ...many.map((c) => c.name)]));
    const ids = found.map((c) => c.id as string);
    expect(ids).toEqual([...ids].sort().reverse());
  });
});
