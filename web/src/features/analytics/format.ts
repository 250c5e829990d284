// Wording for analytics figures: durations, rates and the change against the previous period.

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

export const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : "—");

/** "+25% vs previous period", "no change", or null when there is nothing to compare with. */
export function change(current: number | null, previous: number | null): { text: string; direction: "up" | "down" | "same" } | null {
  if (current === null || previous === null) return null;
  if (current === previous) return { text: "No change from the previous period", direction: "same" };
  if (previous === 0) return { text: `Up from 0 in the previous period`, direction: "up" };
  const pct = Math.round(((current - previous) / previous) * 100);
  return { text: `${pct > 0 ? "+" : ""}${pct}% vs the previous period`, direction: current > previous ? "up" : "down" };
}

/** YYYY-MM-DD of a day `daysBack` before today, in the browser's zone (the API reads dates in the business's zone). */
export function daysAgo(daysBack: number, now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysBack);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export const shortDate = (date: string) => new Date(`${date}T12:00:00Z`).toLocaleDateString(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
