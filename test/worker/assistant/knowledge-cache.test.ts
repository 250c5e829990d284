// The knowledge base kept in memory between messages: read once per version,
// read again the moment an entry is added, changed or removed, and never
// shared between tenants.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { lookup } from "../../../worker/ai/knowledge";
import { addKnowledge, ctxWith, quietTenant } from "../helpers/assistant";

const HOURS = { title: "Opening hours", content: "We are open Monday to Friday from 09:00 to 18:00." };
const PARKING = { title: "Parking", content: "Free parking is available behind the building." };

const titlesFor = async (tenantId: string, question: string) => (await lookup(ctxWith(), tenantId, question)).answered.map((k) => k.title);
const idOf = async (owner: Awaited<ReturnType<typeof quietTenant>>, title: string) =>
  ((await owner.callWithKey("GET", "/api/knowledge")).json.data as { id: string; title: string }[]).find((e) => e.title === title)!.id;

describe("the knowledge kept in memory", () => {
  it("answers from an entry the moment it is added, changed or removed", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [HOURS]);
    expect(await titlesFor(owner.tenant.id, "is there parking?")).toEqual([]);

    await addKnowledge(owner, [PARKING]);
    expect(await titlesFor(owner.tenant.id, "is there parking?")).toEqual(["Parking"]);

    const hours = await idOf(owner, "Opening hours");
    expect((await owner.callWithKey("PATCH", `/api/knowledge/${hours}`, { content: "We are open every day from 10:00 to 22:00." })).status).toBe(200);
    const changed = await lookup(ctxWith(), owner.tenant.id, "what time do you open?");
    expect(changed.answered.map((k) => k.text)).toEqual(["We are open every day from 10:00 to 22:00."]);

    expect((await owner.callWithKey("DELETE", `/api/knowledge/${await idOf(owner, "Parking")}`)).status).toBe(204);
    expect(await titlesFor(owner.tenant.id, "is there parking?")).toEqual([]);
  });

  it("is read once per version: chunks written without a new version are not seen until the version moves", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [HOURS]);
    expect(await titlesFor(owner.tenant.id, "is there parking?")).toEqual([]);
    // A chunk slipped in behind the knowledge functions' back (they always count the version up with it).
    const entry = await idOf(owner, "Opening hours");
    await env.DB.prepare("INSERT INTO knowledge_chunks (id, tenant_id, entry_id, position, text) VALUES (?, ?, ?, 1, ?)")
      .bind("chunk_slipped_in", owner.tenant.id, entry, "Free parking is available behind the building.")
      .run();
    expect(await titlesFor(owner.tenant.id, "is there parking?")).toEqual([]);
    await env.DB.prepare("UPDATE tenants SET knowledge_version = knowledge_version + 1 WHERE id = ?").bind(owner.tenant.id).run();
    expect(await titlesFor(owner.tenant.id, "is there parking?")).toEqual(["Opening hours"]);
  });

  it("narrows a knowledge base larger than the scan through the index, and looks again once it changes", async () => {
    const owner = await quietTenant();
    await addKnowledge(owner, [HOURS, { title: "Address", content: "We are at Jalan Gatot Subroto No. 45, Bandung." }]);
    // scanChunks 1: two chunks count as large; the second ask is told so by the version alone.
    const ask = async (q: string) => (await lookup(ctxWith(), owner.tenant.id, q, { scanChunks: 1 })).answered.map((k) => k.title);
    for (let round = 0; round < 2; round++) {
      expect(await ask("when are you open?")).toEqual(["Opening hours"]);
      expect(await ask("is there parking?")).toEqual([]);
    }
    await addKnowledge(owner, [PARKING]);
    expect(await ask("is there parking?")).toEqual(["Parking"]);
    // Back under the scan: matched whole again, with what was added.
    for (const title of ["Address", "Opening hours"]) expect((await owner.callWithKey("DELETE", `/api/knowledge/${await idOf(owner, title)}`)).status).toBe(204);
    expect(await ask("is there parking?")).toEqual(["Parking"]);
    expect(await ask("when are you open?")).toEqual([]);
  });

  it("keeps each tenant's knowledge to itself, asked in turn", async () => {
    const a = await quietTenant();
    const b = await quietTenant();
    await addKnowledge(a, [HOURS]);
    await addKnowledge(b, [PARKING]);
    for (let round = 0; round < 2; round++) {
      expect(await titlesFor(a.tenant.id, "is there parking?")).toEqual([]);
      expect(await titlesFor(b.tenant.id, "is there parking?")).toEqual(["Parking"]);
      expect(await titlesFor(b.tenant.id, "when are you open?")).toEqual([]);
      expect(await titlesFor(a.tenant.id, "when are you open?")).toEqual(["Opening hours"]);
    }
  });
});
