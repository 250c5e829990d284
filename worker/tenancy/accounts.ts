// Signup, login and the tenants a user belongs to.
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { channels, memberships, tenants, users, type Role } from "../db/schema";
import { hashPassword, verifyPassword } from "../lib/crypto";
import type { Ctx } from "../lib/context";
import { newId } from "../lib/ids";
import { AppError, conflict } from "../http/errors";
import { auditStatement } from "./audit";
import { tenantView, userView } from "./serialize";
import { newSession } from "./sessions";

export const PASSWORD_MIN = 10;
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "must be a valid email address" }).max(254));
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, { message: `must be at least ${PASSWORD_MIN} characters` })
  .max(256, { message: "must be at most 256 characters" });

export const signupInput = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().min(1).max(120).optional(),
  tenantName: z.string().trim().min(1, { message: "is required" }).max(120),
});

export const loginInput = z.object({
  email: emailSchema,
  password: z.string().min(1, { message: "is required" }).max(256),
});

export async function findUserByEmail(ctx: Ctx, email: string) {
  return (await ctx.db.select().from(users).where(eq(users.email, email)).get()) ?? null;
}

/** Statements that create a tenant with its built-in sandbox channel. */
export function tenantStatements(ctx: Ctx, tenantId: string, name: string) {
  const now = ctx.now();
  return [
    ctx.db.insert(tenants).values({ id: tenantId, name, plan: "starter", createdAt: now, updatedAt: now }),
    ctx.db.insert(channels).values({
      id: newId("channel"),
      tenantId,
      type: "sandbox",
      name: "Sandbox",
      status: "connected",
      createdAt: now,
      updatedAt: now,
    }),
  ] as const;
}

export async function signup(ctx: Ctx, input: z.infer<typeof signupInput>) {
  if (await findUserByEmail(ctx, input.email)) {
    throw conflict("An account with this email already exists. Log in instead, or ask an owner for an invitation.");
  }
  const now = ctx.now();
  const userId = newId("user");
  const tenantId = newId("tenant");
  const passwordHash = await hashPassword(input.password);
  const session = await newSession(ctx, userId, tenantId);
  const [tenantInsert, sandboxInsert] = tenantStatements(ctx, tenantId, input.tenantName);
  try {
    await ctx.db.batch([
      ctx.db.insert(users).values({ id: userId, email: input.email, name: input.name ?? null, passwordHash, createdAt: now, updatedAt: now }),
      tenantInsert,
      sandboxInsert,
      ctx.db.insert(memberships).values({ id: newId("membership"), tenantId, userId, role: "owner", createdAt: now }),
      session.statement,
      auditStatement(
        { ...ctx, tenantId, actor: { type: "user", id: userId } },
        { action: "tenant.created", targetType: "tenant", targetId: tenantId, metadata: { name: input.tenantName } },
      ),
    ]);
  } catch (err) {
    // Two signups racing for one email: the unique index decides.
    if (String(err).includes("UNIQUE")) throw conflict("An account with this email already exists. Log in instead.");
    throw err;
  }
  const user = (await ctx.db.select().from(users).where(eq(users.id, userId)).get())!;
  const tenant = (await ctx.db.select().from(tenants).where(eq(tenants.id, tenantId)).get())!;
  return { user: userView(user), tenant: tenantView(tenant), role: "owner" as Role, sessionToken: session.token, expiresAt: session.row.expiresAt };
}

export async function listUserTenants(ctx: Ctx, userId: string) {
  const rows = await ctx.db
    .select({ tenant: tenants, role: memberships.role })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt))
    .all();
  return rows.map((r) => ({ ...tenantView(r.tenant), role: r.role }));
}

export async function membershipRole(ctx: Ctx, userId: string, tenantId: string): Promise<Role | null> {
  const row = await ctx.db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId)))
    .get();
  return row?.role ?? null;
}

const INVALID_LOGIN = "Invalid email or password";

/** Same answer, and the same work, whether the email exists or not. */
export async function login(ctx: Ctx, input: z.infer<typeof loginInput>) {
  const user = await findUserByEmail(ctx, input.email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? null);
  if (!user || !ok) throw new AppError("unauthorized", INVALID_LOGIN);
  const userTenants = await listUserTenants(ctx, user.id);
  const session = await newSession(ctx, user.id, userTenants[0]?.id ?? null);
  await session.statement;
  return { user: userView(user), tenants: userTenants, sessionToken: session.token, expiresAt: session.row.expiresAt };
}

export async function getUser(ctx: Ctx, userId: string) {
  const u = await ctx.db.select().from(users).where(eq(users.id, userId)).get();
  return u ? userView(u) : null;
}

export async function getTenant(ctx: Ctx, tenantId: string) {
  const t = await ctx.db.select().from(tenants).where(eq(tenants.id, tenantId)).get();
  return t ? tenantView(t) : null;
}
