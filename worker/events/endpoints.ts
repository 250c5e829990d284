// Webhook endpoints: create (the secret is returned this once), list, get,
// update, delete and rotate the signing secret. Secrets are stored AES-GCM
// encrypted; every change writes its audit row in the same db.batch.
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { webhookEndpoints } from "../db/schema";
import { AppError, conflict, fieldError, notFound } from "../http/errors";
import type { Ctx, TenantCtx } from "../lib/context";
import { decryptSecret, encryptSecret, secretBinding } from "../lib/crypto";
import { newId } from "../lib/ids";
import { auditStatement, auditStatementWhen } from "../tenancy/audit";
import { iso } from "../tenancy/serialize";
import { eventFilterSchema } from "./catalogue";
import { insertWhen } from "./guarded";
import { generateSecret } from "./signing";
import { endpointUrlProblem, MAX_URL_LENGTH } from "./url-policy";

export type EndpointRow = typeof webhookEndpoints.$inferSelect;

export const MAX_ENDPOINTS_PER_TENANT = 50;
export const DEFAULT_RATE_LIMIT_PER_SECOND = 50;
/** How long the replaced secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 3600_000;

const url = z.string().trim().min(1, { message: "is required" }).max(MAX_URL_LENGTH);
const description = z.string().trim().max(500);
const rateLimitPerSecond = z.number().int().min(1).max(1000).describe("Deliveries per second to this endpoint; more are deferred, not dropped");

export const createEndpointInput = z.object({
  url,
  events: eventFilterSchema,
  description: description.optional(),
  rateLimitPerSecond: rateLimitPerSecond.optional(),
});

export const updateEndpointInput = z
  .object({
    url: url.optional(),
    events: eventFilterSchema.optional(),
    description: description.nullable().optional(),
    /** true re-enables a disabled endpoint and clears its failure streak; false disables it. */
    enabled: z.boolean().optional(),
    rateLimitPerSecond: rateLimitPerSecond.nullable().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "name at least one field to change" });

export function endpointView(row: EndpointRow, now: number) {
  const overlapActive = row.previousSecret !== null && row.previousSecretExpiresAt !== null && row.previousSecretExpiresAt > now;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.eventTypes,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    disabledAt: iso(row.disabledAt),
    failingSince: iso(row.failingSince),
    lastSuccessAt: iso(row.lastSuccessAt),
    lastFailureAt: iso(row.lastFailureAt),
    rateLimitPerSecond: row.rateLimitPerSecond ?? DEFAULT_RATE_LIMIT_PER_SECOND,
    secretRotatedAt: iso(row.secretRotatedAt),
    previousSecretExpiresAt: overlapActive ? iso(row.previousSecretExpiresAt) : null,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  };
}
export type EndpointView = ReturnType<typeof endpointView>;

function checkUrl(ctx: Ctx, value: string): void {
  const problem = endpointUrlProblem(ctx.config, value);
  if (problem) throw fieldError("url", problem);
}

/** Endpoint signing secrets (current and previous) are sealed bound to their tenant and endpoint id. */
export const endpointBinding = (row: Pick<EndpointRow, "id" | "tenantId">) => secretBinding("webhook_endpoints", row.tenantId, row.id);

export async function seal(ctx: Ctx, row: Pick<EndpointRow, "id" | "tenantId">, secret: string): Promise<string> {
  const version = ctx.config.ENCRYPTION_KEY_VERSION;
  return encryptSecret(secret, ctx.config.encryptionKeys[version]!, version, endpointBinding(row));
}

/** The secrets that sign a request made now: the current one, and the replaced one during a rotation's overlap. */
export async function signingSecrets(ctx: Ctx, row: Pick<EndpointRow, "id" | "tenantId" | "secret" | "previousSecret" | "previousSecretExpiresAt">, now: number): Promise<string[]> {
  const secrets = [await decryptSecret(row.secret, ctx.config.encryptionKeys, endpointBinding(row))];
  if (row.previousSecret && row.previousSecretExpiresAt !== null && row.previousSecretExpiresAt > now) {
    secrets.push(await decryptSecret(row.previousSecret, ctx.config.encryptionKeys, endpointBinding(row)));
  }
  return secrets;
}

export async function getEndpointRow(ctx: TenantCtx, id: string): Promise<EndpointRow> {
  const row = await ctx.db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.tenantId, ctx.tenantId))).get();
  if (!row) throw notFound("Webhook endpoint");
  return row;
}

export async function getEndpoint(ctx: TenantCtx, id: string): Promise<EndpointView> {
  return endpointView(await getEndpointRow(ctx, id), ctx.now());
}

export async function listEndpoints(ctx: TenantCtx, page: { limit: number; cursor: string | null }): Promise<EndpointView[]> {
  const rows = await ctx.db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, ctx.tenantId), page.cursor ? lt(webhookEndpoints.id, page.cursor) : undefined))
    .orderBy(desc(webhookEndpoints.id))
    .limit(page.limit + 1)
    .all();
  const now = ctx.now();
  return rows.map((r) => endpointView(r, now));
}

export async function createEndpoint(ctx: TenantCtx, input: z.infer<typeof createEndpointInput>): Promise<EndpointView & { secret: string }> {
  checkUrl(ctx, input.url);
  const secret = generateSecret();
  const now = ctx.now();
  const id = newId("webhookEndpoint");
  const row: EndpointRow = {
    id,
    tenantId: ctx.tenantId,
    url: input.url,
    description: input.description || null,
    eventTypes: input.events,
    enabled: true,
    disabledReason: null,
    disabledAt: null,
    rateLimitPerSecond: input.rateLimitPerSecond ?? null,
    secret: await seal(ctx, { id, tenantId: ctx.tenantId }, secret),
    previousSecret: null,
    previousSecretExpiresAt: null,
    secretRotatedAt: null,
    failingSince: null,
    lastSuccessAt: null,
    lastFailureAt: null,
    createdAt: now,
    updatedAt: now,
  };
  // The cap is checked inside the batch, so concurrent creates cannot overshoot it.
  const underCap = sql`(SELECT COUNT(*) FROM ${webhookEndpoints} WHERE ${webhookEndpoints.tenantId} = ${ctx.tenantId}) < ${MAX_ENDPOINTS_PER_TENANT}`;
  await ctx.db.batch([
    auditStatementWhen(ctx, { action: "webhook_endpoint.created", targetType: "webhook_endpoint", targetId: row.id, metadata: { host: new URL(row.url).host, events: row.eventTypes } }, underCap),
    insertWhen(ctx.db, webhookEndpoints, row, underCap),
  ]);
  const stored = await ctx.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, row.id)).get();
  if (!stored) throw new AppError("unprocessable", `A tenant can have at most ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints; delete one first`);
  return { ...endpointView(stored, now), secret };
}

export async function updateEndpoint(ctx: TenantCtx, id: string, input: z.infer<typeof updateEndpointInput>): Promise<EndpointView> {
  const row = await getEndpointRow(ctx, id);
  if (input.url !== undefined) checkUrl(ctx, input.url);
  const now = ctx.now();
  const set: Partial<EndpointRow> = { updatedAt: now };
  if (input.url !== undefined) set.url = input.url;
  if (input.events !== undefined) set.eventTypes = input.events;
  if (input.description !== undefined) set.description = input.description || null;
  if (input.rateLimitPerSecond !== undefined) set.rateLimitPerSecond = input.rateLimitPerSecond;
  if (input.enabled === true && !row.enabled) Object.assign(set, { enabled: true, disabledReason: null, disabledAt: null, failingSince: null });
  if (input.enabled === false && row.enabled) Object.assign(set, { enabled: false, disabledReason: "manual", disabledAt: now });
  const changed = Object.keys(input).filter((k) => input[k as keyof typeof input] !== undefined);
  await ctx.db.batch([
    ctx.db.update(webhookEndpoints).set(set).where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.tenantId, ctx.tenantId))),
    // Hosts only: a URL's path or query may carry the subscriber's own token.
    auditStatement(ctx, { action: "webhook_endpoint.updated", targetType: "webhook_endpoint", targetId: id, metadata: { fields: changed, ...(set.url ? { host: new URL(set.url).host } : {}) } }),
  ]);
  return getEndpoint(ctx, id);
}

export async function deleteEndpoint(ctx: TenantCtx, id: string): Promise<void> {
  const row = await getEndpointRow(ctx, id);
  // Its deliveries and their attempts go with it (ON DELETE CASCADE); queued messages for them find nothing and stop.
  await ctx.db.batch([
    ctx.db.delete(webhookEndpoints).where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.tenantId, ctx.tenantId))),
    auditStatement(ctx, { action: "webhook_endpoint.deleted", targetType: "webhook_endpoint", targetId: id, metadata: { host: new URL(row.url).host } }),
  ]);
}

/**
 * A new secret signs from now on; the replaced one keeps signing for 24 h so
 * receivers can switch without rejecting anything. A second rotation inside
 * the window drops the oldest secret.
 */
export async function rotateSecret(ctx: TenantCtx, id: string): Promise<{ id: string; secret: string; previousSecretExpiresAt: string }> {
  const row = await getEndpointRow(ctx, id);
  const secret = generateSecret();
  const now = ctx.now();
  const expiresAt = now + ROTATION_OVERLAP_MS;
  // Guarded on the secret read above: two concurrent rotations cannot both win and leave one caller with a secret that never signs.
  const unchanged = and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.tenantId, ctx.tenantId), eq(webhookEndpoints.secret, row.secret))!;
  const [, updated] = await ctx.db.batch([
    auditStatementWhen(ctx, { action: "webhook_endpoint.secret_rotated", targetType: "webhook_endpoint", targetId: id }, sql`EXISTS (SELECT 1 FROM ${webhookEndpoints} WHERE ${unchanged})`),
    ctx.db
      .update(webhookEndpoints)
      .set({ secret: await seal(ctx, row, secret), previousSecret: row.secret, previousSecretExpiresAt: expiresAt, secretRotatedAt: now, updatedAt: now })
      .where(unchanged)
      .returning({ id: webhookEndpoints.id }),
  ]);
  if (updated.length === 0) throw conflict("The secret was rotated by another request at the same time; try again");
  return { id, secret, previousSecretExpiresAt: iso(expiresAt)! };
}
