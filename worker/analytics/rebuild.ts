// Recompute a tenant's rollups from the raw rows, independently of the
// triggers that maintain them as things happen (migrations/0015_analytics.sql).
// One D1 batch, so readers see the old rollups or the new ones, never a mix.
import { sql, type SQL } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type { Ctx } from "../lib/context";
import { msBucketSql, SPANS } from "./latency";

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
  return sql`INSERT INTO analytics_response_times (message_id, tenant_id, kind, at, ms, ms_bucket)
      SELECT id, tenant_id, ${kind}, created_at, created_at - started, ${sql.raw(msBucketSql("(created_at - started)"))} FROM (
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
    // The histogram's triggers stand aside (rebuilding = 1) until it is recomputed from the samples below.
    sql`INSERT INTO analytics_state (tenant_id, rebuilt_at, rebuilding) VALUES (${tenantId}, ${now}, 1) ON CONFLICT (tenant_id) DO UPDATE SET rebuilding = 1`,
    sql`DELETE FROM analytics_response_histogram WHERE tenant_id = ${tenantId}`,
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
    // A customer message is answered when a bot or agent reply in its conversation follows it.
    upsert(
      tenantId,
      ["messages_answered"],
      sql`SELECT i.tenant_id, ${b("i.created_at")}, count(*) FROM messages i
        WHERE i.tenant_id = ${tenantId} AND i.direction = 'inbound' AND EXISTS (
          SELECT 1 FROM messages r WHERE r.conversation_id = i.conversation_id AND r.direction = 'outbound' AND r.author IN ('bot', 'agent') AND r.created_at >= i.created_at)
        GROUP BY 2`,
    ),
    upsert(tenantId, ["leads_asked"], sql`SELECT tenant_id, ${b("flow_asked_at")}, count(*) FROM contacts WHERE tenant_id = ${tenantId} AND flow_asked_at IS NOT NULL GROUP BY 2`),
    upsert(tenantId, ["leads_answered"], sql`SELECT tenant_id, ${b("flow_answered_at")}, count(*) FROM contacts WHERE tenant_id = ${tenantId} AND flow_answered_at IS NOT NULL GROUP BY 2`),
    sql`DELETE FROM analytics_breakdowns WHERE tenant_id = ${tenantId}`,
    sql`INSERT INTO analytics_breakdowns (tenant_id, dimension, bucket, key, n)
      SELECT tenant_id, 'channel', ${b("created_at")}, channel_id, count(*) FROM conversations WHERE tenant_id = ${tenantId} GROUP BY 3, 4`,
    sql`INSERT INTO analytics_breakdowns (tenant_id, dimension, bucket, key, n)
      SELECT tenant_id, 'handoff', ${b("created_at")}, coalesce(handoff_reason, 'agent'), count(*) FROM conversations WHERE tenant_id = ${tenantId} AND handed_off_at IS NOT NULL GROUP BY 3, 4`,
    sql`INSERT INTO analytics_breakdowns (tenant_id, dimension, bucket, key, n)
      SELECT tenant_id, 'failure', ${b("created_at")}, coalesce(error_code, ''), count(*) FROM messages WHERE tenant_id = ${tenantId} AND direction = 'outbound' AND status = 'failed' GROUP BY 3, 4`,
    upsert(tenantId, ["assistant_unanswered"], sql`SELECT tenant_id, ${b("created_at")}, count(*) FROM knowledge_gaps WHERE tenant_id = ${tenantId} GROUP BY 2`),
    upsert(
      tenantId,
      ["credits_used"],
      sql`SELECT tenant_id, ${b("created_at")}, -sum(delta) FROM credit_ledger WHERE tenant_id = ${tenantId} AND reason IN ('answer', 'refund') GROUP BY 2`,
    ),
    // A bot reply answers the customer messages since the previous bot or agent reply; an agent's reply, those since the previous agent reply.
    responseTimes(tenantId, "bot", ["bot", "agent"]),
    responseTimes(tenantId, "human", ["agent"]),
    sql`INSERT INTO analytics_response_histogram (tenant_id, kind, span, start, ms_bucket, n)
      SELECT r.tenant_id, r.kind, s.span, (r.at / s.span) * s.span, r.ms_bucket, count(*)
      FROM analytics_response_times r, (${sql.raw(SPANS.map((x) => `SELECT ${x} AS span`).join(" UNION ALL "))}) s
      WHERE r.tenant_id = ${tenantId} GROUP BY 1, 2, 3, 4, 5`,
    sql`UPDATE analytics_state SET rebuilt_at = ${now}, rebuilding = 0 WHERE tenant_id = ${tenantId}`,
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
