// Invitations: a single-use, expiring link token carrying a role.
import { and, desc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { invitations, memberships, tenants, users, ROLES } from "../db/schema";
import { hashPassword, randomToken, sha256Hex } from "../lib/crypto";
import type { Ctx, TenantCtx } from "../lib/context";
import { newId } from "../lib/ids";
import { AppError, conflict, forbidden, notFound } from "../http/errors";
import { emailSchema, findUserByEmail, passwordSchema } from "./accounts";
import { auditStatement } from "./audit";
import { invitationView, tenantView, userView } from "./serialize";
import { newSession } from "./sessions";
import { invitationEmail } from "../notify/messages";
import { deliverEmails, emailStatements } from "../notify/outbox";

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

export const createInvitationInput = z.object({
  email: emailSchema,
  role: z.enum(ROLES),
});

export const acceptInvitationInput = z.object({
  token: z.string().min(10).max(200),
  name: z.string().trim().min(1).max(120).optional(),
  password: passwordSchema.optional(),
});

export async function createInvitation(ctx: TenantCtx, input: z.infer<typeof createInvitationInput>) {
  if (input.role === "owner" && ctx.role !== "owner") throw forbidden("Only an owner can invite another owner");
  const existingUser = await findUserByEmail(ctx, input.email);
  if (existingUser) {
    const member = await ctx.db
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.tenantId, ctx.tenantId), eq(memberships.userId, existingUser.id)))
      .get();
    if (member) throw conflict(`${input.email} is already a member of this team`);
  }
  const token = randomToken(32);
  const now = ctx.now();
  const row = {
    id: newId("invitation"),
    tenantId: ctx.tenantId,
    email: input.email,
    role: input.role,
    tokenHash: await sha256Hex(token),
    invitedBy: ctx.userId,
    createdAt: now,
    expiresAt: now + INVITATION_TTL_MS,
  };
  const url = `${ctx.config.PUBLIC_URL.replace(/\/$/, "")}/invite/${token}`;
  // The link also goes to the invitee by email, stored in the same batch as the invitation.
  const tenant = await ctx.db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, ctx.tenantId)).get();
  const inviter = ctx.userId ? await ctx.db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, ctx.userId)).get() : undefined;
  const mail = emailStatements(ctx, [
    {
      tenantId: ctx.tenantId,
      userId: existingUser?.id ?? null,
      kind: "invitation",
      dedupeKey: `invitation:${row.id}`,
      to: row.email,
      ...invitationEmail(ctx.config, { tenantName: tenant?.name ?? "a team", invitedBy: inviter ? inviter.name || inviter.email : null, role: row.role, url, expiresAt: row.expiresAt }),
    },
  ]);
  await ctx.db.batch([
    ctx.db.insert(invitations).values(row),
    auditStatement(ctx, { action: "invitation.created", targetType: "invitation", targetId: row.id, metadata: { email: row.email, role: row.role } }),
    ...mail.statements,
  ]);
  ctx.waitUntil(deliverEmails(ctx, mail.ids));
  return { ...invitationView({ ...row, acceptedAt: null, revokedAt: null }), token, url };
}

export async function listInvitations(ctx: TenantCtx, page: { limit: number; cursor: string | null }) {
  const rows = await ctx.db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.tenantId, ctx.tenantId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, ctx.now()),
        page.cursor ? lt(invitations.id, page.cursor) : undefined,
      ),
    )
    .orderBy(desc(invitations.id))
    .limit(page.limit + 1)
    .all();
  return rows.map(invitationView);
}

export async function revokeInvitation(ctx: TenantCtx, id: string) {
  const where = and(eq(invitations.id, id), eq(invitations.tenantId, ctx.tenantId));
  const row = await ctx.db.select().from(invitations).where(where).get();
  if (!row) throw notFound("Invitation");
  if (row.acceptedAt) throw conflict("This invitation was already accepted");
  await ctx.db.batch([
    ctx.db.update(invitations).set({ revokedAt: ctx.now() }).where(where),
    auditStatement(ctx, { action: "invitation.revoked", targetType: "invitation", targetId: id }),
  ]);
}

async function usableInvitation(ctx: Ctx, token: string) {
  const row = await ctx.db
    .select({ invitation: invitations, tenant: tenants })
    .from(invitations)
    .innerJoin(tenants, eq(tenants.id, invitations.tenantId))
    .where(eq(invitations.tokenHash, await sha256Hex(token)))
    .get();
  if (!row || row.invitation.revokedAt) throw notFound("Invitation");
  if (row.invitation.acceptedAt) throw new AppError("gone", "This invitation was already used");
  if (row.invitation.expiresAt <= ctx.now()) throw new AppError("gone", "This invitation has expired; ask for a new one");
  return row;
}

/** What the invite page shows before accepting. */
export async function lookupInvitation(ctx: Ctx, token: string) {
  const { invitation, tenant } = await usableInvitation(ctx, token);
  const existing = await findUserByEmail(ctx, invitation.email);
  return { email: invitation.email, role: invitation.role, tenant: { id: tenant.id, name: tenant.name }, accountExists: existing !== null, expiresAt: new Date(invitation.expiresAt).toISOString() };
}

/**
 * Accept as the signed-in user (whose email must match) or, for a new email,
 * create the account with the given password. Returns a new session either way.
 */
export async function acceptInvitation(ctx: Ctx, input: z.infer<typeof acceptInvitationInput>, signedInUserId: string | null) {
  const { invitation, tenant } = await usableInvitation(ctx, input.token);
  const now = ctx.now();
  let user = await findUserByEmail(ctx, invitation.email);
  if (user && signedInUserId !== user.id) {
    throw new AppError("unauthorized", `Log in as ${invitation.email} to accept this invitation`);
  }
  if (!user && !input.password) {
    throw new AppError("validation_failed", "password: is required to create your account", { errors: [{ path: "password", message: "is required to create your account" }] });
  }
  const userId = user?.id ?? newId("user");
  const session = await newSession(ctx, userId, tenant.id);
  const passwordHash = user ? null : await hashPassword(input.password!);
  // One batch (one transaction): the token is burned together with the membership,
  // never before it. The conditional update makes it single-use under races; when
  // it changes nothing, the guard fails the batch and nothing is written.
  try {
    await ctx.db.batch([
      ctx.db
        .update(invitations)
        .set({ acceptedAt: now })
        .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now))),
      ctx.db.run(sql`SELECT CASE WHEN changes() = 1 THEN 1 ELSE abs(-9223372036854775808) END`),
      ...(passwordHash ? [ctx.db.insert(users).values({ id: userId, email: invitation.email, name: input.name ?? null, passwordHash, createdAt: now, updatedAt: now })] : []),
      ctx.db.insert(memberships).values({ id: newId("membership"), tenantId: tenant.id, userId, role: invitation.role, createdAt: now }).onConflictDoNothing(),
      session.statement,
      auditStatement(
        { ...ctx, tenantId: tenant.id, actor: { type: "user", id: userId } },
        { action: "invitation.accepted", targetType: "invitation", targetId: invitation.id, metadata: { role: invitation.role } },
      ),
    ]);
  } catch (err) {
    const row = await ctx.db.select({ acceptedAt: invitations.acceptedAt }).from(invitations).where(eq(invitations.id, invitation.id)).get();
    if (row?.acceptedAt) throw new AppError("gone", "This invitation was already used");
    throw err;
  }
  user = (await ctx.db.select().from(users).where(eq(users.id, userId)).get())!;
  return { user: userView(user), tenant: tenantView(tenant), role: invitation.role, sessionToken: session.token, expiresAt: session.row.expiresAt };
}

export async function deleteExpiredInvitations(ctx: Ctx): Promise<number> {
  const res = await ctx.db
    .delete(invitations)
    .where(and(isNull(invitations.acceptedAt), lt(invitations.expiresAt, ctx.now() - 30 * 24 * 3600_000)))
    .run();
  return res.meta.changes ?? 0;
}
