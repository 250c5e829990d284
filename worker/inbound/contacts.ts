// Contacts as the pipeline sees them: upserted by (tenant, wa_id).
import { sql } from "drizzle-orm";
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

/** Insert or refresh the contact; the profile name only fills or updates, never blanks. */
export async function upsertContact(ctx: Ctx, tenantId: string, waId: string, profileName: string | null): Promise<UpsertedContact> {
  const id = newId("contact");
  const now = ctx.now();
  const row = await ctx.db
    .insert(contacts)
    .values({ id, tenantId, waId, phone: e164FromWaId(waId), name: profileName, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [contacts.tenantId, contacts.waId],
      set: { name: sql`coalesce(excluded.name, ${contacts.name})`, updatedAt: now },
    })
    .returning({ id: contacts.id, phone: contacts.phone, name: contacts.name })
    .get();
  return { ...row, created: row.id === id };
}
