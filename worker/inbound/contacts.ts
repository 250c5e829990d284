// Contacts as the pipeline sees them: upserted by (tenant, wa_id), or found by
// the Meta user id of a user who hides their number behind a username.
import { and, eq, sql } from "drizzle-orm";
import { contacts } from "../db/schema";
import type { Ctx } from "../lib/context";
import { newId } from "../lib/ids";
import { e164FromWaId } from "../channels/phone";

export interface UpsertedContact {
  id: string;
  created: boolean;
  phone: string;
  name: string | null;
}

export interface Sender {
  /** Digits of the WhatsApp id, or the Meta user id when the number is not shared. */
  waId: string;
  userId?: string | null;
  username?: string | null;
  profileName: string | null;
}

/** A WhatsApp id made of digits is a phone number; a Meta user id ("US.1349…") is not. */
const phoneOf = (waId: string) => (/^\d{6,20}$/.test(waId) ? e164FromWaId(waId) : "");

/**
 * Insert or refresh the contact; the profile name and username only fill or
 * update, never blank. A sender with a Meta user id is matched by it first, so
 * a customer keeps one contact whether Meta shows their number or not.
 */
export async function upsertContact(ctx: Ctx, tenantId: string, sender: Sender): Promise<UpsertedContact> {
  const now = ctx.now();
  const userId = sender.userId || null;
  const username = sender.username || null;
  // Without a profile name, the username is the best name to show.
  const name = sender.profileName || username;
  if (userId) {
    const known = await ctx.db
      .update(contacts)
      .set({ name: sql`coalesce(${name}, ${contacts.name})`, username: sql`coalesce(${username}, ${contacts.username})`, updatedAt: now })
      .where(and(eq(contacts.tenantId, tenantId), eq(contacts.userId, userId)))
      .returning({ id: contacts.id, phone: contacts.phone, name: contacts.name })
      .get();
    if (known) return { ...known, created: false };
  }
  const id = newId("contact");
  const row = await ctx.db
    .insert(contacts)
    .values({ id, tenantId, waId: sender.waId, phone: phoneOf(sender.waId), userId, username, name, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [contacts.tenantId, contacts.waId],
      set: {
        name: sql`coalesce(excluded.name, ${contacts.name})`,
        userId: sql`coalesce(${contacts.userId}, excluded.user_id)`,
        username: sql`coalesce(excluded.username, ${contacts.username})`,
        updatedAt: now,
      },
    })
    .returning({ id: contacts.id, phone: contacts.phone, name: contacts.name })
    .get();
  return { ...row, created: row.id === id };
}
