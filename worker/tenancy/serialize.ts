import type { apiKeys, invitations, tenants, users } from "../db/schema";

export const iso = (ms: number | null | undefined): string | null => (ms == null ? null : new Date(ms).toISOString());

export function userView(u: typeof users.$inferSelect) {
  return { id: u.id, email: u.email, name: u.name, createdAt: iso(u.createdAt)! };
}

export function tenantView(t: typeof tenants.$inferSelect) {
  return { id: t.id, name: t.name, plan: t.plan, createdAt: iso(t.createdAt)! };
}

export function apiKeyView(k: typeof apiKeys.$inferSelect) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    createdAt: iso(k.createdAt)!,
    lastUsedAt: iso(k.lastUsedAt),
    revokedAt: iso(k.revokedAt),
  };
}

export function invitationView(i: typeof invitations.$inferSelect) {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    createdAt: iso(i.createdAt)!,
    expiresAt: iso(i.expiresAt)!,
    acceptedAt: iso(i.acceptedAt),
    revokedAt: iso(i.revokedAt),
  };
}
