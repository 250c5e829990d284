// Channels a tenant has connected: create, read, update, disconnect. Secrets
// are encrypted with AES-GCM under ENCRYPTION_KEY and never leave this module
// except to the provider clients.
import { and, desc, eq, inArray, lt, ne } from "drizzle-orm";
import { z } from "zod";
import { endpointUrlProblem } from "../events/url-policy";
import { channels, type ChannelType } from "../db/schema";
import { AppError, conflict, fieldError, notFound, unprocessableField } from "../http/errors";
import type { Ctx, TenantCtx } from "../lib/context";
import { decryptSecret, encryptSecret, randomToken, secretBinding } from "../lib/crypto";
import { newId } from "../lib/ids";
import { auditStatement } from "../tenancy/audit";
import { iso } from "../tenancy/serialize";
import { buildEvent, emitEvents } from "../events/emit";
import { reportChannelHealth, type HealthArea } from "./health";
import { graphBaseUrl, graphVersionSchema, proveNumberOwnership } from "./meta-numbers";
import { normalizeE164 } from "./phone";

export type ChannelRow = typeof channels.$inferSelect;

export interface MetaSecrets {
  accessToken: string;
  appSecret: string;
}
export interface WahaSecrets {
  apiKey: string;
  webhookSecret: string;
}
export type ChannelSecrets = Partial<MetaSecrets & WahaSecrets>;

const secretString = z.string().trim().min(8, { message: "looks too short" }).max(4096);
const phone = z
  .string()
  .trim()
  .max(32)
  .transform((v, ctx) => {
    const e164 = normalizeE164(v);
    if (!e164) {
      ctx.addIssue({ code: "custom", message: "must be a phone number in international format, e.g. +6281234567890" });
      return z.NEVER;
    }
    return e164;
  });
const name = z.string().trim().min(1, { message: "is required" }).max(80);

export const createChannelInput = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("meta"),
    name,
    phoneNumberId: z.string().trim().regex(/^\d{5,32}$/, { message: "must be the numeric phone number ID from Meta" }),
    wabaId: z.string().trim().regex(/^\d{5,32}$/, { message: "must be the numeric WhatsApp Business Account ID" }).optional(),
    phoneNumber: phone.optional(),
    accessToken: secretString,
    appSecret: secretString,
    /** Graph API version for this number; omitted: the platform default. */
    graphApiVersion: graphVersionSchema.optional(),
  }),
  z.object({
    type: z.literal("waha"),
    name,
    baseUrl: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(500),
    session: z.string().trim().min(1).max(100).default("default"),
    phoneNumber: phone.optional(),
    apiKey: secretString,
    webhookSecret: secretString,
  }),
]);
export type CreateChannelInput = z.infer<typeof createChannelInput>;

export const updateChannelInput = z
  .object({
    name: name.optional(),
    phoneNumber: phone.optional(),
    wabaId: z.string().trim().regex(/^\d{5,32}$/).optional(),
    baseUrl: z.url({ protocol: /^https?$/ }).max(500).optional(),
    session: z.string().trim().min(1).max(100).optional(),
    accessToken: secretString.optional(),
    appSecret: secretString.optional(),
    apiKey: secretString.optional(),
    webhookSecret: secretString.optional(),
    /** Meta: pin a Graph API version, or null to follow the platform default. */
    graphApiVersion: graphVersionSchema.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to update" });

export function channelView(ctx: Ctx, row: ChannelRow) {
  const base = ctx.config.PUBLIC_URL.replace(/\/$/, "");
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    status: row.status,
    attentionReason: row.attentionReason,
    phoneNumber: row.phoneNumber,
    phoneNumberId: row.phoneNumberId,
    wabaId: row.wabaId,
    baseUrl: row.baseUrl,
    session: row.session,
    webhookUrl: row.type === "sandbox" ? null : `${base}/webhooks/${row.type}/${row.id}`,
    verifiedName: row.verifiedName,
    graphApiVersion: row.type === "meta" ? effectiveGraphVersion(ctx, row) : null,
    ...(row.type === "meta" ? { verifyToken: row.verifyToken } : {}),
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  };
}
export type ChannelView = ReturnType<typeof channelView>;

/** The Graph API version a Meta channel uses: its own, else the one in WHATSAPP_GRAPH_API_URL. */
export function effectiveGraphVersion(ctx: Ctx, row: Pick<ChannelRow, "graphApiVersion">): string | null {
  return row.graphApiVersion ?? /\/(v\d+\.\d+)\/?$/.exec(ctx.config.WHATSAPP_GRAPH_API_URL)?.[1] ?? null;
}

/** The Graph API base URL for a Meta channel (its version applied to WHATSAPP_GRAPH_API_URL). */
export const channelGraphBaseUrl = (ctx: Ctx, row: Pick<ChannelRow, "graphApiVersion">) => graphBaseUrl(ctx.config.WHATSAPP_GRAPH_API_URL, row.graphApiVersion);

/**
 * Ask Meta whether the token can use the number before anything is stored:
 * nobody can claim another business's number first. Returns what Meta shows
 * for the number; a refusal is a 422 naming the field, an unreachable Graph API a 503.
 */
async function proveMetaNumber(ctx: Ctx, input: { phoneNumberId: string; accessToken: string; graphApiVersion?: string | null }) {
  const proof = await proveNumberOwnership({ graphBaseUrl: graphBaseUrl(ctx.config.WHATSAPP_GRAPH_API_URL, input.graphApiVersion), phoneNumberId: input.phoneNumberId, accessToken: input.accessToken });
  if (proof.ok) return proof;
  if ("unavailable" in proof) {
    throw new AppError("unavailable", "Meta's Graph API could not be reached to confirm the number; nothing was saved. Try again in a minute.", { headers: { "retry-after": "30" } });
  }
  throw unprocessableField(proof.field, proof.message);
}

/** Channel secrets are sealed bound to their tenant and channel id. */
export const channelBinding = (row: Pick<ChannelRow, "id" | "tenantId">) => secretBinding("channels", row.tenantId, row.id);

export async function sealSecrets(ctx: Ctx, row: Pick<ChannelRow, "id" | "tenantId">, secrets: ChannelSecrets): Promise<string> {
  const version = ctx.config.ENCRYPTION_KEY_VERSION;
  return encryptSecret(JSON.stringify(secrets), ctx.config.encryptionKeys[version]!, version, channelBinding(row));
}

export async function channelSecrets(ctx: Ctx, row: Pick<ChannelRow, "id" | "tenantId" | "secrets">): Promise<ChannelSecrets> {
  if (!row.secrets) return {};
  return JSON.parse(await decryptSecret(row.secrets, ctx.config.encryptionKeys, channelBinding(row))) as ChannelSecrets;
}

/**
 * Parley calls a WAHA gateway's baseUrl with its API key: in production it must
 * be https and must not name a loopback, private, link-local, metadata or
 * internal host (SSRF). Outside production local gateways are fine.
 */
function assertProductionUrl(ctx: Ctx, url: string | undefined) {
  if (!url || ctx.config.ENVIRONMENT !== "production") return;
  if (!url.startsWith("https://")) throw fieldError("baseUrl", "must use https in production");
  const problem = endpointUrlProblem(ctx.config, url);
  if (problem) throw fieldError("baseUrl", problem);
}

export async function createChannel(ctx: TenantCtx, input: CreateChannelInput): Promise<ChannelView> {
  const now = ctx.now();
  const id = newId("channel");
  let row: typeof channels.$inferInsert;
  if (input.type === "meta") {
    const proof = await proveMetaNumber(ctx, input);
    row = {
      id,
      tenantId: ctx.tenantId,
      type: "meta",
      name: input.name,
      status: "connected",
      phoneNumber: input.phoneNumber ?? (proof.displayPhoneNumber ? normalizeE164(proof.displayPhoneNumber) : null),
      phoneNumberId: input.phoneNumberId,
      wabaId: input.wabaId ?? null,
      verifiedName: proof.verifiedName,
      graphApiVersion: input.graphApiVersion ?? null,
      verifyToken: randomToken(24),
      secrets: await sealSecrets(ctx, { id, tenantId: ctx.tenantId }, { accessToken: input.accessToken, appSecret: input.appSecret }),
      createdAt: now,
      updatedAt: now,
    };
  } else {
    assertProductionUrl(ctx, input.baseUrl);
    row = {
      id,
      tenantId: ctx.tenantId,
      type: "waha",
      name: input.name,
      status: "connected",
      phoneNumber: input.phoneNumber ?? null,
      baseUrl: input.baseUrl.replace(/\/$/, ""),
      session: input.session,
      secrets: await sealSecrets(ctx, { id, tenantId: ctx.tenantId }, { apiKey: input.apiKey, webhookSecret: input.webhookSecret }),
      createdAt: now,
      updatedAt: now,
    };
  }
  try {
    await ctx.db.batch([
      ctx.db.insert(channels).values(row),
      auditStatement(ctx, { action: "channel.created", targetType: "channel", targetId: id, metadata: { type: row.type, name: row.name } }),
    ]);
  } catch (err) {
    if (String(err).includes("UNIQUE")) throw conflict("This Meta phone number ID is already connected to a channel");
    throw err;
  }
  const stored = (await getChannelRow(ctx, id))!;
  const view = channelView(ctx, stored);
  await emitEvents(ctx, [buildEvent(ctx, ctx.tenantId, "channel.connected", { channel: publicChannel(view) })]);
  return view;
}

/** The part of a channel that goes into events. */
function publicChannel(v: ChannelView) {
  return { id: v.id, type: v.type, name: v.name, status: v.status, phoneNumber: v.phoneNumber };
}

export async function getChannelRow(ctx: TenantCtx, id: string): Promise<ChannelRow | null> {
  return (await ctx.db.select().from(channels).where(and(eq(channels.id, id), eq(channels.tenantId, ctx.tenantId))).get()) ?? null;
}

export async function getChannel(ctx: TenantCtx, id: string): Promise<ChannelView> {
  const row = await getChannelRow(ctx, id);
  if (!row) throw notFound("Channel");
  return channelView(ctx, row);
}

export async function listChannels(ctx: TenantCtx, page: { limit: number; cursor: string | null; includeDisconnected?: boolean }) {
  const rows = await ctx.db
    .select()
    .from(channels)
    .where(
      and(
        eq(channels.tenantId, ctx.tenantId),
        page.includeDisconnected ? undefined : ne(channels.status, "disconnected"),
        page.cursor ? lt(channels.id, page.cursor) : undefined,
      ),
    )
    .orderBy(desc(channels.id))
    .limit(page.limit + 1)
    .all();
  return rows.map((r) => channelView(ctx, r));
}

export async function updateChannel(ctx: TenantCtx, id: string, input: z.infer<typeof updateChannelInput>): Promise<ChannelView> {
  const row = await getChannelRow(ctx, id);
  if (!row) throw notFound("Channel");
  if (row.type === "sandbox") throw new AppError("conflict", "The built-in sandbox channel cannot be changed");
  if (row.status === "disconnected") throw new AppError("conflict", "This channel is disconnected; connect the number again as a new channel");
  const metaOnly = ["wabaId", "accessToken", "appSecret", "graphApiVersion"] as const;
  const wahaOnly = ["baseUrl", "session", "apiKey", "webhookSecret"] as const;
  for (const key of row.type === "meta" ? wahaOnly : metaOnly) {
    if (input[key] !== undefined) throw fieldError(key, `does not apply to ${row.type} channels`);
  }
  assertProductionUrl(ctx, input.baseUrl);
  // A new token must prove it can use the number, like the first one did.
  const graphApiVersion = input.graphApiVersion === undefined ? row.graphApiVersion : input.graphApiVersion;
  const proof = row.type === "meta" && input.accessToken !== undefined ? await proveMetaNumber(ctx, { phoneNumberId: row.phoneNumberId!, accessToken: input.accessToken, graphApiVersion }) : null;
  const secretKeys = ["accessToken", "appSecret", "apiKey", "webhookSecret"] as const;
  const secretsChanged = secretKeys.some((k) => input[k] !== undefined);
  let secrets = row.secrets;
  if (secretsChanged) {
    const current = await channelSecrets(ctx, row);
    for (const k of secretKeys) if (input[k] !== undefined) current[k] = input[k];
    secrets = await sealSecrets(ctx, row, current);
  }
  const where = and(eq(channels.id, id), eq(channels.tenantId, ctx.tenantId));
  await ctx.db.batch([
    ctx.db
      .update(channels)
      .set({
        name: input.name ?? row.name,
        phoneNumber: input.phoneNumber ?? row.phoneNumber,
        wabaId: input.wabaId ?? row.wabaId,
        baseUrl: input.baseUrl?.replace(/\/$/, "") ?? row.baseUrl,
        session: input.session ?? row.session,
        graphApiVersion,
        ...(proof?.verifiedName ? { verifiedName: proof.verifiedName } : {}),
        secrets,
        // New credentials clear a "needs attention" flag; the next send proves them.
        ...(secretsChanged ? { status: "connected" as const, attentionReason: null, attentionKind: null } : {}),
        updatedAt: ctx.now(),
      })
      .where(where),
    auditStatement(ctx, {
      action: "channel.updated",
      targetType: "channel",
      targetId: id,
      metadata: { fields: Object.keys(input).filter((k) => !(secretKeys as readonly string[]).includes(k)), secretsRotated: secretsChanged },
    }),
  ]);
  const view = await getChannel(ctx, id);
  if (secretsChanged && row.status === "needs_attention") {
    await emitEvents(ctx, [
      buildEvent(ctx, ctx.tenantId, "channel.updated", { channel: { ...publicChannel(view), attentionReason: null }, previousStatus: row.status, reason: null }),
    ]);
  }
  return view;
}

export async function disconnectChannel(ctx: TenantCtx, id: string): Promise<void> {
  const row = await getChannelRow(ctx, id);
  if (!row) throw notFound("Channel");
  if (row.type === "sandbox") throw new AppError("conflict", "The built-in sandbox channel cannot be disconnected");
  if (row.status === "disconnected") return;
  const where = and(eq(channels.id, id), eq(channels.tenantId, ctx.tenantId));
  await ctx.db.batch([
    // Secrets are wiped; the row stays so past conversations keep their channel.
    ctx.db.update(channels).set({ status: "disconnected", secrets: null, verifyToken: null, attentionReason: null, updatedAt: ctx.now() }).where(where),
    auditStatement(ctx, { action: "channel.disconnected", targetType: "channel", targetId: id }),
  ]);
  const view = channelView(ctx, { ...row, status: "disconnected" });
  await emitEvents(ctx, [buildEvent(ctx, ctx.tenantId, "channel.disconnected", { channel: publicChannel(view) })]);
}

/** Lookup used by webhooks and queue consumers (no tenant context yet). */
export async function findActiveChannel(ctx: Ctx, id: string): Promise<ChannelRow | null> {
  const row = await ctx.db.select().from(channels).where(eq(channels.id, id)).get();
  return row && row.status !== "disconnected" ? row : null;
}

/** Several channels in one read: the connected ones among `ids`, by id. */
export async function findActiveChannels(ctx: Ctx, ids: string[]): Promise<Map<string, ChannelRow>> {
  if (!ids.length) return new Map();
  const rows = await ctx.db.select().from(channels).where(inArray(channels.id, ids)).all();
  return new Map(rows.filter((r) => r.status !== "disconnected").map((r) => [r.id, r]));
}

export async function findMetaChannelByNumberId(ctx: Ctx, phoneNumberId: string): Promise<ChannelRow | null> {
  return (
    (await ctx.db
      .select()
      .from(channels)
      .where(and(eq(channels.phoneNumberId, phoneNumberId), eq(channels.type, "meta"), ne(channels.status, "disconnected")))
      .get()) ?? null
  );
}

export async function sandboxChannel(ctx: TenantCtx): Promise<ChannelRow> {
  const row = await ctx.db
    .select()
    .from(channels)
    .where(and(eq(channels.tenantId, ctx.tenantId), eq(channels.type, "sandbox")))
    .get();
  if (!row) throw new AppError("internal", "This tenant has no sandbox channel");
  return row;
}

export const isChannelType = (t: string): t is ChannelType => t === "meta" || t === "waha" || t === "sandbox";
