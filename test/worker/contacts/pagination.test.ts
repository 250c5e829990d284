// Paging through 10,000 contacts in every sort while contacts keep arriving:
// every contact that existed before the walk is seen exactly once, nothing is
// seen twice, and the order never goes backwards.
import { describe, expect, it } from "vitest";
import { newId } from "../../../worker/lib/ids";
import { createTenant } from "../helpers/tenants";
import { insertContacts, seedContacts, uniquePhone, walk, type SeedContact } from "./helpers";

const TOTAL = 10_000;
const T0 = Date.UTC(2026, 0, 1);

type Sort = "created" | "lastMessage" | "score";

/** The sort key as the API orders it (descending): never-messaged contacts after all others. */
function key(sort: Sort, c: { leadScore: number; lastMessageAt: string | null }): number {
  if (sort === "score") return c.leadScore;
  if (sort === "lastMessage") return c.lastMessageAt === null ? -1 : Date.parse(c.lastMessageAt);
  return 0;
}

function expectOrdered(sort: Sort, items: Array<{ id: string; leadScore: number; lastMessageAt: string | null }>) {
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1]!;
    const b = items[i]!;
    const ka = key(sort, a);
    const kb = key(sort, b);
    const ok = ka > kb || (ka === kb && a.id > b.id);
    if (!ok) expect.fail(`sort=${sort}: ${a.id} (${ka}) is before ${b.id} (${kb})`);
  }
}

let rnd = 42;
/** Deterministic pseudo-random numbers, so a failure reproduces. */
const random = () => ((rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

function arrival(i: number): Pick<SeedContact, "leadScore" | "lastMessageAt" | "name"> {
  return {
    // Many ties on score; a third never wrote.
    leadScore: Math.floor(random() * 20) * 5,
    lastMessageAt: random() < 0.33 ? null : T0 + Math.floor(random() * 1_000_000) * 1000,
    name: `Seed ${i}`,
  };
}

describe("contact pagination under inserts", () => {
  for (const sort of ["created", "lastMessage", "score"] as const) {
    it(`sort=${sort}: no duplicate and no gap across ${TOTAL} contacts while more arrive`, { timeout: 120_000 }, async () => {
      const owner = await createTenant();
      const seeded = await seedContacts(owner.tenant.id, TOTAL, arrival);
      let inserted = 0;

      const items = await walk(owner.callWithKey, `/api/contacts?sort=${sort}&limit=200`, async (page) => {
        // Between pages: rows with keys on both sides of the cursor, never-messaged ones, and one through the API.
        const now = Date.now();
        const fresh: SeedContact[] = Array.from({ length: 4 }, (_, k) => ({
          id: newId("contact", now + k),
          phone: uniquePhone(),
          stage: "new",
          optedOut: false,
          ...arrival(TOTAL + page * 10 + k),
          name: `Late ${page}.${k}`,
        }));
        await insertContacts(owner.tenant.id, fresh);
        const res = await owner.callWithKey("POST", "/api/contacts", { phone: uniquePhone(), name: `Api ${page}` });
        expect(res.status, res.text).toBe(201);
        inserted += 5;
      });

      const ids = items.map((c) => c.id as string);
      expect(new Set(ids).size, "a contact was returned twice").toBe(ids.length);
      const seen = new Set(ids);
      const missing = seeded.filter((s) => !seen.has(s.id));
      expect(missing.map((m) => m.id), "contacts that existed throughout were skipped").toEqual([]);
      expect(inserted).toBeGreaterThan(200);
      expectOrdered(sort, items);
    });
  }

  it("refuses a cursor from another sort, and a forged one", async () => {
    const owner = await createTenant();
    await seedContacts(owner.tenant.id, 3);
    const first = await owner.callWithKey("GET", "/api/contacts?sort=score&limit=1");
    expect(first.json.nextCursor).toBeTruthy();
    const wrong = await owner.callWithKey("GET", `/api/contacts?sort=created&cursor=${first.json.nextCursor}`);
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors).toEqual([expect.objectContaining({ path: "cursor" })]);
    const forged = await owner.callWithKey("GET", "/api/contacts?cursor=bm90LWEtY3Vyc29y");
    expect(forged.status).toBe(400);
    expect(forged.json.errors[0].path).toBe("cursor");
  });

  it("validates limit and score bounds, naming the field", async () => {
    const owner = await createTenant();
    const res = await owner.callWithKey("GET", "/api/contacts?limit=500&minScore=50&maxScore=10&sort=name");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    const paths = res.json.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["limit", "sort"]));
    const bounds = await owner.callWithKey("GET", "/api/contacts?minScore=50&maxScore=10");
    expect(bounds.status).toBe(400);
    expect(bounds.json.errors).toEqual([expect.objectContaining({ path: "maxScore" })]);
  });
});
