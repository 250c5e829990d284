// The score's arithmetic: every breakdown adds up to its score, weights are
// normalized to 100, time lowers it, and buying signals are read in English
// and Indonesian without mistaking hesitation for interest.
import { describe, expect, it } from "vitest";
import { intentOf } from "../../../worker/leads/intent";
import { COMPONENTS, emptyState, scoreOf, scoringSettingsSchema, withMessage, type LeadState } from "../../../worker/leads/model";
import { lexiconSentiment } from "../../../worker/leads/sentiment";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 15, 10);
const facts = { name: "Sari", email: null, customFields: {}, bookings: 0 };

/** A small deterministic generator (mulberry32), so the "random" states are the same on every run. */
function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("the breakdown", () => {
  it("adds up to the score for every preset and for odd custom weights", () => {
    const r = random(7);
    const settings = [
      scoringSettingsSchema.parse({}),
      scoringSettingsSchema.parse({ preset: "my21staff" }),
      scoringSettingsSchema.parse({ preset: "custom", weights: { qualification: 7, engagement: 13, intent: 3, sentiment: 1, booking: 0, basicInfo: 11, documents: 2 } }),
    ];
    for (let i = 0; i < 300; i++) {
      const state: LeadState = {
        ...emptyState(Math.floor(r() * 101), NOW - r() * 20 * DAY),
        activity: r() * 10,
        intent: r() * 5,
        sentiment: r() * 2 - 1,
        sentimentCount: 3,
        replySeconds: r() < 0.3 ? null : r() * 50_000,
        documents: Math.floor(r() * 4),
        lastInboundAt: NOW - r() * 20 * DAY,
      };
      const f = { ...facts, email: r() < 0.5 ? "a@b.co" : null, bookings: r() < 0.3 ? 1 : 0 };
      for (const s of settings) {
        const result = scoreOf(state, f, s, NOW);
        expect(result.breakdown.reduce((n, b) => n + b.points, 0)).toBe(result.score);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        for (const b of result.breakdown) expect(b.points).toBeLessThanOrEqual(b.weight + 1);
      }
    }
  });

  it("normalizes the my21staff weights (25 + 33 + 30 + 10) to 100 and leaves out what weighs nothing", () => {
    const result = scoreOf(emptyState(100), { ...facts, email: "s@x.id", customFields: { city: "Jakarta" } }, scoringSettingsSchema.parse({ preset: "my21staff" }), NOW);
    expect(result.breakdown.map((b) => b.component)).toEqual(["qualification", "engagement", "basicInfo", "documents"]);
    // Full qualification (33/98) and basic info (25/98): 34 + 26 = 59 … rounded to the exact 59.18.
    expect(result.score).toBe(59);
    expect(COMPONENTS).toHaveLength(7);
  });

  it("gives the bands by the tenant's thresholds", () => {
    const s = scoringSettingsSchema.parse({ preset: "custom", weights: { qualification: 100, engagement: 0, intent: 0, sentiment: 0, booking: 0 }, bands: { warm: 30, hot: 60 } });
    expect(scoreOf(emptyState(29), facts, s, NOW).band).toBe("cold");
    expect(scoreOf(emptyState(30), facts, s, NOW).band).toBe("warm");
    expect(scoreOf(emptyState(60), facts, s, NOW).band).toBe("hot");
  });
});

describe("engagement and time", () => {
  const say = (s: LeadState, text: string, at: number, repliedToAt: number | null = null) => withMessage(s, { at, type: "text", intent: intentOf(text), sentiment: lexiconSentiment(text), repliedToAt });

  it("rises with quick, frequent messages and falls with silence", () => {
    const settings = scoringSettingsSchema.parse({});
    let s = emptyState(0, NOW);
    for (let i = 0; i < 5; i++) s = say(s, "ok", NOW + i * 60_000, NOW + i * 60_000 - 20_000);
    const fresh = scoreOf(s, facts, settings, NOW + 5 * 60_000);
    const week = scoreOf(s, facts, settings, NOW + 7 * DAY);
    const month = scoreOf(s, facts, settings, NOW + 30 * DAY);
    const engagement = (r: typeof fresh) => r.breakdown.find((b) => b.component === "engagement")!;
    expect(engagement(fresh).detail).toBe("frequency 83%, last message today, replies in ~20 s");
    expect(engagement(week).points).toBeLessThan(engagement(fresh).points);
    expect(month.score).toBeLessThan(week.score);
  });

  it("counts buying signals, and hesitation against them", () => {
    let s = emptyState(0, NOW);
    s = withMessage(s, { at: NOW, type: "text", intent: intentOf("berapa harganya? masih ada?"), sentiment: null, repliedToAt: null });
    expect(s.intent).toBe(2);
    s = withMessage(s, { at: NOW + 1000, type: "text", intent: intentOf("nanti aja deh, lihat-lihat dulu"), sentiment: null, repliedToAt: null });
    expect(s.intent).toBeCloseTo(0.5, 2);
    expect(s.sentimentCount).toBe(0);
  });
});

describe("buying signals", () => {
  it.each([
    ["How much is the apartment?", ["price"]],
    ["berapa harganya kak", ["price"]],
    ["is it still available", ["availability"]],
    ["masih ada unitnya?", ["availability"]],
    ["when can I come for a viewing", ["viewing", "timing"]],
    ["kapan bisa lihat rumahnya", ["viewing", "timing"]],
    ["mau lihat besok", ["viewing", "timing"]],
    ["I want to buy it", ["purchase"]],
    ["hello", []],
  ] as const)("%s → %j", (text, kinds) => {
    expect(intentOf(text).kinds).toEqual(kinds);
  });

  it("reads hesitation, and does not take 'lihat-lihat dulu' for a viewing", () => {
    expect(intentOf("cuma lihat-lihat dulu kak")).toEqual({ kinds: [], hesitant: true });
    expect(intentOf("just looking, thanks")).toEqual({ kinds: [], hesitant: true });
  });
});
