// GET /api/conversations?q=: the inbox searches on the server (contact name,
// phone number, words of any message) and returns each conversation's contact.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTenant } from "../helpers/tenants";
import { sandboxConversation } from "./helpers";

const ids = (res: { json: { data: Array<{ id: string }> } }) => res.json.data.map((c) => c.id).sort();

describe("inbox search", () => {
  it("finds conversations by contact name, phone digits and message words, and nothing of another tenant", async () => {
    const owner = await createTenant();
    const siti = await sandboxConversation(owner, { name: "Siti Rahma", text: "Berapa harga rumah tipe 45?" });
    const budi = await sandboxConversation(owner, { name: "Budi Santoso", text: "Apakah ada promo bulan ini?" });
    const search = (q: string) => owner.call("GET", `/api/conversations?sort=lastMessage&q=${encodeURIComponent(q)}`);

    expect(ids(await search("siti"))).toEqual([siti.conversationId]);
    expect(ids(await search("Santoso"))).toEqual([budi.conversationId]);
    // A national number (0812…) finds the +62812… contact; a fragment of the digits does too.
    expect(ids(await search(`0${budi.phone.slice(3)}`))).toEqual([budi.conversationId]);
    expect(ids(await search(siti.phone.slice(-7)))).toEqual([siti.conversationId]);
    // Words of a message, any order, prefixes included, accents and case ignored.
    expect(ids(await search("rumah harga"))).toEqual([siti.conversationId]);
    expect(ids(await search("PROM"))).toEqual([budi.conversationId]);
    expect((await search("apartemen")).json.data).toEqual([]);
    // Search characters that mean something to SQL or FTS5 are plain text.
    expect((await search(`"harga" OR *`)).status).toBe(200);
    expect((await search("100%_")).json.data).toEqual([]);

    const other = await createTenant();
    await sandboxConversation(other, { name: "Siti Other", text: "harga rumah juga" });
    expect(ids(await search("harga"))).toEqual([siti.conversationId]);
    expect(ids(await search("siti"))).toEqual([siti.conversationId]);
  });

  it("an edited or erased message is found by its new text only", async () => {
    const owner = await createTenant();
    const c = await sandboxConversation(owner, { name: "Rina", text: "kode voucher ABCD" });
    const search = (q: string) => owner.call("GET", `/api/conversations?q=${encodeURIComponent(q)}`);
    expect(ids(await search("voucher"))).toEqual([c.conversationId]);
    await env.DB.prepare("UPDATE messages SET text = 'pesan dihapus' WHERE id = ?").bind(c.messageId).run();
    expect((await search("voucher")).json.data).toEqual([]);
    expect(ids(await search("dihapus"))).toEqual([c.conversationId]);
    await env.DB.prepare("DELETE FROM messages WHERE id = ?").bind(c.messageId).run();
    expect((await search("dihapus")).json.data).toEqual([]);
  });

  it("returns each conversation with its contact, so the list needs no request per row", async () => {
    const owner = await createTenant();
    const c = await sandboxConversation(owner, { name: "Dewi Lestari" });
    const list = await owner.call("GET", "/api/conversations");
    expect(list.status).toBe(200);
    expect(list.json.data.find((x: { id: string }) => x.id === c.conversationId)).toMatchObject({
      contactId: c.contactId,
      contact: { id: c.contactId, name: "Dewi Lestari", phone: c.phone, optedOut: false, tags: [] },
    });
  });

  it("refuses a search longer than 100 characters with a 400 naming q", async () => {
    const owner = await createTenant();
    const res = await owner.call("GET", `/api/conversations?q=${"a".repeat(101)}`);
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([expect.objectContaining({ path: "q" })]);
  });
});
