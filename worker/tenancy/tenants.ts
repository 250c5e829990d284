// Tenants a signed-in user creates beyond the first, and renaming.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { memberships, tenants } from "../db/schema";
import type { Ctx, TenantCtx } from "../lib/context";
import { newId } from "../lib/ids";
import { tenantStatements } from "./accounts";
import { auditStatement } from "./audit";
import { tenantView } from "./serialize";

export const tenantInput = z.object({ name: z.string().trim().min(1, { message: "is required" }).max(120) });

export async function createTenant(ctx: Ctx, userId: string, input: z.infer<typeof tenantInput>) {
  const tenantId = newId("tenant");
  const now = ctx.now();
  await ctx.db.batch([
    ...tenantStatements(ctx, tenantId, input.name),
    ctx.db.insert(memberships).values({ id: newId("membership"), tenantId, userId, role: "owner", createdAt: now }),
    auditStatement({ ...ctx, tenantId, actor: { type: "user", id: userId } }, { action: "tenant.created", targetType: "tenant", targetId: tenantId, metadata: { name: input.name } }),
  ]);
  return { ...tenantView((await ctx.db.select().from(tenants).where(eq(tenants.id, tenantId)).get())!), role: "owner" as const };
}

export async function renameTenant(ctx: TenantCtx, input: z.infer<typeof tenantInput>) {
  await ctx.db.batch([
    ctx.db.update(tenants).set({ name: input.name, updatedAt: ctx.now() }).where(eq(tenants.id, ctx.tenantId)),
    auditStatement(ctx, { action: "tenant.renamed", targetType: "tenant", targetId: ctx.tenantId, metadata: { name: input.name } }),
  ]);
  return tenantView((await ctx.db.select().from(tenants).where(eq(tenants.id, ctx.tenantId)).get())!);
}
