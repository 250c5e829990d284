// Meta's account and number health webhooks (`account_update`,
// `phone_number_quality_update`) read into provider-neutral ChannelHealthEvents.
// Events that say nothing about whether the number can send (verification,
// partner changes, pricing eligibility) are ignored.
import { z } from "zod";
import type { ChannelHealthEvent } from "./types";

const accountUpdateSchema = z.looseObject({
  event: z.string(),
  ban_info: z.looseObject({ waba_ban_state: z.string().optional(), waba_ban_date: z.string().optional() }).optional().catch(undefined),
  restriction_info: z
    .array(z.looseObject({ restriction_type: z.string(), expiration: z.union([z.number(), z.string()]).optional() }))
    .optional()
    .catch(undefined),
  violation_info: z.looseObject({ violation_type: z.string().optional() }).optional().catch(undefined),
});

const qualityUpdateSchema = z.looseObject({
  event: z.string(),
  display_phone_number: z.union([z.string(), z.number()]).optional(),
  current_limit: z.string().optional(),
});

const RESTRICTIONS: Record<string, string> = {
  RESTRICTED_BIZ_INITIATED_MESSAGING: "starting conversations (templates, campaigns)",
  RESTRICTED_CUSTOMER_INITIATED_MESSAGING: "replying to customers",
  RESTRICTED_ADD_PHONE_NUMBER_ACTION: "adding phone numbers",
};

const LIMITS: Record<string, string> = {
  TIER_50: "50",
  TIER_250: "250",
  TIER_1K: "1,000",
  TIER_10K: "10,000",
  TIER_100K: "100,000",
  TIER_UNLIMITED: "unlimited",
};

const humanize = (s: string) => s.toLowerCase().replace(/_/g, " ");
const limitText = (limit: string | undefined) => (limit ? ` (messaging limit now: ${LIMITS[limit] ?? humanize(limit)} customers a day)` : "");

function expiry(value: number | string | undefined): string {
  const seconds = typeof value === "string" ? Number(value) : value;
  if (!seconds || !Number.isFinite(seconds)) return "";
  return ` until ${new Date(seconds * 1000).toISOString().slice(0, 10)}`;
}

function accountProblem(value: unknown): ChannelHealthEvent["problem"] | undefined {
  const parsed = accountUpdateSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const v = parsed.data;
  switch (v.event) {
    case "DISABLED_UPDATE": {
      const state = v.ban_info?.waba_ban_state;
      if (state === "REINSTATE") return null;
      if (state === "SCHEDULE_FOR_DISABLE") {
        const when = v.ban_info?.waba_ban_date ? ` on ${v.ban_info.waba_ban_date}` : "";
        return { blocking: false, reason: `Meta will disable this WhatsApp Business Account${when}. Review the account's policy notices in Meta Business Manager.` };
      }
      return { blocking: true, reason: "Meta disabled this WhatsApp Business Account: messages cannot be sent. Review and appeal in Meta Business Manager." };
    }
    case "ACCOUNT_DELETED":
      return { blocking: true, reason: "Meta deleted this WhatsApp Business Account: messages cannot be sent." };
    case "ACCOUNT_RESTRICTION": {
      const items = (v.restriction_info ?? []).map((r) => `${RESTRICTIONS[r.restriction_type] ?? humanize(r.restriction_type)}${expiry(r.expiration)}`);
      const what = items.length ? `: ${items.join("; ")}` : "";
      return { blocking: false, reason: `Meta restricted this WhatsApp Business Account${what}.` };
    }
    case "ACCOUNT_VIOLATION": {
      const type = v.violation_info?.violation_type;
      return { blocking: false, reason: `Meta reported a policy violation on this WhatsApp Business Account${type ? ` (${humanize(type)})` : ""}.` };
    }
    default:
      return undefined;
  }
}

function qualityProblem(value: unknown): { problem: ChannelHealthEvent["problem"]; displayPhoneNumber?: string } | undefined {
  const parsed = qualityUpdateSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const v = parsed.data;
  const number = v.display_phone_number !== undefined ? String(v.display_phone_number).replace(/\D/g, "") : undefined;
  const at = number ? { displayPhoneNumber: number } : {};
  switch (v.event) {
    case "FLAGGED":
      return {
        problem: { blocking: false, reason: `Meta flagged this number's quality as low${limitText(v.current_limit)}. Improve it within 7 days or the messaging limit drops.` },
        ...at,
      };
    case "DOWNGRADE":
      return { problem: { blocking: false, reason: `Meta lowered this number's messaging limit${limitText(v.current_limit)} because of low quality.` }, ...at };
    case "UNFLAGGED":
    case "UPGRADE":
      return { problem: null, ...at };
    default:
      return undefined;
  }
}

/** The health event a change carries, or null when the change is not about health (or says nothing Parley acts on). */
export function metaHealthEvent(change: { field: string; value?: unknown }, entryId: unknown, entryTime: unknown, fallbackTs: number): ChannelHealthEvent | null {
  const timestamp = typeof entryTime === "number" && entryTime > 0 ? entryTime * 1000 : fallbackTs;
  const wabaId = typeof entryId === "string" && /^\d+$/.test(entryId) ? { wabaId: entryId } : {};
  if (change.field === "account_update") {
    const problem = accountProblem(change.value);
    return problem === undefined ? null : { kind: "channel_health", area: "account", problem, ...wabaId, timestamp };
  }
  if (change.field === "phone_number_quality_update") {
    const q = qualityProblem(change.value);
    return q === undefined ? null : { kind: "channel_health", area: "quality", ...q, ...wabaId, timestamp };
  }
  return null;
}
