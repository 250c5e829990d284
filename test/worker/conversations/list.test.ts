// GET /api/conversations: cursor pagination that stays stable while rows are
// inserted between pages (both sorts), and every filter.
import { describe, expect, it } from "vitest";
import type { ApiResponse, Call } from "../helpers/api";
import { connectWaha } from "../helpers/channels";
import { createTenant, inviteMember } from "../helpers/tenants";
import { sandboxChannelId, seedConversation } from "./helpers";

/** Walk every page; `between` runs after each page (to insert rows mid-walk). */
async function walk(call: Call, query: string, between: (page: number) => Promise<void> = async () => {}): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const res: ApiResponse = await call("GET", `/api/conversations?${query}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status, res.text).toBe(200);
    ids.push(...res.json.data.map((c: { id: string }) => c.id));
    cursor = res.json.nextCursor;
    if (!cursor) return ids;
    await between(page);
  }
  throw new Error("pagination did not end");
}

describe("GET /api/conversations pagination", () => {
  it("sort=created (default): no duplicate and no gap when conversations are created between pages", async () => {
    const owner = await createTenant();
    const channelId = await sandboxChannelId(owner);
    const original: string[] = [];
    for (let i = 0; i < 7; i++) original.push(await seedConversation(owner.tenant.id, { channelId }));
    const inserted: string[] = [];
    const seen = await walk(owner.callWithKey, "limit=2", async () => {
      inserted.push(await seedConversation(owner.tenant.id, { channelId }));
    });
    // Newest first; rows created mid-walk sort before the cursor and are left for the next walk.
    expect(seen).toEqual([...original].reverse());
    const again = await walk(owner.callWithKey, "limit=3");
    expect(again).toEqual([...original, ...inserted].reverse());
  });

  it("sort=lastMessage: most recent activity first, with a compound cursor that is stable under inserts", async () => {
    const owner = await createTenant();
    const channelId = await sandboxChannelId(owner);
    const t0 = Date.now() - 3600_000;
    // Activity out of creation order, with ties broken by id, and one conversation with no message yet.
    const a = await seedConversation(owner.tenant.id, { channelId, lastMessageAt: t0 + 5000 });
    const b = await seedConversation(owner.tenant.id, { channelId, lastMessageAt: t0 + 1000 });
    const c = await seedConversation(owner.tenant.id, { channelId, lastMessageAt: t0 + 5000 });
    const d = await seedConversation(owner.tenant.id, { channelId, lastMessageAt: t0 + 9000 });
    const e = await seedConversation(owner.tenant.id, { channelId, lastMessageAt: t0 + 3000 });
    const expected = [d, c, a, e, b];
    const inserted: string[] = [];
    const seen = await walk(owner.callWithKey, "sort=lastMessage&limit=2", async () => {
      inserted.push(await seedConversation(owner.tenant.id, { channelId }));
    });
    expect(seen).toEqual(expected);
    const all = await walk(owner.callWithKey, "sort=lastMessage&limit=4");
    expect(all).toEqual([...inserted.reverse(), ...expected]);
  });

  it("refuses a cursor that is not one of ours, or one made for the other sort (400 naming cursor)", async () => {
    const owner = await createTenant();
    const channelId = await sandboxChannelId(owner);
    for (let i = 0; i < 3; i++) await seedConversation(owner.tenant.id, { channelId });
    const page = await owner.callWithKey("GET", "/api/conversations?limit=1");
    const garbage = await owner.callWithKey("GET", "/api/conversations?cursor=not-a-cursor");
    expect(garbage.status).toBe(400);
    expect(garbage.json.errors).toEqual([{ path: "cursor", message: expect.any(String) }]);
    const crossed = await owner.callWithKey("GET", `/api/conversations?sort=lastMessage&cursor=${page.json.nextCursor}`);
    expect(crossed.status).toBe(400);
    expect(crossed.json.errors[0].path).toBe("cursor");
    const limit = await owner.callWithKey("GET", "/api/conversations?limit=500");
    expect(limit.status).toBe(400);
    expect(limit.json.errors[0].path).toBe("limit");
  });
});

describe("GET /api/conversations filters", () => {
  it("mode, status, unread, channel, tag and assignment (me, unassigned, a user id)", async () => {
    const owner = await createTenant();
    const agent = await inviteMember(owner, "agent");
    const sandbox = await sandboxChannelId(owner);
    const waha = (await connectWaha(owner)).id;
    const t = owner.tenant.id;
    const human = await seedConversation(t, { channelId: sandbox, mode: "human", assignedTo: owner.user.id, unreadCount: 2, tags: ["VIP", "lead"] });
    const bot = await seedConversation(t, { channelId: sandbox, mode: "bot", tags: ["lead"] });
    const closed = await seedConversation(t, { channelId: waha, mode: "human", status: "closed", assignedTo: agent.user.id });
    const unread = await seedConversation(t, { channelId: waha, mode: "bot", unreadCount: 1 });
    const ids = async (query: string, call: Call = owner.callWithKey) => {
      const res = await call("GET", `/api/conversations?${query}`);
      expect(res.status, res.text).toBe(200);
      return (res.json.data as Array<{ id: string }>).map((c) => c.id).sort();
    };
    const sorted = (...xs: string[]) => xs.sort();

    expect(await ids("")).toEqual(sorted(human, bot, closed, unread));
    expect(await ids("mode=human")).toEqual(sorted(human, closed));
    expect(await ids("mode=bot")).toEqual(sorted(bot, unread));
    expect(await ids("status=closed")).toEqual([closed]);
    expect(await ids("status=open")).toEqual(sorted(human, bot, unread));
    expect(await ids("unread=true")).toEqual(sorted(human, unread));
    expect(await ids("unread=false")).toEqual(sorted(bot, closed));
    expect(await ids(`channelId=${waha}`)).toEqual(sorted(closed, unread));
    expect(await ids("tag=lead")).toEqual(sorted(human, bot));
    expect(await ids("tag=vip")).toEqual([human]);
    expect(await ids("tag=nobody")).toEqual([]);
    expect(await ids("assigned=unassigned")).toEqual(sorted(bot, unread));
    expect(await ids("assigned=me")).toEqual([human]);
    expect(await ids("assigned=me", agent.call)).toEqual([closed]);
    expect(await ids(`assigned=${agent.user.id}`)).toEqual([closed]);
    // Filters combine.
    expect(await ids("mode=human&unread=true&tag=lead&assigned=me")).toEqual([human]);
    expect(await ids("mode=bot&sort=lastMessage&unread=true")).toEqual([unread]);
  });

  it("answers 400 naming the field for an unknown filter value", async () => {
    const owner = await createTenant();
    for (const [query, path] of [
      ["mode=robot", "mode"],
      ["status=archived", "status"],
      ["unread=yes", "unread"],
      ["sort=oldest", "sort"],
    ]) {
      const res = await owner.callWithKey("GET", `/api/conversations?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(res.json.errors[0].path, query).toBe(path);
    }
  });
});
