// The pacer's arithmetic: how many recipients it releases per tick (catching
// up after a slow tick, never more than a bounded lead), WAHA's jittered
// interval, and quiet hours across midnight in a time zone.
import { describe, expect, it } from "vitest";
import { LEAD_SECONDS, WAHA_JITTER_MS, pacingPlan, quietUntil } from "../../../worker/campaigns/pacer";
import { campaignPolicy } from "../../../worker/campaigns/sending";

const T0 = Date.UTC(2026, 11, 4, 9, 0, 0);

describe("campaign pacing", () => {
  it("keeps ⌊elapsed × rate⌋ plus a fixed lead released, catching up after a slow tick", () => {
    expect(pacingPlan({ currentRate: 50, dispatched: 0, pacerStartedAt: T0 }, T0)).toEqual({ due: LEAD_SECONDS * 50, nextAt: T0 + 1000 });
    // One second later, 50 more are owed.
    expect(pacingPlan({ currentRate: 50, dispatched: 100, pacerStartedAt: T0 }, T0 + 1000).due).toBe(50);
    // A tick that came 2.5 s late releases what is owed, bounded by the lead.
    expect(pacingPlan({ currentRate: 50, dispatched: 150, pacerStartedAt: T0 }, T0 + 4500).due).toBe(150);
    expect(pacingPlan({ currentRate: 50, dispatched: 150, pacerStartedAt: T0 }, T0 + 60_000).due).toBe((LEAD_SECONDS + 1) * 50);
    // Ahead of schedule (e.g. right after a resume reset): nothing.
    expect(pacingPlan({ currentRate: 50, dispatched: 500, pacerStartedAt: T0 }, T0 + 1000).due).toBe(0);
    // Never more than the lead plus one second's worth waiting on the queue, however much is owed.
    expect(pacingPlan({ currentRate: 50, dispatched: 150, pacerStartedAt: T0 }, T0 + 60_000, Math.random, 120).due).toBe(30);
    expect(pacingPlan({ currentRate: 50, dispatched: 150, pacerStartedAt: T0 }, T0 + 60_000, Math.random, 400).due).toBe(0);
    expect(pacingPlan({ currentRate: 0.25, dispatched: 3, pacerStartedAt: T0 }, T0, () => 0, 1).due).toBe(0);
    // Ticks land on second boundaries.
    expect(pacingPlan({ currentRate: 7, dispatched: 0, pacerStartedAt: T0 }, T0 + 1234).nextAt).toBe(T0 + 2000);
  });

  it("sends one at a time below one a second, with jitter on top of the interval", () => {
    expect(pacingPlan({ currentRate: 0.25, dispatched: 3, pacerStartedAt: T0 }, T0, () => 0)).toEqual({ due: 1, nextAt: T0 + 4000 });
    expect(pacingPlan({ currentRate: 0.25, dispatched: 3, pacerStartedAt: T0 }, T0, () => 0.999).nextAt).toBe(T0 + 4000 + Math.floor(0.999 * WAHA_JITTER_MS));
    expect(campaignPolicy(0.25)).toEqual({ limit: 1, windowMs: 4000 });
    expect(campaignPolicy(50)).toEqual({ limit: 50, windowMs: 1000 });
    expect(campaignPolicy(2.5)).toEqual({ limit: 2, windowMs: 1000 });
  });

  it("knows quiet hours across midnight in the campaign's time zone", () => {
    const q = { start: "21:00", end: "08:00", timeZone: "Asia/Jakarta" }; // UTC+7
    // 09:00 UTC is 16:00 in Jakarta: not quiet.
    expect(quietUntil(q, T0)).toBeNull();
    // 15:30 UTC is 22:30 in Jakarta: quiet until 08:00 Jakarta = 01:00 UTC.
    expect(quietUntil(q, Date.UTC(2026, 11, 4, 15, 30))).toBe(Date.UTC(2026, 11, 5, 1, 0));
    // 23:59 UTC is 06:59 in Jakarta: quiet for one more hour.
    expect(quietUntil(q, Date.UTC(2026, 11, 4, 23, 59))).toBe(Date.UTC(2026, 11, 5, 1, 0));
    expect(quietUntil(null, T0)).toBeNull();
    expect(quietUntil({ start: "12:00", end: "13:00", timeZone: "UTC" }, Date.UTC(2026, 11, 4, 12, 30))).toBe(Date.UTC(2026, 11, 4, 13, 0));
  });
});
