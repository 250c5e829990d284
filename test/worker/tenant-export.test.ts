// The owner's export of a whole tenant: every tenant-owned table has a decision
// (exported, or skipped with a reason), the stream carries the tenant's data and
// nobody else's, and no credential ever leaves.
import { env, exports } from "cloudflare:workers";
import { getTableConfig } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { EXPORT_PLAN, tenantTables } from "../../worker/tenancy/export";
import { ORIGIN } from "./helpers/api";
import { connectMeta } from "./helpers/channels";
import { createTenant, inviteMember, type Member } from "./helpers/tenants";
import { eventually } from "./helpers/wait";
import { subscriberUrl } from "./events/harness";

interface Line {
  table?: string;
  row?: Record<string, unknown>;
  kind?: string;
  [k: string]: unknown;
}

async function download(headers: Record<string, string>) {
  const res = await exports.default.fetch(new Request(`${ORIGIN}/api/tenant/export`, { headers }));
  const text = await res.text();
  return { res, text };
}
const asOwner = (m: Pick<Member, "cookie">) => ({ cookie: m.cookie });
const lines = (text: string) => text.trimEnd().split("\n").map((l) => JSON.parse(l) as Line);
const rowsOf = (all: Line[], table: string) => all.filter((l) => l.table === table).map((l) => l.row!);

describe("tenant export plan", () => {
  it("has a decision for every table in the schema with a tenant_id, and none for tables that do not exist", () => {
    const names = tenantTables().map((t) => t.name);
    expect(names.length).toBeGreaterThan(30);
    for (const name of names) expect(EXPORT_PLAN[name], `table ${name} has no export decision`).toBeDefined();
    expect(Object.keys(EXPORT_PLAN).filter((n) => !names.includes(n))).toEqual([]);
  });

  it("names only columns that exist when it drops one", () => {
    for (const t of tenantTables()) {
      const decision = EXPORT_PLAN[t.name]!;
      if (!decision.export) continue;
      const columns = getTableConfig(t.table).columns.map((c) => c.name);
      for (const col of decision.omit ?? []) expect(columns, `${t.name}.${col}`).toContain(col);
    }
  });
});

describe("GET /api/tenant/export", () => {
  it("streams the tenant's data as NDJSON, with no secrets and nothing of another tenant", async () => {
    const owner = await createTenant({ tenantName: "Kopi Kenangan Export" });
    const other = await createTenant();
    const meta = await connectMeta(owner);
    const endpoint = await owner.call("POST", "/api/webhook-endpoints", { url: subscriberUrl(), events: ["campaign.completed"] });
    expect(endpoint.status, endpoint.text).toBe(201);
    expect((await owner.call("POST", "/api/knowledge", { title: "Opening hours", content: "We open 8am to 9pm every day." })).status).toBe(201);
    expect((await owner.call("POST", "/api/quick-replies", { shortcut: "hours", title: "Hours", text: "We open at 8am." })).status).toBe(201);
    const sent = await owner.call("POST", "/api/sandbox/messages", { from: "+6281234567890", name: "Sari", text: "Do you deliver to Bandung?" });
    expect(sent.status, sent.text).toBe(202);
    await eventually(async () => {
      const row = await env.DB.prepare("SELECT id FROM messages WHERE id = ?").bind(sent.json.messageId).first();
      expect(row).not.toBeNull();
    }, { what: "the sandbox message stored" });
    const otherSent = await other.call("POST", "/api/sandbox/messages", { from: "+6289999999999", text: "Other tenant's secret plan" });
    expect(otherSent.status).toBe(202);
    await inviteMember(owner, "agent");

    const { res, text } = await download(asOwner(owner));
    expect(res.status, text).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="parley-kopi-kenangan-export-\d{4}-\d{2}-\d{2}\.ndjson"$/);
    const all = lines(text);
    const header = all[0]!;
    expect(header).toMatchObject({ kind: "parley.tenant-export", version: 1, tenant: { id: owner.tenant.id, name: "Kopi Kenangan Export" } });
    expect((header.members as Array<{ email: string; role: string }>).map((m) => m.role).sort()).toEqual(["agent", "owner"]);

    expect(rowsOf(all, "messages").map((m) => m.text)).toContain("Do you deliver to Bandung?");
    expect(rowsOf(all, "contacts").map((c) => c.phone)).toContain("+6281234567890");
    expect(rowsOf(all, "knowledge_entries").map((k) => k.title)).toEqual(["Opening hours"]);
    expect(rowsOf(all, "quick_replies").map((q) => q.shortcut)).toEqual(["hours"]);
    expect(rowsOf(all, "channels").map((c) => c.id)).toContain(meta.id);
    expect(rowsOf(all, "webhook_endpoints").map((e) => e.id)).toEqual([endpoint.json.id]);
    expect(rowsOf(all, "api_keys").map((k) => k.id)).toEqual([owner.apiKeyId]);
    expect(rowsOf(all, "audit_log").length).toBeGreaterThan(0);
    for (const line of all.slice(1)) {
      expect(EXPORT_PLAN[line.table!]).toMatchObject({ export: true });
      expect(line.row!.tenantId).toBe(owner.tenant.id);
    }

    // No credential, in any form it is stored or was handed out.
    const stored = await env.DB.prepare("SELECT secrets, verify_token FROM channels WHERE id = ?").bind(meta.id).first<{ secrets: string; verify_token: string }>();
    const keyHash = await env.DB.prepare("SELECT key_hash FROM api_keys WHERE id = ?").bind(owner.apiKeyId).first<{ key_hash: string }>();
    const hashes = await env.DB.prepare("SELECT u.password_hash AS h FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.tenant_id = ?").bind(owner.tenant.id).all<{ h: string }>();
    const sessions = await env.DB.prepare("SELECT token_hash AS h FROM sessions WHERE tenant_id = ?").bind(owner.tenant.id).all<{ h: string }>();
    const secrets = [
      meta.accessToken,
      meta.appSecret,
      meta.verifyToken,
      stored!.secrets,
      stored!.verify_token,
      owner.apiKey,
      keyHash!.key_hash,
      endpoint.json.secret,
      endpoint.json.secret.replace(/^whsec_/, ""),
      ...hashes.results.map((r) => r.h),
      ...sessions.results.map((r) => r.h),
    ];
    expect(secrets.every(Boolean)).toBe(true);
    for (const s of secrets) expect(text.includes(s), `export leaks ${s.slice(0, 12)}…`).toBe(false);
    expect(text).not.toContain("password");
    expect(text).not.toContain("Other tenant's secret plan");
    expect(text).not.toContain(other.tenant.id);

    const audit = await env.DB.prepare("SELECT actor_id FROM audit_log WHERE tenant_id = ? AND action = 'tenant.exported'").bind(owner.tenant.id).all();
    expect(audit.results).toEqual([{ actor_id: owner.user.id }]);
  });

  it("pages through a table larger than one page without losing or repeating a row", async () => {
    const owner = await createTenant();
    const now = Date.now();
    const stmt = env.DB.prepare("INSERT INTO tags (id, tenant_id, name, name_key, color, created_at, updated_at) VALUES (?, ?, ?, ?, 'gray', ?, ?)");
    const ids = Array.from({ length: 1203 }, (_, i) => `tag_x${String(i).padStart(5, "0")}`);
    for (let i = 0; i < ids.length; i += 100) {
      await env.DB.batch(ids.slice(i, i + 100).map((id) => stmt.bind(id, owner.tenant.id, id, id, now, now)));
    }
    // A table keyed by (tenant_id, bucket) pages by that composite key.
    const bucket = env.DB.prepare("INSERT INTO analytics_buckets (tenant_id, bucket) VALUES (?, ?)");
    const buckets = Array.from({ length: 640 }, (_, i) => 1_700_000_000_000 + i * 3_600_000);
    for (let i = 0; i < buckets.length; i += 100) await env.DB.batch(buckets.slice(i, i + 100).map((b) => bucket.bind(owner.tenant.id, b)));

    const { res, text } = await download(asOwner(owner));
    expect(res.status).toBe(200);
    const all = lines(text);
    expect(rowsOf(all, "tags").map((t) => t.id)).toEqual([...ids].sort());
    expect(rowsOf(all, "analytics_buckets").map((b) => b.bucket)).toEqual(buckets);
  });

  it("is for owners only: admins and agents get 403, anonymous 401", async () => {
    const owner = await createTenant();
    const admin = await inviteMember(owner, "admin");
    const agent = await inviteMember(owner, "agent");
    expect((await download(asOwner(admin))).res.status).toBe(403);
    expect((await download(asOwner(agent))).res.status).toBe(403);
    const anon = await download({});
    expect(anon.res.status).toBe(401);
    expect(anon.res.headers.get("content-type")).toMatch(/problem\+json/);
  });
});
