// Resolving an audience: the filters become one query over the tenant's
// contacts (with their conversation on the campaign's channel), then each
// contact is either a recipient or excluded for one reason, counted once:
// opted out (always), no valid number, a duplicate number, or outside the
// 24-hour window when the message is free text.
import { and, eq, gte, inArray, isNotNull, lte, sql, type SQL } from "drizzle-orm";
import { channels, contactTags, contacts, conversations, tags } from "../db/schema";
import { fieldError } from "../http/errors";
import type { TenantCtx } from "../lib/context";
import { normalizeE164 } from "../channels/phone";
import { windowExpiresAt } from "../conversations/views";
import { tagKey } from "../contacts/fields";
import { contactTimeZone } from "../contacts/time-zone";
import type { AudienceInput, MessageInput } from "./inputs";

export interface Recipient {
  contactId: string;
  phone: string;
  conversationId: string | null;
  /** The contact's zone for quiet hours (their own, or the one their number implies), if known. */
  timeZone: string | null;
}

export interface Exclusions {
  optedOut: number;
  invalid: number;
  duplicate: number;
  needsTemplate: number;
  /** Phone numbers of an uploaded list that match no contact. */
  unknown: number;
}

export interface ResolvedAudience {
  recipients: Recipient[];
  excluded: Exclusions;
}

const DAY = 86_400_000;
/** Explicit contact ids up to this many go into the query; longer lists are matched after it. */
const IDS_IN_QUERY = 50;

export async function campaignChannel(ctx: TenantCtx, channelId: string) {
  const channel = await ctx.db
    .select()
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.tenantId, ctx.tenantId)))
    .get();
  if (!channel) throw fieldError("channelId", "no such channel");
  if (channel.status === "disconnected") throw fieldError("channelId", "this channel is disconnected; connect the number again first");
  return channel;
}

function conditions(ctx: TenantCtx, a: AudienceInput, now: number): SQL {
  const t = ctx.tenantId;
  const ids = a.contactIds && a.contactIds.length <= IDS_IN_QUERY ? [...new Set(a.contactIds)] : null;
  return and(
    eq(contacts.tenantId, t),
    a.stages?.length ? inArray(contacts.stage, a.stages) : undefined,
    a.minScore !== undefined ? gte(contacts.leadScore, a.minScore) : undefined,
    a.maxScore !== undefined ? lte(contacts.leadScore, a.maxScore) : undefined,
    ids ? inArray(contacts.id, ids) : undefined,
    a.tags?.length
      ? inArray(
          contacts.id,
          ctx.db
            .select({ id: contactTags.contactId })
            .from(contactTags)
            .innerJoin(tags, eq(tags.id, contactTags.tagId))
            .where(and(eq(contactTags.tenantId, t), eq(tags.tenantId, t), inArray(tags.nameKey, a.tags.map(tagKey)))),
        )
      : undefined,
    a.activeWithinDays !== undefined ? and(isNotNull(conversations.lastInboundAt), gte(conversations.lastInboundAt, now - a.activeWithinDays * DAY)) : undefined,
    a.channelIds?.length
      ? inArray(
          contacts.id,
          ctx.db
            .select({ id: conversations.contactId })
            .from(conversations)
            .where(and(eq(conversations.tenantId, t), inArray(conversations.channelId, a.channelIds))),
        )
      : undefined,
    ...Object.entries(a.fields ?? {}).map(([key, value]) => {
      const v = typeof value === "boolean" ? (value ? 1 : 0) : value;
      return sql`json_extract(${contacts.customFields}, ${"$." + key}) = ${v}`;
    }),
  )!;
}

/** Whether a message needs a template for this contact right now. */
export const isTemplate = (m: MessageInput | undefined): boolean => !!m && "template" in m;

export async function resolveAudience(ctx: TenantCtx, channelId: string, a: AudienceInput, message: MessageInput | undefined): Promise<ResolvedAudience> {
  await campaignChannel(ctx, channelId);
  const now = ctx.now();
  const rows = await ctx.db
    .select({
      id: contacts.id,
      phone: contacts.phone,
      timeZone: contacts.timeZone,
      optedOut: contacts.optedOut,
      marketingOptedOutAt: contacts.marketingOptedOutAt,
      erasedAt: contacts.erasedAt,
      conversationId: conversations.id,
      lastInboundAt: conversations.lastInboundAt,
      windowClosedAt: conversations.windowClosedAt,
    })
    .from(contacts)
    .leftJoin(conversations, and(eq(conversations.tenantId, contacts.tenantId), eq(conversations.contactId, contacts.id), eq(conversations.channelId, channelId)))
    .where(conditions(ctx, a, now))
    .orderBy(contacts.id)
    .all();

  const excluded: Exclusions = { optedOut: 0, invalid: 0, duplicate: 0, needsTemplate: 0, unknown: 0 };
  let candidates = rows;
  if (a.contactIds) {
    // The same contact listed twice is a duplicate.
    excluded.duplicate += a.contactIds.length - new Set(a.contactIds).size;
    if (a.contactIds.length > IDS_IN_QUERY) {
      const wanted = new Set(a.contactIds);
      candidates = candidates.filter((r) => wanted.has(r.id));
    }
  }
  if (a.phones) {
    const wanted = new Set<string>();
    for (const raw of a.phones) {
      const e164 = normalizeE164(raw);
      if (!e164) excluded.invalid++;
      else if (wanted.has(e164)) excluded.duplicate++;
      else wanted.add(e164);
    }
    const known = new Set<string>();
    candidates = candidates.filter((r) => {
      const e164 = normalizeE164(r.phone);
      if (e164 && wanted.has(e164)) {
        known.add(e164);
        return true;
      }
      return false;
    });
    excluded.unknown += wanted.size - known.size;
  }

  const needsTemplate = !isTemplate(message);
  const seen = new Set<string>();
  const recipients: Recipient[] = [];
  for (const r of candidates) {
    if (r.optedOut || r.marketingOptedOutAt !== null) {
      excluded.optedOut++;
      continue;
    }
    const e164 = r.erasedAt === null ? normalizeE164(r.phone) : null;
    if (!e164) {
      excluded.invalid++;
      continue;
    }
    if (seen.has(e164)) {
      excluded.duplicate++;
      continue;
    }
    seen.add(e164);
    const open = r.conversationId !== null && windowExpiresAt({ lastInboundAt: r.lastInboundAt, windowClosedAt: r.windowClosedAt }, now) !== null;
    if (needsTemplate && !open) {
      excluded.needsTemplate++;
      continue;
    }
    recipients.push({ contactId: r.id, phone: e164, conversationId: r.conversationId, timeZone: contactTimeZone({ timeZone: r.timeZone, phone: e164 }) });
  }
  return { recipients, excluded };
}

export async function previewAudience(ctx: TenantCtx, input: { channelId: string; audience: AudienceInput; message?: MessageInput }) {
  const { recipients, excluded } = await resolveAudience(ctx, input.channelId, input.audience, input.message);
  return { audienceCount: recipients.length, excluded, sample: recipients.slice(0, 5).map((r) => ({ contactId: r.contactId, phone: r.phone })) };
}


