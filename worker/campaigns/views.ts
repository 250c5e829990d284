// API shapes of campaigns and recipients, and Meta's send errors in plain words.
import type { campaigns } from "../db/schema";
import { iso } from "../tenancy/serialize";
import type { AudienceInput, MessageInput } from "./inputs";

export type CampaignRow = typeof campaigns.$inferSelect;

export interface CampaignCounts {
  queued: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  replied: number;
  converted: number;
  skipped: number;
}

export const ZERO_COUNTS: CampaignCounts = { queued: 0, sent: 0, delivered: 0, read: 0, failed: 0, replied: 0, converted: 0, skipped: 0 };

export function campaignView(c: CampaignRow, counts: CampaignCounts) {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    channelId: c.channelId,
    ratePerSecond: c.ratePerSecond,
    currentRate: c.currentRate,
    audienceCount: c.audienceCount,
    counts,
    // Stored as createCampaign validated them (campaigns/inputs.ts).
    audience: c.audience as AudienceInput,
    message: c.message as MessageInput,
    quietHours: c.quietHours ?? null,
    replyWindowHours: c.replyWindowHours,
    scheduledAt: iso(c.scheduledAt),
    pausedReason: c.pausedReason,
    startedAt: iso(c.startedAt),
    completedAt: iso(c.completedAt),
    createdAt: iso(c.createdAt)!,
    updatedAt: iso(c.updatedAt)!,
  };
}
export type CampaignView = ReturnType<typeof campaignView>;

/** Error codes a campaign recipient can end with, in words a business owner understands. */
const PLAIN_WORDS: Record<string, string> = {
  "131047": "More than 24 hours since the customer last wrote: only a template can re-engage them",
  "131049": "WhatsApp held this marketing message back: the customer has received enough marketing messages for now",
  "131050": "The customer stopped marketing messages from this business",
  "131026": "Undeliverable: the number is not on WhatsApp or cannot receive this message",
  "130429": "WhatsApp's rate limit was reached; the campaign slowed down",
  "131056": "Too many messages to this customer in a short time",
  "132000": "The template's parameters do not match the approved template",
  "132001": "The template does not exist in this language or is not approved",
  opted_out: "The contact opted out of messages",
  window_closed: "Outside the 24-hour window: free text can no longer be sent",
  channel_disconnected: "The channel was disconnected",
  campaign_cancelled: "The campaign was cancelled before this message was sent",
  invalid_number: "No valid WhatsApp number",
};

export function plainError(code: string | null, title: string | null): { code: string; title: string } | null {
  if (!code) return null;
  return { code, title: PLAIN_WORDS[code] ?? title ?? "The message could not be sent" };
}
