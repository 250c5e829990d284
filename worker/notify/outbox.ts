// Emails to people: stored once per (what it is about, address), then handed
// to the provider. Without a provider they stay in the outbox, where owners and
// admins can read them in the dashboard (development, or a deployment that has
// not configured email yet). Password-reset emails are never kept in a
// production outbox: a reset link must reach only its mailbox.
import { and, desc, eq, inArray, isNull, lt, lte, or } from "drizzle-orm";
import { emails, type EmailKind, type EmailStatus } from "../db/schema";
import type { Ctx, TenantCtx } from "../lib/context";
import { errorFields } from "../lib/logger";
import { newId } from "../lib/ids";
import { iso } from "../tenancy/serialize";
import { emailProvider, type EmailProvider } from "./email";

export interface EmailDraft {
  tenantId: string | null;
  userId: string | null;
  kind: EmailKind;
  /** What it is about; with the address, the email's identity (a second draft for the same pair is dropped). */
  dedupeKey: string;
  to: string;
  subject: string;
  text: string;
}

export const MAX_EMAIL_ATTEMPTS = 6;
/** How long a send attempt holds the email before the cron may try again. */
const ATTEMPT_LEASE_MS = 2 * 60_000;
export const emailRetryDelayMs = (attempts: number) => Math.min(6 * 3600_000, 60_000 * 4 ** Math.max(0, attempts - 1));

/** The insert statements for drafts (to join the batch of the change they report), and the ids that will be sent. */
export function emailStatements(ctx: Ctx, drafts: EmailDraft[]) {
  const provider = emailProvider(ctx.config);
  const now = ctx.now();
  const rows = drafts
    // No provider in production: a reset link is not kept anywhere but the token's hash.
    .filter((d) => provider || d.kind !== "password_reset" || ctx.config.ENVIRONMENT !== "production")
    .map((d) => ({
      id: newId("email", now),
      tenantId: d.tenantId,
      userId: d.userId,
      kind: d.kind,
      dedupeKey: d.dedupeKey,
      toEmail: d.to.toLowerCase(),
      subject: d.subject,
      body: d.text,
      status: (provider ? "pending" : "outbox") as EmailStatus,
      attempts: 0,
      nextAttemptAt: provider ? now + ATTEMPT_LEASE_MS : null,
      createdAt: now,
      updatedAt: now,
    }));
  return {
    ids: provider ? rows.map((r) => r.id) : [],
    statements: rows.map((r) => ctx.db.insert(emails).values(r).onConflictDoNothing()),
  };
}

/** Store the drafts and send them now. Returns the ids stored for sending. */
export async function sendEmails(ctx: Ctx, drafts: EmailDraft[], provider: EmailProvider | null = emailProvider(ctx.config)): Promise<void> {
  if (!drafts.length) return;
  const { ids, statements } = emailStatements(ctx, drafts);
  if (!statements.length) return;
  const [first, ...rest] = statements;
  await ctx.db.batch([first!, ...rest]);
  await deliverEmails(ctx, ids, provider);
}

async function attempt(ctx: Ctx, row: typeof emails.$inferSelect, provider: EmailProvider): Promise<void> {
  const now = ctx.now();
  // Claim this attempt: only the caller that moves `attempts` on sends.
  const claimed = await ctx.db
    .update(emails)
    .set({ attempts: row.attempts + 1, nextAttemptAt: now + ATTEMPT_LEASE_MS, updatedAt: now })
    .where(and(eq(emails.id, row.id), eq(emails.status, "pending"), eq(emails.attempts, row.attempts)))
    .returning({ id: emails.id })
    .get();
  if (!claimed || row.body === null) return;
  const result = await provider.send({ id: row.id, to: row.toEmail, subject: row.subject, text: row.body });
  const attempts = row.attempts + 1;
  if (result.ok) {
    await ctx.db
      .update(emails)
      .set({ status: "sent", body: null, providerMessageId: result.providerMessageId, lastError: null, nextAttemptAt: null, sentAt: ctx.now(), updatedAt: ctx.now() })
      .where(eq(emails.id, row.id));
    return;
  }
  const giveUp = !result.retryable || attempts >= MAX_EMAIL_ATTEMPTS;
  ctx.logger.warn("email not sent", { emailId: row.id, kind: row.kind, attempts, error: result.error, final: giveUp });
  await ctx.db
    .update(emails)
    .set({
      status: giveUp ? "failed" : "pending",
      lastError: result.error,
      nextAttemptAt: giveUp ? null : ctx.now() + emailRetryDelayMs(attempts),
      ...(giveUp ? { body: null } : {}),
      updatedAt: ctx.now(),
    })
    .where(eq(emails.id, row.id));
}

/** Send the pending emails among `ids` (each once: a claimed attempt is not repeated by another caller). */
export async function deliverEmails(ctx: Ctx, ids: string[], provider: EmailProvider | null = emailProvider(ctx.config)): Promise<void> {
  if (!provider || !ids.length) return;
  const rows = await ctx.db.select().from(emails).where(and(inArray(emails.id, ids), eq(emails.status, "pending"))).all();
  for (const row of rows) {
    try {
      await attempt(ctx, row, provider);
    } catch (err) {
      ctx.logger.error("email delivery failed", { emailId: row.id, ...errorFields(err) });
    }
  }
}

/** Cron: pending emails whose next attempt is due (a failed try, or a send that died mid-way). */
export async function retryDueEmails(ctx: Ctx, provider: EmailProvider | null = emailProvider(ctx.config), limit = 50): Promise<number> {
  if (!provider) return 0;
  const due = await ctx.db
    .select({ id: emails.id })
    .from(emails)
    .where(and(eq(emails.status, "pending"), lte(emails.nextAttemptAt, ctx.now())))
    .limit(limit)
    .all();
  await deliverEmails(ctx, due.map((d) => d.id), provider);
  return due.length;
}

/** Sent and failed emails are kept 30 days (without their bodies), outbox ones too. */
export async function deleteOldEmails(ctx: Ctx): Promise<number> {
  const res = await ctx.db
    .delete(emails)
    .where(and(lt(emails.createdAt, ctx.now() - 30 * 24 * 3600_000), or(eq(emails.status, "sent"), eq(emails.status, "failed"), eq(emails.status, "outbox"))))
    .run();
  return res.meta.changes ?? 0;
}

export function emailView(row: typeof emails.$inferSelect) {
  return {
    id: row.id,
    kind: row.kind,
    to: row.toEmail,
    subject: row.subject,
    /** Only while the email is in the outbox (never after a provider took it). */
    body: row.status === "outbox" ? row.body : null,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: iso(row.createdAt)!,
    sentAt: iso(row.sentAt),
  };
}

/**
 * The tenant's emails, newest first, and the signed-in user's own account
 * emails (password resets); `delivery` says whether a provider sends them.
 */
export async function listEmails(ctx: TenantCtx, page: { limit: number; cursor: string | null }) {
  const mine = ctx.userId ? and(isNull(emails.tenantId), eq(emails.userId, ctx.userId)) : undefined;
  const rows = await ctx.db
    .select()
    .from(emails)
    .where(and(mine ? or(eq(emails.tenantId, ctx.tenantId), mine) : eq(emails.tenantId, ctx.tenantId), page.cursor ? lt(emails.id, page.cursor) : undefined))
    .orderBy(desc(emails.id))
    .limit(page.limit + 1)
    .all();
  return rows.map(emailView);
}

export const emailDelivery = (ctx: Ctx): "provider" | "outbox" => (emailProvider(ctx.config) ? "provider" : "outbox");
