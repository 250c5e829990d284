// API shapes of contacts and the contact part of events.
import type { contacts } from "../db/schema";
import { iso } from "../tenancy/serialize";

export type ContactRow = typeof contacts.$inferSelect;

export function contactView(r: ContactRow) {
  return {
    id: r.id,
    phone: r.phone,
    waId: r.waId,
    name: r.name,
    email: r.email,
    tags: r.tags,
    leadScore: r.leadScore,
    stage: r.stage,
    optedOut: r.optedOut,
    optedOutAt: iso(r.optedOutAt),
    customFields: r.customFields,
    lastMessageAt: iso(r.lastMessageAt),
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
  };
}
export type ContactView = ReturnType<typeof contactView>;

/** What contact.created / contact.updated carry. */
export function eventContact(v: ContactView) {
  return { id: v.id, phone: v.phone, name: v.name, email: v.email, tags: v.tags, stage: v.stage, leadScore: v.leadScore, optedOut: v.optedOut };
}
