// Recompute a tenant's rollups from the raw rows, independently of the
// triggers that maintain them as things happen (migrations/0015_analytics.sql).
// One D1 batch, so readers see the old rollups or the new ones, never a mix.
import { sql, type SQL } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type { Ctx } from "../lib/context";

const BUCKET = 900_000;
const b = (col: string) => sql.raw(`((${col} / ${BUCKET}) * ${BUCKET})`);

function upsert(tenantId: string, columns: string[], select: SQL): SQL {
  const cols = sql.raw(columns.join(", "));
  const set = sql.raw(columns.map((c) => `${c} = ${c} + excluded.${c}`).join(", "));
  return sql`INSERT INTO analytics_buckets (tenant_id, bucket, ${cols}) ${select} ON CONFLICT (tenant_id, bucket) DO UPDATE SET ${set}`;
}

function responseTimes(tenantId: string, kind: "bot" | "human", resetBy: string[]): SQL {
  const author = kind === "bot" ? "bot" : "agent";
  const authors = sql.raw(resetBy.map((a) => `'${a}'`).join(", "));
  return sql`INSERT INTO analytics_response_times (message_id, tenant_id, kind, at, ms)
      SELECT id, tenant_id, ${kind}, created_at, created_at - started FROM (
        SELECT r.id, r.tenant_id, r.author, r.created_at,
          (SELECT min(i.created_at) FROM messages i WHERE i.conversation_id = r.conversation_id AND i.direction = 'inbound'
            AND i.created_at <= r.created_at AND i.created_at > coalesce(r.prev_at, -1)) AS started
        FROM (SELECT id, tenant_id, conversation_id, author, created_at,
            lag(created_at) OVER (PARTITION BY conversation_id ORDER BY created_at, id) AS prev_at
          FROM messages WHERE tenant_id = ${tenantId} AND direction = 'outbound' AND author IN (${authors})) r
      ) WHERE author = ${author} AND started IS NOT NULL`;
}

export function rebuildStatements(tenantId: string, now: number): SQL[] {
  return [
    sql`DELETE FROM analytics_buckets WHERE tenant_id = ${tenantId}`,
    sql`DELETE FROM analytics_response_times WHERE tenant_id = ${tenantId}`,
    upsert(
      tenantId,
      [
        "messages_inbound",
        "messages_bot",
        "messages_agent",
        "messages_campaign",
        "messages_delivered",
        "messages_read",
        "messages_failed",
        "campaigns_sent",
        "campaigns_delivered",
        "campaigns_read",
        "assistant_answered",
      ],
      sql`SELECT tenant_id, ${b("created_at")},
        sum(direction = 'inbound'),
        sum(direction = 'outbound' AND author = 'bot'),
        sum(direction = 'outbound' AND author = 'agent'),
        sum(direction = 'outbound' AND author = 'campaign'),
        sum(direction = 'outbound' AND status IN ('delivered', 'read', 'played')),
        sum(direction = 'outbound' AND status IN ('read', 'played')),
        sum(direction = 'outbound' AND status = 'failed'),
        sum(author = 'campaign' AND status IN ('sent', 'delivered', 'read', 'played')),
        sum(author = 'campaign' AND status IN ('delivered', 'read', 'played')),
        sum(author = 'campaign' AND status IN ('read', 'played')),
        sum(direction = 'outbound' AND author = 'bot' AND json_valid(payload) AND coalesce(json_array_length(payload, '$.sources'), 0) > 0)
      FROM messages WHERE tenant_id = ${tenantId} GROUP BY 2`,
    ),
    // A campaign message is replied to when a customer message arrives after it and before the conversation's next campaign message.
    upsert(
      tenantId,
      ["campaigns_replied"],
      sql`SELECT c.tenant_id, ${b("c.created_at")}, count(*) FROM messages c
        WHERE c.tenant_id = ${tenantId} AND c.author = 'campaign' AND EXISTS (
          SELECT 1 FROM messages o WHERE o.conversation_id = c.conversation_id AND o.direction = 'inbound' AND o.created_at >= c.created_at
          AND o.created_at < coalesce((SELECT min(n.created_at) FROM messages n WHERE n.conversation_id = c.conversation_id AND n.author = 'campaign' AND n.created_at > c.created_at), 9e18))
        GROUP BY 2`,
    ),
    upsert(
      tenantId,
      ["conversations_new", "conversations_handed_off", "conversations_closed"],
      sql`SELECT tenant_id, ${b("created_at")}, count(*), sum(handed_off_at IS NOT NULL), sum(status = 'closed') FROM conversations WHERE tenant_id = ${tenantId} GROUP BY 2`,
    ),
    upsert(tenantId, ["leads_new_contacts"], sql`SELECT tenant_id, ${b("created_at")}, count(*) FROM contacts WHERE tenant_id = ${tenantId} GROUP BY 2`),
    upsert(
      tenantId,
      ["leads_qualified"],
      sql`SELECT tenant_id, ${b("qualified_at")}, count(*) FROM contacts WHERE tenant_id = ${tenantId} AND qualified_at IS NOT NULL GROUP BY 2`,
    ),
    upsert(
      tenantId,
      ["leads_booked"],
      sql`SELECT tenant_id, ${b("created_at")}, count(*) FROM bookings WHERE tenant_id = ${tenantId} AND status = 'confirmed' GROUP BY 2`,
    ),
    upsert(tenantId, ["assistant_unanswered"], sql`SELECT tenant_id, ${b("created_at")}, count(*) FROM knowledge_gaps WHERE tenant_id = ${tenantId} GROUP BY 2`),
    upsert(
      tenantId,
      ["credits_used"],
      sql`SELECT tenant_id, ${b("created_at")}, -sum(delta) FROM credit_ledger WHERE tenant_id = ${tenantId} AND reason IN ('answer', 'refund') GROUP BY 2`,
    ),
    // A bot reply answers the customer messages since the previous bot or agent reply; an agent's reply, those since the previous agent reply.
    responseTimes(tenantId, "bot", ["bot", "agent"]),
    responseTimes(tenantId, "human", ["agent"]),
    sql`INSERT INTO analytics_state (tenant_id, rebuilt_at) VALUES (${tenantId}, ${now}) ON CONFLICT (tenant_id) DO UPDATE SET rebuilt_at = excluded.rebuilt_at`,
  ];
}

/** Recompute the tenant's rollups from messages, conversations, contacts, bookings, gaps and the credit ledger. */
export async function rebuildAnalytics(ctx: Ctx, tenantId: string): Promise<{ rebuiltAt: number }> {
  const now = ctx.now();
  const dialect = new SQLiteSyncDialect();
  await ctx.env.DB.batch(
    rebuildStatements(tenantId, now).map((q) => {
      const { sql: text, params } = dialect.sqlToQuery(q);
      return ctx.env.DB.prepare(text).bind(...params);
    }),
  );
  return { rebuiltAt: now };
}
