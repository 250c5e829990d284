// Recover: re-send every failed delivery of an endpoint created in a time
// range. The request only queues a job; the job walks the range a page at a
// time (each page re-enqueues the next), so a long outage's backlog never has
// to fit in one request or one consumer invocation. Each delivery is then
// replayed like a single replay: current secret, trigger "replay", and no
// effect on auto-disable. The endpoint's throughput cap paces the re-sends.
import { and, asc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { webhookDeliveries } from "../db/schema";
import { fieldError } from "../http/errors";
import type { Ctx, TenantCtx } from "../lib/context";
import { randomToken } from "../lib/crypto";
import { auditStatement } from "../tenancy/audit";
import { iso } from "../tenancy/serialize";
import { enqueueDeliveries, type Outgoing, type RecoverMessage } from "./delivery-queue";
import { getEndpointRow } from "./endpoints";

export const RECOVER_PAGE_SIZE = 50;
// An id list plus the other bound values must stay under D1's 100 parameters.
const IDS_PER_STATEMENT = 90;

export const recoverInput = z.object({
  since: z.iso.datetime({ offset: true }).describe("Re-send failed deliveries created at or after this time"),
  until: z.iso.datetime({ offset: true }).optional().describe("…and before this time (default: now)"),
});

export async function recoverEndpoint(ctx: TenantCtx, endpointId: string, input: z.infer<typeof recoverInput>) {
  await getEndpointRow(ctx, endpointId);
  const now = ctx.now();
  const since = Date.parse(input.since);
  const until = input.until ? Date.parse(input.until) : now;
  if (since >= until) throw fieldError(input.until ? "until" : "since", input.until ? "must be after since" : "must be in the past");
  const job: RecoverMessage = { kind: "recover", tenantId: ctx.tenantId, endpointId, since, until, token: randomToken(16), after: null };
  await enqueueDeliveries(ctx, [{ body: job }]);
  await ctx.db.batch([
    auditStatement(ctx, { action: "webhook_endpoint.recovered", targetType: "webhook_endpoint", targetId: endpointId, metadata: { since: iso(since), until: iso(until) } }),
  ]);
  return { endpointId, since: iso(since)!, until: iso(until)! };
}

/** One page of a recover job: mark each delivery with the job's token and queue its replay. */
export async function runRecoverPage(ctx: Ctx, job: RecoverMessage): Promise<void> {
  const d = webhookDeliveries;
  const rows = await ctx.db
    .select({ id: d.id, createdAt: d.createdAt })
    .from(d)
    .where(
      and(
        eq(d.endpointId, job.endpointId),
        eq(d.tenantId, job.tenantId),
        eq(d.status, "failed"),
        gte(d.createdAt, job.since),
        lt(d.createdAt, job.until),
        job.after ? sql`(${d.createdAt}, ${d.id}) > (${job.after.createdAt}, ${job.after.id})` : undefined,
      ),
    )
    .orderBy(asc(d.createdAt), asc(d.id))
    .limit(RECOVER_PAGE_SIZE)
    .all();
  if (rows.length === 0) return;

  const now = ctx.now();
  const updates = [];
  for (let i = 0; i < rows.length; i += IDS_PER_STATEMENT) {
    const ids = rows.slice(i, i + IDS_PER_STATEMENT).map((r) => r.id);
    updates.push(ctx.db.update(d).set({ replayToken: job.token, updatedAt: now }).where(and(eq(d.tenantId, job.tenantId), inArray(d.id, ids), eq(d.status, "failed"))));
  }
  await ctx.db.batch(updates as [(typeof updates)[0], ...typeof updates]);

  const messages: Outgoing[] = rows.map((r) => ({ body: { kind: "replay", tenantId: job.tenantId, deliveryId: r.id, token: job.token } }));
  const last = rows[rows.length - 1]!;
  if (rows.length === RECOVER_PAGE_SIZE) messages.push({ body: { ...job, after: { createdAt: last.createdAt, id: last.id } } });
  await enqueueDeliveries(ctx, messages);
  ctx.logger.info("webhook recover page queued", { endpointId: job.endpointId, replays: rows.length });
}
