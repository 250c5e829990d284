// Booking times read in the business's time zone (the availability's), so the
// team sees what the bot told the customer.
const cache = new Map<string, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat; zone: Intl.DateTimeFormat }>();

function formats(timeZone: string | undefined) {
  const key = timeZone ?? "";
  let f = cache.get(key);
  if (!f) {
    const tz = timeZone ? { timeZone } : {};
    f = {
      day: new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", ...tz }),
      time: new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit", ...tz }),
      zone: new Intl.DateTimeFormat(undefined, { timeZoneName: "short", ...tz }),
    };
    cache.set(key, f);
  }
  return f;
}

/** ISO-8601 from the API (or epoch ms) as epoch ms. */
export const toMs = (t: string | number) => (typeof t === "number" ? t : Date.parse(t));

function safeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

/** "Tue, 14 May" */
export const formatDay = (t: string | number, timeZone?: string) => formats(safeZone(timeZone)).day.format(toMs(t));

/** "14:00" */
export const formatTime = (t: string | number, timeZone?: string) => formats(safeZone(timeZone)).time.format(toMs(t));

/** "UTC", "GMT+7" */
export function zoneName(t: string | number, timeZone?: string): string {
  return formats(safeZone(timeZone)).zone.formatToParts(toMs(t)).find((p) => p.type === "timeZoneName")?.value ?? "";
}

/** "Tue, 14 May, 14:00–14:30 UTC" */
export function formatSlot(start: string | number, end: string | number, timeZone?: string): string {
  return `${formatDay(start, timeZone)}, ${formatTime(start, timeZone)}–${formatTime(end, timeZone)} ${zoneName(start, timeZone)}`.trim();
}

/** A day key for grouping slots: "2025-05-14" in the given zone. */
export function dayKey(t: string | number, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", ...(safeZone(timeZone) ? { timeZone } : {}) }).format(toMs(t));
}
