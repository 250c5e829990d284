import type { apiKeys, invitations, tenants, users } from "../db/schema";

export const iso = (ms: number | null | undefined): string | null => (ms == null ? null : new Date(ms).toISOString());

export function userView(u: typeof users.$inferSelect) {
  return { id: u.id, email: u.email, name: u.name, createdAt: iso(u.createdAt)! };
}

export function tenantView(t: typeof tenants.$inferSelect) {
  return { id: t.id, name: t.name, plan: t.plan, createdAt: iso(t.createdAt)! };
}

export function apiKeyView(k: typeof apiKeys.$inferSelect, now: number) {
  // A rotated key whose overlap has ended is revoked, whether or not the cron has marked it yet.
  const revokedAt = k.revokedAt ?? (k.expiresAt !== null && k.expiresAt <= now ? k.expiresAt : null);
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    createdAt: iso(k.createdAt)!,
    lastUsedAt: iso(k.lastUsedAt),
    revokedAt: iso(revokedAt),
    expiresAt: iso(k.expiresAt),
    replacedBy: k.replacedBy,
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
