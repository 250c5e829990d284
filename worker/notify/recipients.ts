// Who is told: the people of a tenant by role.
import { and, eq, inArray } from "drizzle-orm";
import { memberships, users, type Role } from "../db/schema";
import type { Ctx } from "../lib/context";

export interface Recipient {
  userId: string;
  email: string;
  name: string | null;
}

export async function membersWithRoles(ctx: Ctx, tenantId: string, roles: Role[]): Promise<Recipient[]> {
  return ctx.db
    .select({ userId: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), inArray(memberships.role, roles)))
    .all();
}

export async function memberById(ctx: Ctx, tenantId: string, userId: string): Promise<Recipient | null> {
  return (
    (await ctx.db
      .select({ userId: users.id, email: users.email, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
      .get()) ?? null
  );
}
