// Date ranges in the tenant's time zone: `from`/`to` are local calendar dates
// (inclusive); each local day maps to the UTC instants [start, next start).
import { z } from "zod";
import { loadBotSettings } from "../ai/settings";
import { fieldError } from "../http/errors";
import type { Ctx } from "../lib/context";
import { zonedTime } from "../flows/slots";

export const MAX_RANGE_DAYS = 366;
const DAY = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const rangeQuery = z.object({
  from: z.string().optional().describe("First day, YYYY-MM-DD in the tenant's time zone (default: 29 days before `to`)"),
  to: z.string().optional().describe("Last day, inclusive (default: today in the tenant's time zone)"),
});

/** The tenant's time zone: business hours', else the booking calendar's, else UTC. */
export async function tenantTimeZone(ctx: Ctx, tenantId: string): Promise<string> {
  const s = await loadBotSettings(ctx, tenantId);
  return s.businessHours.timezone !== "UTC" ? s.businessHours.timezone : s.booking.timezone;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date, or null when it is not a real date. */
function dayNumber(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (y < 2000 || y > 2100 || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / DAY;
}

const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

export function localDate(at: number, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(at));
}

/** The UTC instant at which the local day `day` starts. */
function startOf(day: number, timeZone: string): number {
  const d = new Date(day * DAY);
  return zonedTime(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0, 0, timeZone);
}

export interface DayRange {
  from: string;
  to: string;
  /** Each local day with its UTC start; `end` is the start of the day after `to`. */
  days: Array<{ date: string; start: number }>;
  start: number;
  end: number;
}

function dayRange(first: number, last: number, timeZone: string): DayRange {
  const days = [];
  for (let d = first; d <= last; d++) days.push({ date: dateOf(d), start: startOf(d, timeZone) });
  return { from: dateOf(first), to: dateOf(last), days, start: days[0]!.start, end: startOf(last + 1, timeZone) };
}

/** Validate `from`/`to` (400 naming the field) and resolve them in the tenant's zone, with the previous period of equal length. */
export function resolveRange(q: { from?: string; to?: string }, timeZone: string, now: number): { current: DayRange; previous: DayRange } {
  const parse = (field: "from" | "to", v: string) => {
    const n = dayNumber(v);
    if (n === null) throw fieldError(field, "must be a date YYYY-MM-DD between 2000 and 2100");
    return n;
  };
  const to = q.to ? parse("to", q.to) : (dayNumber(localDate(now, timeZone)) as number);
  const from = q.from ? parse("from", q.from) : to - 29;
  if (from > to) throw fieldError("from", "must not be after `to`");
  const length = to - from + 1;
  if (length > MAX_RANGE_DAYS) throw fieldError("to", `must be at most ${MAX_RANGE_DAYS} days after \`from\``);
  return { current: dayRange(from, to, timeZone), previous: dayRange(from - length, from - 1, timeZone) };
}
