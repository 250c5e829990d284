// API shapes of contacts and the contact part of events.
import { zoneFromPhone } from "./time-zone";
import type { contacts } from "../db/schema";
import { iso } from "../tenancy/serialize";
import type { BreakdownItem as ScoreBreakdownItem } from "../leads/model";

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
    /** hot / warm / cold under the tenant's thresholds. */
    leadBand: r.leadBand,
    /** How leadScore was reached, one item per weighted component; the items' points add up to leadScore. */
    scoreBreakdown: (r.scoreBreakdown ?? []) as ScoreBreakdownItem[],
    stage: r.stage,
    optedOut: r.optedOut,
    optedOutAt: iso(r.optedOutAt),
    customFields: r.customFields,
    /** The zone set for the contact, or null (see timeZoneEffective). */
    timeZone: r.timeZone ?? null,
    /** The zone quiet hours use: timeZone, else the one the number implies, else null (the campaign's zone). */
    timeZoneEffective: r.timeZone ?? zoneFromPhone(r.phone),
    lastMessageAt: iso(r.lastMessageAt),
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
  };
}
export type ContactView = ReturnType<typeof contactView>;

/** What contact.created / contact.updated carry. */
export function eventContact(v: ContactView) {
  return { id: v.id, phone: v.phone, name: v.name, email: v.email, tags: v.tags, stage: v.stage, leadScore: v.leadScore, leadBand: v.leadBand, optedOut: v.optedOut };
}
