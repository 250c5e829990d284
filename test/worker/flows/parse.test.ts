// Reading answers to qualification questions, and cutting availability into slots.
import { describe, expect, it } from "vitest";
import { PRESETS, flowInputSchema, presetsFor, type FlowStep } from "../../../worker/flows/definition";
import { parseAmount, parseAnswer, parseDate } from "../../../worker/flows/parse";
import { formatSlot, freeSlots, zonedTime, type Availability } from "../../../worker/flows/slots";

const realEstate = PRESETS.find((p) => p.id === "real_estate")!.flow;
const step = (key: string) => realEstate.steps.find((s) => s.key === key)! as FlowStep;
const NOW = Date.UTC(2026, 10, 24, 3, 0); // Tue 24 Nov 2026, 10:00 in Jakarta

describe("answers", () => {
  it("reads a choice by its number, its label or an alias, in English or Indonesian", () => {
    expect(parseAnswer(step("intent"), "1", NOW)).toEqual({ value: "Buy", points: 20 });
    expect(parseAnswer(step("intent"), "We want to rent", NOW)).toEqual({ value: "Rent", points: 10 });
    expect(parseAnswer(step("intent"), "mau beli kak", NOW)).toEqual({ value: "Buy", points: 20 });
    expect(parseAnswer(step("property_type"), "Apartemen aja", NOW)).toEqual({ value: "Apartment", points: 10 });
    expect(parseAnswer(step("timeline"), "within 3 months please", NOW)).toEqual({ value: "Within 3 months", points: 25 });
  });

  it("does not take a question or an unclear message for a choice", () => {
    expect(parseAnswer(step("intent"), "Do you have houses to rent?", NOW)).toBeNull();
    expect(parseAnswer(step("intent"), "Buy or rent, whichever is cheaper", NOW)).toBeNull();
    expect(parseAnswer(step("intent"), "hello", NOW)).toBeNull();
    expect(parseAnswer(step("intent"), "7", NOW)).toBeNull();
  });

  it("reads amounts the way people write them", () => {
    expect(parseAmount("750 juta")).toBe(750_000_000);
    expect(parseAmount("1.5 miliar")).toBe(1_500_000_000);
    expect(parseAmount("Rp 1,5 M")).toBe(1_500_000_000);
    expect(parseAmount("IDR 900.000.000")).toBe(900_000_000);
    expect(parseAmount("$300k")).toBe(300_000);
    expect(parseAmount("2 million")).toBe(2_000_000);
    expect(parseAmount("500-700 juta")).toBe(500_000_000);
    expect(parseAmount("no idea")).toBeNull();
  });

  it("scores a number by the range it falls in", () => {
    expect(parseAnswer(step("budget"), "sekitar 750 juta", NOW)).toEqual({ value: "750000000", points: 25 });
    expect(parseAnswer(step("budget"), "2 miliar", NOW)).toEqual({ value: "2000000000", points: 35 });
    expect(parseAnswer(step("budget"), "300 juta", NOW)).toEqual({ value: "300000000", points: 10 });
    expect(parseAnswer(step("budget"), "How much is the 3 bedroom house?", NOW)).toBeNull();
  });

  it("reads text, email and dates, and leaves greetings alone", () => {
    expect(parseAnswer(step("area"), "South Jakarta, near Kemang", NOW)).toEqual({ value: "South Jakarta, near Kemang", points: 10 });
    expect(parseAnswer(step("area"), "Hi!", NOW)).toBeNull();
    expect(parseAnswer(step("area"), "Where is your office?", NOW)).toBeNull();
    expect(parseAnswer({ key: "email", label: "Email", question: "Email?", type: "email", points: 20 }, "it's Sari.W@Example.com thanks", NOW)).toEqual({ value: "sari.w@example.com", points: 20 });
    expect(parseDate("September 2027", NOW)).toBe("2027-09");
    expect(parseDate("februari", NOW)).toBe("2027-02");
    expect(parseDate("december", NOW)).toBe("2026-12");
    expect(parseDate("2027-01-15", NOW)).toBe("2027-01-15");
    expect(parseDate("tahun depan", NOW)).toBe("2027-01");
    expect(parseDate("not sure", NOW)).toBeNull();
  });
});

describe("flow definitions", () => {
  it("accepts every preset, in English and in Indonesian", () => {
    for (const p of [...PRESETS, ...presetsFor("id")]) expect(flowInputSchema.safeParse(p.flow).success, p.id).toBe(true);
  });

  it("names Indonesian options in Indonesian and still understands the English words", () => {
    const intent = presetsFor("id").find((p) => p.id === "real_estate")!.flow.steps[0]!;
    expect(intent.question).toBe("Anda ingin membeli atau menyewa?");
    expect(parseAnswer(intent, "beli", NOW)).toEqual({ value: "Beli", points: 20 });
    expect(parseAnswer(intent, "we want to buy", NOW)).toEqual({ value: "Beli", points: 20 });
    expect(parseAnswer(intent, "sewa saja", NOW)).toEqual({ value: "Sewa", points: 10 });
  });

  it("names the field that is wrong", () => {
    const r = flowInputSchema.safeParse({
      enabled: true,
      steps: [
        { key: "budget", label: "Budget", question: "Budget?", type: "choice", options: [{ label: "Low", points: 5 }] },
        { key: "budget", label: "Again", question: "Again?", type: "text" },
      ],
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toContain("steps.0.options");
    expect(paths).toContain("steps.1.key");
    expect(flowInputSchema.safeParse({ enabled: true, steps: [] }).error!.issues[0]!.path).toEqual(["steps"]);
  });
});

describe("slots", () => {
  const weekdays = { start: "09:00", end: "12:00" };
  const a: Availability = {
    timezone: "Asia/Jakarta",
    slotMinutes: 60,
    daysAhead: 3,
    minNoticeMinutes: 120,
    days: { mon: [weekdays], tue: [weekdays], wed: [weekdays], thu: [weekdays], fri: [weekdays], sat: [], sun: [] },
  };

  it("cuts opening hours into slots in the tenant's time zone, after the minimum notice", () => {
    const slots = freeSlots(a, [], { now: NOW });
    // 10:00 now + 2 hours' notice: today only 12:00 would fit, which is closing time; tomorrow 09:00–11:00.
    expect(slots[0]!.start).toBe(zonedTime(2026, 11, 25, 9, 0, "Asia/Jakarta"));
    expect(new Date(slots[0]!.start).toISOString()).toBe("2026-11-25T02:00:00.000Z");
    expect(slots.map((s) => formatSlot(s.start, a.timezone, "en"))).toEqual(["Wed 25 Nov, 09:00", "Wed 25 Nov, 10:00", "Wed 25 Nov, 11:00", "Thu 26 Nov, 09:00", "Thu 26 Nov, 10:00", "Thu 26 Nov, 11:00", "Fri 27 Nov, 09:00"]);
  });

  it("leaves out slots that overlap a booking", () => {
    const busy = zonedTime(2026, 11, 25, 10, 0, "Asia/Jakarta");
    const slots = freeSlots(a, [{ start: busy + 30 * 60_000, end: busy + 90 * 60_000 }], { now: NOW, limit: 3 });
    expect(slots.map((s) => formatSlot(s.start, a.timezone, "en"))).toEqual(["Wed 25 Nov, 09:00", "Thu 26 Nov, 09:00", "Thu 26 Nov, 10:00"]);
  });

  it("follows daylight saving time", () => {
    const ny = { ...a, timezone: "America/New_York", daysAhead: 10, minNoticeMinutes: 0, days: { ...a.days, sat: [{ start: "09:00", end: "10:00" }], sun: [{ start: "09:00", end: "10:00" }] } };
    const slots = freeSlots(ny, [], { now: Date.UTC(2026, 9, 30, 12, 0) });
    const iso = slots.map((s) => new Date(s.start).toISOString());
    expect(iso).toContain("2026-10-31T13:00:00.000Z"); // Sat 31 Oct 09:00 EDT
    expect(iso).toContain("2026-11-01T14:00:00.000Z"); // Sun 1 Nov 09:00 EST
  });
});
