// Response schemas shared by several route files.
import { z } from "@hono/zod-openapi";

export const UserSchema = z
  .object({ id: z.string(), email: z.string(), name: z.string().nullable(), createdAt: z.string() })
  .openapi("User");

export const TenantSchema = z.object({ id: z.string(), name: z.string(), plan: z.string(), createdAt: z.string() }).openapi("Tenant");

export const RoleSchema = z.enum(["owner", "admin", "agent"]).openapi("Role");

export const TenantWithRoleSchema = TenantSchema.extend({ role: RoleSchema }).openapi("TenantMembership");
