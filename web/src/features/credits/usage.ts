import type { LedgerEntry } from "./api/types";

export interface DayUsage {
  /** YYYY-MM-DD in the viewer's time zone. */
  day: string;
  label: string;
  used: number;
}

const dayKey = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
const labelFmt = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });

/** Credits used per day over the last `days` days: answers minus refunds, never negative. */
export function usageByDay(entries: LedgerEntry[], days = 14, now = new Date()): DayUsage[] {
  const out: DayUsage[] = [];
  const index = new Map<string, DayUsage>();
  for (let i = days - 1; i >= 0; i--) {
    const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() - i);
    const row = { day: dayKey(d), label: labelFmt.format(d), used: 0 };
    out.push(row);
    index.set(row.day, row);
  }
  for (const e of entries) {
    if (e.reason !== "answer" && e.reason !== "refund") continue;
    const row = index.get(dayKey(new Date(e.createdAt)));
    if (row) row.used -= e.delta;
  }
  for (const row of out) row.used = Math.max(0, row.used);
  return out;
}
