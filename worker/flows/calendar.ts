// Bookings as iCalendar (RFC 5545): one booking as a download, and the
// tenant's calendar feed that Google Calendar and Outlook subscribe to. The
// feed URL carries a secret; only its SHA-256 is stored, and rotating it
// replaces the hash so the old URL stops working.
import { and, asc, eq, gte } from "drizzle-orm";
import { bookings, calendarFeeds, contacts, tenants } from "../db/schema";
import { notFound } from "../http/errors";
import type { Ctx, TenantCtx } from "../lib/context";
import { randomToken, sha256Hex, timingSafeEqual } from "../lib/crypto";
import { utf8 } from "../lib/encoding";
import { auditStatement } from "../tenancy/audit";

type BookingRow = typeof bookings.$inferSelect;
type ContactBits = { name: string | null; phone: string };

const PRODID = "-//Parley//Bookings//EN";
/** How far back the feed reaches; everything ahead is listed. */
export const FEED_PAST_DAYS = 30;
const FEED_MAX_EVENTS = 2000;

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, newlines. */
export function escapeText(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
}

/** Fold a content line at 75 octets (RFC 5545 §3.1), never splitting a UTF-8 character. */
export function foldLine(line: string): string {
  if (utf8(line).length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = utf8(ch).length;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = 74; // continuation lines start with one space
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** 20261204T113000Z */
export function icsTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function who(c: ContactBits): string {
  return c.name?.trim() ? `${c.name.trim()} (${c.phone})` : c.phone;
}

function eventLines(b: BookingRow, contact: ContactBits, host: string, stamp: number): string[] {
  const description = [`WhatsApp: ${contact.phone}`, b.note ? `Note: ${b.note}` : null].filter(Boolean).join("\n");
  return [
    "BEGIN:VEVENT",
    `UID:${b.id}@${host}`,
    `DTSTAMP:${icsTime(stamp)}`,
    `DTSTART:${icsTime(b.startsAt)}`,
    `DTEND:${icsTime(b.endsAt)}`,
    `SEQUENCE:${b.sequence}`,
    `SUMMARY:${escapeText(`Booking: ${who(contact)}`)}`,
    `DESCRIPTION:${escapeText(description)}`,
    `STATUS:${b.status === "cancelled" ? "CANCELLED" : "CONFIRMED"}`,
    `CREATED:${icsTime(b.createdAt)}`,
    `LAST-MODIFIED:${icsTime(b.updatedAt)}`,
    "END:VEVENT",
  ];
}

function calendar(events: string[][], opts: { name?: string; method?: "PUBLISH" }): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${PRODID}`,
    "CALSCALE:GREGORIAN",
    ...(opts.method ? [`METHOD:${opts.method}`] : []),
    ...(opts.name ? [`X-WR-CALNAME:${escapeText(opts.name)}`, "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H"] : []),
    ...events.flat(),
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

const hostOf = (ctx: Ctx) => new URL(ctx.config.PUBLIC_URL).hostname;

/** One booking as an .ics file; another tenant's booking is a 404. */
export async function bookingIcs(ctx: TenantCtx, id: string): Promise<{ filename: string; body: string }> {
  const row = await ctx.db
    .select({ b: bookings, contact: { name: contacts.name, phone: contacts.phone } })
    .from(bookings)
    .innerJoin(contacts, eq(contacts.id, bookings.contactId))
    .where(and(eq(bookings.id, id), eq(bookings.tenantId, ctx.tenantId)))
    .get();
  if (!row) throw notFound("booking");
  const body = calendar([eventLines(row.b, row.contact, hostOf(ctx), ctx.now())], { method: "PUBLISH" });
  return { filename: `booking-${row.b.id}.ics`, body };
}

// Feed URLs are /api/calendar/<tenant id>.<secret>.ics: the tenant id finds
// the row, the secret's hash is compared in constant time.
const FEED_FILE = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})\.ics$/;

export function feedUrl(ctx: Ctx, tenantId: string, secret: string): string {
  return `${ctx.config.PUBLIC_URL.replace(/\/$/, "")}/api/calendar/${tenantId}.${secret}.ics`;
}

/** Whether the tenant has a feed, and since when (the URL itself is shown only when it is made). */
export async function feedStatus(ctx: TenantCtx) {
  const row = await ctx.db.select({ updatedAt: calendarFeeds.updatedAt }).from(calendarFeeds).where(eq(calendarFeeds.tenantId, ctx.tenantId)).get();
  return { active: !!row, createdAt: row ? new Date(row.updatedAt).toISOString() : null };
}

/** Make the feed URL, or replace it: the previous URL stops working at once. */
export async function rotateFeed(ctx: TenantCtx) {
  const secret = randomToken(32);
  const tokenHash = await sha256Hex(secret);
  const now = ctx.now();
  await ctx.db.batch([
    ctx.db
      .insert(calendarFeeds)
      .values({ tenantId: ctx.tenantId, tokenHash, createdBy: ctx.userId, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: calendarFeeds.tenantId, set: { tokenHash, createdBy: ctx.userId, updatedAt: now } }),
    auditStatement(ctx, { action: "calendar_feed.rotated", targetType: "calendar_feed", targetId: ctx.tenantId }),
  ]);
  return { active: true, createdAt: new Date(now).toISOString(), url: feedUrl(ctx, ctx.tenantId, secret) };
}

/** The feed for a subscription URL's last segment, or null when it names no live feed. */
export async function feedIcs(ctx: Ctx, file: string): Promise<string | null> {
  const m = FEED_FILE.exec(file);
  if (!m) return null;
  const [, tenantId, secret] = m;
  const row = await ctx.db
    .select({ tokenHash: calendarFeeds.tokenHash, name: tenants.name })
    .from(calendarFeeds)
    .innerJoin(tenants, eq(tenants.id, calendarFeeds.tenantId))
    .where(eq(calendarFeeds.tenantId, tenantId!))
    .get();
  const hash = await sha256Hex(secret!);
  if (!row || !timingSafeEqual(hash, row.tokenHash)) return null;
  const now = ctx.now();
  const rows = await ctx.db
    .select({ b: bookings, contact: { name: contacts.name, phone: contacts.phone } })
    .from(bookings)
    .innerJoin(contacts, eq(contacts.id, bookings.contactId))
    .where(and(eq(bookings.tenantId, tenantId!), gte(bookings.startsAt, now - FEED_PAST_DAYS * 24 * 3600_000)))
    .orderBy(asc(bookings.startsAt), asc(bookings.id))
    .limit(FEED_MAX_EVENTS)
    .all();
  const host = hostOf(ctx);
  return calendar(
    rows.map((r) => eventLines(r.b, r.contact, host, now)),
    { name: `${row.name} bookings` },
  );
}
