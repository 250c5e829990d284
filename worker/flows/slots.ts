// Free booking slots from weekly opening windows in the tenant's time zone,
// minus confirmed bookings. Pure functions: the caller loads the bookings.
import { DAYS } from "../ai/settings";

export interface Availability {
  timezone: string;
  slotMinutes: number;
  daysAhead: number;
  minNoticeMinutes: number;
  days: Record<(typeof DAYS)[number], { start: string; end: string }[]>;
}

export interface Slot {
  start: number;
  end: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Wall-clock parts of `at` in `timeZone`. */
function wallClock(at: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", weekday: "short", hourCycle: "h23" }).formatToParts(new Date(at));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return { y: Number(get("year")), m: Number(get("month")), d: Number(get("day")), h: Number(get("hour")), min: Number(get("minute")), weekday: get("weekday").slice(0, 3).toLowerCase() as (typeof DAYS)[number] };
}

/** The instant at which the wall clock in `timeZone` shows y-m-d h:min (DST gaps resolve forward). */
export function zonedTime(y: number, m: number, d: number, h: number, min: number, timeZone: string): number {
  const guess = Date.UTC(y, m - 1, d, h, min);
  let at = guess;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(at, timeZone);
    const shown = Date.UTC(w.y, w.m - 1, w.d, w.h, w.min);
    at += guess - shown;
  }
  return at;
}

const toMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 60 + m;
};

/**
 * Free slots from `from` for `days` days: each opening window is cut into
 * slotMinutes pieces; slots starting before now + minimum notice, or
 * overlapping a confirmed booking, are left out.
 */
export function freeSlots(a: Availability, booked: Slot[], opts: { now: number; from?: number; days?: number; limit?: number }): Slot[] {
  const earliest = Math.max(opts.now + a.minNoticeMinutes * MINUTE, opts.from ?? 0);
  const horizon = opts.now + a.daysAhead * DAY;
  const until = Math.min(horizon, (opts.from ?? opts.now) + (opts.days ?? a.daysAhead) * DAY);
  const out: Slot[] = [];
  const step = a.slotMinutes * MINUTE;
  const startDay = wallClock(Math.max(earliest - DAY, opts.now - DAY), a.timezone);
  // Walk calendar days in the tenant's zone (a day before, to catch windows across midnight UTC).
  for (let i = 0; i <= Math.ceil((until - earliest) / DAY) + 2; i++) {
    const noon = zonedTime(startDay.y, startDay.m, startDay.d, 12, 0, a.timezone) + i * DAY;
    const day = wallClock(noon, a.timezone);
    for (const w of a.days[day.weekday] ?? []) {
      const open = toMinutes(w.start);
      const close = toMinutes(w.end);
      for (let t = open; t + a.slotMinutes <= close; t += a.slotMinutes) {
        const start = zonedTime(day.y, day.m, day.d, Math.floor(t / 60), t % 60, a.timezone);
        const end = start + step;
        if (start < earliest || start >= until) continue;
        if (booked.some((b) => b.start < end && b.end > start)) continue;
        if (out.some((s) => s.start === start)) continue;
        out.push({ start, end });
      }
    }
    if (opts.limit && out.length >= opts.limit * 4) break;
  }
  out.sort((x, y) => x.start - y.start);
  return opts.limit ? out.slice(0, opts.limit) : out;
}

/** "Tue 25 Nov, 10:00" / "Sel, 25 Nov, 10.00" in the tenant's zone. */
export function formatSlot(at: number, timeZone: string, language: "en" | "id"): string {
  return new Intl.DateTimeFormat(language === "id" ? "id-ID" : "en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(at));
}
