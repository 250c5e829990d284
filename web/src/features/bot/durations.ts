// Ages shown to owners as minutes, hours or days, stored by the API in seconds.
export type AgeUnit = "minutes" | "hours" | "days";

export const AGE_UNITS: Array<{ value: AgeUnit; label: string; seconds: number }> = [
  { value: "minutes", label: "minutes", seconds: 60 },
  { value: "hours", label: "hours", seconds: 3600 },
  { value: "days", label: "days", seconds: 86_400 },
];

/** The largest unit that shows the age as a whole number: 7200 → 2 hours, 5400 → 90 minutes. */
export function fromSeconds(seconds: number): { amount: string; unit: AgeUnit } {
  for (const u of [...AGE_UNITS].reverse()) {
    if (seconds >= u.seconds && seconds % u.seconds === 0) return { amount: String(seconds / u.seconds), unit: u.value };
  }
  return { amount: String(Math.max(1, Math.round(seconds / 60))), unit: "minutes" };
}

export const toSeconds = (amount: number, unit: AgeUnit) => amount * (AGE_UNITS.find((u) => u.value === unit)?.seconds ?? 60);
