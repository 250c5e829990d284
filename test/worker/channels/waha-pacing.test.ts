// WAHA sends at a phone's pace, not Meta's: a lower per-number rate, and
// jitter on the wait so held-back messages do not leave in one burst.
import { describe, expect, it } from "vitest";
import { numberPolicy, pacedDelaySeconds } from "../../../worker/outbound/consumer";
import { ctxWith } from "../helpers/assistant";

describe("WAHA send pacing", () => {
  it("a WAHA number gets WAHA_SENDS_PER_MINUTE (12 by default); Meta numbers keep WHATSAPP_NUMBER_MPS a second", () => {
    const ctx = ctxWith();
    expect(ctx.config.WAHA_SENDS_PER_MINUTE).toBe(12);
    expect(numberPolicy(ctx, { type: "waha" })).toEqual({ limit: 12, windowMs: 60_000 });
    expect(numberPolicy(ctx, { type: "meta" })).toEqual({ limit: 80, windowMs: 1000 });
    expect(numberPolicy(ctxWith({ WAHA_SENDS_PER_MINUTE: 5 }), { type: "waha" })).toEqual({ limit: 5, windowMs: 60_000 });
  });

  it("a held-back WAHA message waits for the window plus 1–6 s of jitter; Meta waits exactly for the window", () => {
    expect(pacedDelaySeconds("waha", 10_000, () => 0)).toBe(11);
    expect(pacedDelaySeconds("waha", 10_000, () => 0.999)).toBe(16);
    expect(pacedDelaySeconds("meta", 10_000, () => 0.999)).toBe(10);
    expect(pacedDelaySeconds("meta", 0)).toBe(1);
    // Many held-back messages spread over several seconds instead of one.
    let seed = 1;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const delays = new Set(Array.from({ length: 50 }, () => pacedDelaySeconds("waha", 30_000, random)));
    expect(delays.size).toBeGreaterThanOrEqual(4);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(31);
      expect(d).toBeLessThanOrEqual(36);
    }
  });
});
