// The hot queries stay on indexes that start with the tenant. Each query is
// captured exactly as the code sends it (through a recording D1 binding) and
// explained with EXPLAIN QUERY PLAN: a change that turns a search into a scan of
// the table, or an indexed order into a sort, fails here.
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import * as schema from "../../worker/db/schema";
import type { TenantCtx } from "../../worker/lib/context";
import { systemContext } from "../../worker/lib/system-context";
import { listContacts, SEARCH_CANDIDATES, type ContactListRequest } from "../../worker/contacts/list";
import { newId } from "../../worker/lib/ids";
import { createTenant } from "./helpers/tenants";
import { countConversationMessages, listConversations } from "../../worker/conversations/queries";
import { lookup } from "../../worker/ai/knowledge";

interface Captured {
  sql: string;
  params: unknown[];
}

/** A D1 binding that forwards everything and remembers each bound statement. */
function recordingDb(captured: Captured[]): D1Database {
  return new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "prepare") {
        return (sql: string) => {
          const stmt = target.prepare(sql);
          const entry: Captured = { sql, params: [] };
          captured.push(entry);
          return new Proxy(stmt, {
            get(s, p) {
              if (p === "bind") {
                return (...params: unknown[]) => {
                  entry.params = params;
                  return s.bind(...params);
                };
              }
              const v = Reflect.get(s, p);
              return typeof v === "function" ? v.bind(s) : v;
            },
          });
        };
      }
      const v = Reflect.get(target, prop);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

const TENANT = "ten_01JPLANS0000000000000000000";

function ctxWith(captured: Captured[], tenantId = TENANT): TenantCtx {
  const sys = systemContext(env, () => {});
  return {
    ...sys,
    db: drizzle(recordingDb(captured), { schema }),
    tenantId,
    role: "owner",
    actor: { type: "system", id: null },
    userId: null,
  };
}

async function plansOf(run: (ctx: TenantCtx) => Promise<unknown>, match: RegExp, tenantId = TENANT): Promise<Array<{ sql: string; plan: string[] }>> {
  const captured: Captured[] = [];
  await run(ctxWith(captured, tenantId));
  const hot = captured.filter((c) => match.test(c.sql));
  expect(hot.length, `no statement matching ${match} was sent`).toBeGreaterThan(0);
  return Promise.all(
    hot.map(async (c) => {
      const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).bind(...c.params).all<{ detail: string }>();
      return { sql: c.sql, plan: rows.results.map((r) => r.detail) };
    }),
  );
}

/** Every step reads through `index` with the tenant as its first constraint, and nothing is sorted in a temp b-tree. */
function expectIndexed(found: Array<{ sql: string; plan: string[] }>, table: string, index: string) {
  for (const { sql, plan } of found) {
    const steps = plan.filter((d) => new RegExp(`^(SCAN|SEARCH) ${table}\\b`).test(d));
    expect(steps.length, `${sql}\n${plan.join("\n")}`).toBeGreaterThan(0);
    for (const d of steps) {
      expect(d, `${sql}\n${plan.join("\n")}`).toMatch(new RegExp(`^SEARCH ${table} USING (COVERING )?INDEX ${index} \\(tenant_id=\\?`));
    }
    expect(plan.join("\n"), sql).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
  }
}

/** A new tenant with these contacts, written straight into D1 (the search index follows through its triggers). */
async function tenantWithContacts(rows: Array<{ name: string; waId: string }>): Promise<string> {
  const tenantId = (await createTenant()).tenant.id;
  const now = Date.now();
  await env.DB.prepare(
    `INSERT INTO contacts (id, tenant_id, wa_id, phone, name, tags, lead_score, stage, opted_out, custom_fields, created_at, updated_at)
     SELECT json_extract(value, '$.id'), ?1, json_extract(value, '$.waId'), '+' || json_extract(value, '$.waId'), json_extract(value, '$.name'), '[]', 0, 'new', 0, '{}', ?2, ?2
     FROM json_each(?3)`,
  )
    .bind(tenantId, now, JSON.stringify(rows.map((r, i) => ({ ...r, id: newId("contact", now + i) }))))
    .run();
  return tenantId;
}

/** One conversation per contact of the tenant, on its sandbox channel. */
async function conversationsFor(tenantId: string) {
  await env.DB.prepare(
    `INSERT INTO conversations (id, tenant_id, contact_id, channel_id, unread_count, created_at, updated_at)
     SELECT 'cnv_' || substr(id, 5), tenant_id, id, (SELECT id FROM channels WHERE tenant_id = ?1 LIMIT 1), 0, created_at, created_at FROM contacts WHERE tenant_id = ?1`,
  )
    .bind(tenantId)
    .run();
}

const contactsRequest = (over: Partial<ContactListRequest> = {}): ContactListRequest => ({ sort: "created", limit: 50, cursor: null, ...over });

describe("hot query plans", () => {
  it("contacts list, newest first, stays on (tenant_id, id)", async () => {
    expectIndexed(await plansOf((ctx) => listContacts(ctx, contactsRequest()), /from "contacts"/i), "contacts", "contacts_tenant");
  });

  it("contacts search matches inside the tenant's part of the trigram index, then reads only the matches by rowid", async () => {
    const tenant = await tenantWithContacts([
      { name: "Siti Rahma", waId: "6281234500001" },
      { name: "Siti Nur", waId: "6281234500002" },
      { name: "Agus", waId: "6289900000003" },
    ]);
    for (const [q, column] of [["Siti", "{name email}"], ["0812345", "wa_id"], ["nobody-by-this-name", "{name email}"]] as const) {
      const captured: Captured[] = [];
      await listContacts(ctxWith(captured, tenant), contactsRequest({ q }));
      const match = captured.find((c) => /contacts_fts MATCH/.test(c.sql))!;
      expect(match, q).toBeDefined();
      // The tenant is part of the MATCH expression itself, as an indexed column; the term only in its columns.
      const expr = match.params.find((p) => typeof p === "string" && p.includes("MATCH") === false && p.includes(`tenant_id : "${tenant}"`));
      expect(expr, q).toMatch(new RegExp(`^tenant_id : "${tenant}" AND ${column.replace(/[{}]/g, "\\$&")} : "`));
      const plan = (await env.DB.prepare(`EXPLAIN QUERY PLAN ${match.sql}`).bind(...match.params).all<{ detail: string }>()).results.map((r) => r.detail);
      expect(plan.join("\n"), q).toMatch(/^SCAN contacts_fts VIRTUAL TABLE INDEX \d+:M/m);
    }
    for (const q of ["Siti", "0812345"]) {
      for (const sort of ["created", "lastMessage", "score"] as const) {
        const found = await plansOf((ctx) => listContacts(ctx, contactsRequest({ q, sort })), /from "contacts"/i, tenant);
        for (const { sql, plan } of found) {
          const steps = plan.filter((d) => /^(SCAN|SEARCH) contacts\b/.test(d));
          expect(steps.length, `${sql}\n${plan.join("\n")}`).toBeGreaterThan(0);
          for (const d of steps) expect(d, `${q} ${sort}\n${sql}\n${plan.join("\n")}`).toMatch(/^SEARCH contacts USING INTEGER PRIMARY KEY \(rowid=\?\)/);
        }
      }
    }
    // One or two characters: the (tenant_id, lower(name|email)) prefix indexes, then the rows by rowid.
    const short = await plansOf((ctx) => listContacts(ctx, contactsRequest({ q: "Si" })), /from "contacts"/i, tenant);
    const prefix = short.filter(({ sql }) => /^SELECT r FROM \(SELECT rowid AS r FROM "contacts"/.test(sql));
    expect(prefix.length, short.map((f) => f.sql).join("\n")).toBeGreaterThan(0);
    for (const { sql, plan } of short) {
      const text = `${sql}\n${plan.join("\n")}`;
      for (const d of plan.filter((d) => /^(SCAN|SEARCH) contacts\b/.test(d))) {
        expect(d, text).toMatch(/^SEARCH contacts USING (INTEGER PRIMARY KEY \(rowid=\?\)|(COVERING )?INDEX contacts_tenant_(name|email)_key \(tenant_id=\? AND <expr>>\? AND <expr><\?\))/);
      }
    }
    // No match: the index answers alone, no read of contacts at all.
    const captured: Captured[] = [];
    expect((await listContacts(ctxWith(captured, tenant), contactsRequest({ q: "nobody-by-this-name" }))).data).toEqual([]);
    expect(captured.filter((c) => /from "contacts"/i.test(c.sql))).toEqual([]);
  });

  it("a common search term (more matches than the index hands over) and a one- or two-character one read (tenant_id, id) in order", async () => {
    const tenant = await tenantWithContacts(Array.from({ length: SEARCH_CANDIDATES + 1 }, (_, i) => ({ name: `Budi ${i}`, waId: `628555${String(i).padStart(7, "0")}` })));
    expectIndexed(await plansOf((ctx) => listContacts(ctx, contactsRequest({ q: "Budi" })), /order by "contacts"/i, tenant), "contacts", "contacts_tenant");
    expectIndexed(await plansOf((ctx) => listContacts(ctx, contactsRequest({ q: "0855500" })), /order by "contacts"/i, tenant), "contacts", "contacts_tenant");
    expectIndexed(await plansOf((ctx) => listContacts(ctx, contactsRequest({ q: "Bu" })), /order by "contacts"/i, tenant), "contacts", "contacts_tenant");
  });

  it("contacts by last message and by score read their (tenant, value, id) indexes", async () => {
    const byLast = await plansOf((ctx) => listContacts(ctx, contactsRequest({ sort: "lastMessage" })), /from "contacts"/i);
    // Dated contacts from the (tenant, last_message_at, id) index, then the undated ones newest first.
    expectIndexed(byLast.slice(0, 1), "contacts", "contacts_tenant_last_message");
    expectIndexed(await plansOf((ctx) => listContacts(ctx, contactsRequest({ sort: "score" })), /from "contacts"/i), "contacts", "contacts_tenant_score");
  });

  it("conversations list, newest first and by latest activity (the inbox order), is read in index order", async () => {
    expectIndexed(await plansOf((ctx) => listConversations(ctx, { limit: 50, sort: "created" } as never), /from "conversations"/i), "conversations", "conversations_tenant");
    expectIndexed(
      await plansOf((ctx) => listConversations(ctx, { limit: 50, sort: "lastMessage" } as never), /from "conversations"/i),
      "conversations",
      "conversations_tenant_activity",
    );
  });

  it("inbox search by name, phone or message words: a few matches come from the tenant's part of contacts_fts and messages_fts and are read by id", async () => {
    const tenant = await tenantWithContacts([
      { name: "Siti Rahma", waId: "6281234500001" },
      { name: "Agus", waId: "6289900000003" },
    ]);
    await conversationsFor(tenant);
    for (const q of ["Siti", "0812345", "harga rumah", "nobody-by-this-name"]) {
      const captured: Captured[] = [];
      await listConversations(ctxWith(captured, tenant), { limit: 50, sort: "lastMessage", q } as never);
      const fts = captured.filter((c) => /(contacts_fts|messages_fts) MATCH/.test(c.sql));
      expect(fts.length, q).toBeGreaterThan(0);
      for (const c of fts) {
        expect(c.params.filter((p) => typeof p === "string" && p.startsWith(`tenant_id : "${tenant}" AND `)).length, `${q}\n${c.sql}`).toBe(2);
        const plan = (await env.DB.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).bind(...c.params).all<{ detail: string }>()).results.map((r) => r.detail);
        // One round trip asks both indexes, each through its MATCH.
        expect(plan.join("\n"), `${q}\n${c.sql}`).toMatch(/SCAN contacts_fts VIRTUAL TABLE INDEX \d+:M/);
        expect(plan.join("\n"), `${q}\n${c.sql}`).toMatch(/SCAN messages_fts VIRTUAL TABLE INDEX \d+:M/);
        expect(plan.join("\n"), `${q}\n${c.sql}`).not.toMatch(/SCAN (contacts|conversations|messages)\b/);
      }
      const read = captured.filter((c) => /from "conversations"/i.test(c.sql));
      if (q === "nobody-by-this-name" || q === "harga rumah") {
        // Nothing matches in either index: no read of conversations at all.
        expect(read, q).toEqual([]);
        continue;
      }
      expect(read.length, q).toBeGreaterThan(0);
      for (const c of read) {
        const plan = (await env.DB.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).bind(...c.params).all<{ detail: string }>()).results.map((r) => r.detail);
        const text = `${q}\n${c.sql}\n${plan.join("\n")}`;
        const outer = plan.filter((d) => /^(SCAN|SEARCH) conversations\b/.test(d));
        expect(outer.length, text).toBeGreaterThan(0);
        for (const d of outer) expect(d, text).toMatch(/^SEARCH conversations USING INDEX (sqlite_autoindex_conversations_1 \(id=\?\)|conversations_tenant_contact_channel \(tenant_id=\? AND contact_id=\?\))/);
        // The matched contacts by rowid; the list's own contact column by (tenant_id, id) per row.
        for (const d of plan.filter((d) => /^(SCAN|SEARCH) contacts\b/.test(d))) {
          expect(d, text).toMatch(/^SEARCH contacts USING (INTEGER PRIMARY KEY \(rowid=\?\)|INDEX contacts_tenant \(tenant_id=\? AND id=\?\) LEFT-JOIN)/);
        }
        expect(plan.join("\n"), text).toMatch(/SEARCH cv USING INDEX conversations_tenant_contact_channel \(tenant_id=\? AND contact_id=\?\)/);
        expect(plan.join("\n"), text).not.toMatch(/SCAN (messages|contacts|conversations)\b/);
      }
    }
  });

  it("inbox search for a common term (more matches than the index hands over) or one or two characters walks the tenant's conversations in index order", async () => {
    const tenant = await tenantWithContacts(Array.from({ length: SEARCH_CANDIDATES + 1 }, (_, i) => ({ name: `Budi ${i}`, waId: `628555${String(i).padStart(7, "0")}` })));
    await conversationsFor(tenant);
    for (const q of ["Budi", "0855500", "Bu"]) {
      const found = await plansOf((ctx) => listConversations(ctx, { limit: 50, sort: "lastMessage", q } as never), /from "conversations"/i, tenant);
      for (const { sql, plan } of found) {
        const text = `${q}\n${sql}\n${plan.join("\n")}`;
        const outer = plan.filter((d) => /^(SCAN|SEARCH) conversations\b/.test(d));
        expect(outer.length, text).toBeGreaterThan(0);
        for (const d of outer) expect(d, text).toMatch(/^SEARCH conversations USING INDEX conversations_tenant_activity \(tenant_id=\?/);
        for (const d of plan.filter((d) => /^(SCAN|SEARCH) contacts\b/.test(d))) expect(d, text).toMatch(/^SEARCH contacts USING (COVERING )?INDEX \w+ \((tenant_id=\?|id=\?)/);
        expect(plan.join("\n"), text).not.toMatch(/USE TEMP B-TREE FOR ORDER BY|SCAN messages\b|SCAN contacts\b/);
      }
    }
  });

  it("the assistant's message count is a range of (tenant_id, conversation_id)", async () => {
    const found = await plansOf((ctx) => countConversationMessages(ctx, TENANT, "cnv_01JPLANS0000000000000000000"), /from "messages"/i);
    for (const { sql, plan } of found) {
      expect(plan.join("\n"), sql).toMatch(/^SEARCH messages USING COVERING INDEX messages_conversation(_time)? \(tenant_id=\? AND conversation_id=\?\)/m);
    }
  });

  it("the knowledge search of a large knowledge base matches inside the tenant's part of the full-text index", async () => {
    // Small knowledge bases are matched whole in memory; a large one (scanChunks 0 forces it) goes through the index.
    const search = (ctx: TenantCtx) => lookup(ctx, TENANT, "When are you open on Saturday?", { scanChunks: 0 });
    const found = await plansOf(search, /knowledge_fts MATCH/);
    for (const { sql, plan } of found) {
      // The full-text index answers the MATCH (a virtual-table index with a MATCH constraint), never a scan of all rows.
      expect(plan.join("\n"), sql).toMatch(/^SCAN knowledge_fts VIRTUAL TABLE INDEX \d+:M/m);
    }
    const captured: Captured[] = [];
    await search(ctxWith(captured));
    const match = captured.find((c) => /knowledge_fts MATCH/.test(c.sql))!;
    // The tenant is part of the MATCH expression itself, as an indexed column.
    expect(match.params.some((p) => typeof p === "string" && p.includes(`tenant_id : "${TENANT}"`))).toBe(true);
  });
});
