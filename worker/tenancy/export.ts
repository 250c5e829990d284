// Everything a tenant holds, as one NDJSON stream for its owner: a header line,
// then one line per row of every tenant-owned table, read a page at a time in
// primary-key order so memory and each D1 query stay bounded however large the
// tenant is. Secrets never leave: credential columns are dropped, and tables
// that are credentials, transient queues or copies of other rows are skipped.
// EXPORT_PLAN names every table with a tenant_id; a test fails when a new one
// is added without a decision here.
import { and, asc, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import { getTableConfig, SQLiteTable, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import * as schema from "../db/schema";
import type { TenantCtx } from "../lib/context";
import { auditStatement } from "./audit";
import { iso } from "./serialize";

export type ExportDecision = { export: true; omit?: string[] } | { export: false; reason: string };

/** Keyed by SQL table name; `omit` lists SQL column names that never leave. */
export const EXPORT_PLAN: Record<string, ExportDecision> = {
  memberships: { export: true },
  invitations: { export: true, omit: ["token_hash"] },
  api_keys: { export: true, omit: ["key_hash"] },
  audit_log: { export: true },
  channels: { export: true, omit: ["secrets", "verify_token"] },
  contacts: { export: true },
  tags: { export: true },
  contact_tags: { export: true },
  custom_fields: { export: true },
  conversations: { export: true },
  messages: { export: true },
  message_reactions: { export: true },
  conversation_notes: { export: true },
  quick_replies: { export: true },
  message_templates: { export: true },
  media: { export: true, omit: ["provider_url"] },
  knowledge_entries: { export: true },
  knowledge_gaps: { export: true },
  bot_settings: { export: true },
  flows: { export: true },
  flow_answers: { export: true },
  bookings: { export: true },
  calendar_feeds: { export: true, omit: ["token_hash"] },
  campaigns: { export: true },
  campaign_recipients: { export: true },
  credit_accounts: { export: true },
  credit_ledger: { export: true },
  analytics_buckets: { export: true },
  analytics_breakdowns: { export: true },
  webhook_endpoints: { export: true, omit: ["secret", "previous_secret"] },
  webhook_events: { export: true },
  webhook_deliveries: { export: true, omit: ["replay_token"] },
  webhook_attempts: { export: true },
  contact_imports: { export: true },
  contact_import_errors: { export: true },
  sessions: { export: false, reason: "sign-in credentials, not business data" },
  idempotency_keys: { export: false, reason: "a short-lived replay cache whose stored responses can hold one-time secrets" },
  emails: { export: false, reason: "the notification outbox; bodies can carry password-reset links" },
  knowledge_chunks: { export: false, reason: "derived from knowledge_entries" },
  analytics_response_times: { export: false, reason: "derived from messages" },
  analytics_response_histogram: { export: false, reason: "derived from messages" },
  analytics_state: { export: false, reason: "bookkeeping of the analytics rebuild" },
  contact_import_slices: { export: false, reason: "staging copies of an uploaded file while it imports" },
  pending_statuses: { export: false, reason: "provider receipts waiting for their message, kept minutes" },
  webhook_payloads: { export: false, reason: "raw provider deliveries kept for debugging; their content is in messages" },
  dead_letters: { export: false, reason: "internal queue jobs that failed; operators replay them" },
  meta_media_ids: { export: false, reason: "a cache of Meta's ids for files already uploaded, valid 29 days" },
};

export interface TenantTable {
  name: string;
  table: SQLiteTable;
  tenantColumn: SQLiteColumn;
  key: SQLiteColumn[];
}

/** Every table in the schema that carries a tenant_id column. */
export function tenantTables(): TenantTable[] {
  const out: TenantTable[] = [];
  for (const value of Object.values(schema)) {
    if (!(value instanceof SQLiteTable)) continue;
    const config = getTableConfig(value);
    const tenantColumn = config.columns.find((c) => c.name === "tenant_id");
    if (!tenantColumn) continue;
    const key = config.primaryKeys[0]?.columns ?? config.columns.filter((c) => c.primary);
    out.push({ name: config.name, table: value, tenantColumn, key });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

const PAGE = 500;
/** Tables exported first, in this order, so a reader meets parents before children. */
const LEAD = ["memberships", "channels", "contacts", "conversations", "messages"];

function exportedTables(): Array<TenantTable & { columns: Record<string, SQLiteColumn> }> {
  const tables = tenantTables().flatMap((t) => {
    const decision = EXPORT_PLAN[t.name];
    if (!decision) throw new Error(`export plan has no decision for table ${t.name}`);
    if (!decision.export) return [];
    const omit = new Set(decision.omit ?? []);
    const columns = Object.fromEntries(Object.entries(getTableColumns(t.table)).filter(([, c]) => !omit.has(c.name))) as Record<string, SQLiteColumn>;
    return [{ ...t, columns }];
  });
  const rank = (name: string) => (LEAD.includes(name) ? LEAD.indexOf(name) : LEAD.length);
  return tables.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

function after(key: SQLiteColumn[], last: unknown[]): SQL {
  if (key.length === 1) return sql`${key[0]!} > ${last[0]}`;
  return sql`(${sql.join(key, sql`, `)}) > (${sql.join(last.map((v) => sql`${v}`), sql`, `)})`;
}

/** The NDJSON export of the caller's tenant. Records the export in the audit log first. */
export async function exportTenant(ctx: TenantCtx): Promise<{ stream: ReadableStream<Uint8Array>; fileName: string }> {
  const tenant = (await ctx.db.select().from(schema.tenants).where(eq(schema.tenants.id, ctx.tenantId)).get())!;
  await auditStatement(ctx, { action: "tenant.exported", targetType: "tenant", targetId: ctx.tenantId });
  const members = await ctx.db
    .select({ userId: schema.users.id, email: schema.users.email, name: schema.users.name, role: schema.memberships.role })
    .from(schema.memberships)
    .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
    .where(eq(schema.memberships.tenantId, ctx.tenantId))
    .orderBy(asc(schema.memberships.createdAt))
    .all();
  const tables = exportedTables();
  const encoder = new TextEncoder();
  const exportedAt = new Date(ctx.now()).toISOString();
  let index = -1;
  let last: unknown[] | null = null;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (index === -1) {
          const header = {
            kind: "parley.tenant-export",
            version: 1,
            exportedAt,
            tenant: { id: tenant.id, name: tenant.name, plan: tenant.plan, createdAt: iso(tenant.createdAt) },
            members,
            tables: tables.map((t) => t.name),
          };
          controller.enqueue(encoder.encode(JSON.stringify(header) + "\n"));
          index = 0;
          return;
        }
        // A pull must enqueue or close, or the stream stalls: skip empty pages.
        for (;;) {
          const t = tables[index];
          if (!t) {
            controller.close();
            return;
          }
          const keyFields = t.key.map((_, i) => `__k${i}`);
          const selection: Record<string, SQLiteColumn | SQL> = { ...t.columns };
          t.key.forEach((c, i) => (selection[keyFields[i]!] = sql`${c}`));
          const rows = (await ctx.db
            .select(selection)
            .from(t.table)
            .where(and(eq(t.tenantColumn, ctx.tenantId), last ? after(t.key, last) : undefined))
            .orderBy(...t.key.map((c) => asc(c)))
            .limit(PAGE)
            .all()) as Array<Record<string, unknown>>;
          let chunk = "";
          for (const r of rows) {
            const row: Record<string, unknown> = {};
            for (const k of Object.keys(t.columns)) row[k] = r[k];
            chunk += JSON.stringify({ table: t.name, row }) + "\n";
          }
          if (rows.length < PAGE) {
            index += 1;
            last = null;
          } else {
            const end = rows[rows.length - 1]!;
            last = keyFields.map((f) => end[f]);
          }
          if (chunk) {
            controller.enqueue(encoder.encode(chunk));
            return;
          }
        }
      } catch (err) {
        ctx.logger.error("tenant export failed mid-stream", { error: String(err) });
        controller.error(err);
      }
    },
  });
  const slug = tenant.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "tenant";
  return { stream, fileName: `parley-${slug}-${exportedAt.slice(0, 10)}.ndjson` };
}
