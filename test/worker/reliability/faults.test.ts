// The fault-injection switch: off it does nothing; armed it fails exactly as
// asked; rates from FAULT_INJECTION fail that share of calls.
import { afterEach, describe, expect, it } from "vitest";
import { armFault, disarmFaults, injectedFaults, injectFault, InjectedFault } from "../../../worker/lib/faults";

afterEach(() => disarmFaults());

describe("fault injection", () => {
  it("does nothing when nothing is armed and FAULT_INJECTION is unset", () => {
    for (let i = 0; i < 1000; i++) injectFault({}, "responder", "k");
    expect(injectedFaults()).toBe(0);
  });

  it("fails exactly once for the armed key, and only at the armed point", () => {
    armFault("conversation.afterInsert", { key: "wamid.A" });
    expect(() => injectFault({}, "conversation.afterInsert", "wamid.B")).not.toThrow();
    expect(() => injectFault({}, "conversation.afterClaim", "wamid.A")).not.toThrow();
    expect(() => injectFault({}, "conversation.afterInsert", "wamid.A")).toThrow(InjectedFault);
    expect(() => injectFault({}, "conversation.afterInsert", "wamid.A")).not.toThrow();
    expect(injectedFaults()).toBe(1);
  });

  it("fails every time when armed with times: Infinity, until disarmed", () => {
    armFault("outbound.afterProviderAccepted", { times: Infinity });
    for (let i = 0; i < 5; i++) expect(() => injectFault({}, "outbound.afterProviderAccepted", `m${i}`)).toThrow(/outbound\.afterProviderAccepted/);
    disarmFaults();
    expect(() => injectFault({}, "outbound.afterProviderAccepted", "m")).not.toThrow();
  });

  it("fails the configured share of calls from FAULT_INJECTION rates", () => {
    const env = { FAULT_INJECTION: '{"responder":1,"conversation.afterClaim":0}' };
    expect(() => injectFault(env, "responder")).toThrow(InjectedFault);
    for (let i = 0; i < 200; i++) injectFault(env, "conversation.afterClaim");
    let failed = 0;
    const half = { FAULT_INJECTION: '{"conversation.afterEmit":0.5}' };
    for (let i = 0; i < 2000; i++) {
      try {
        injectFault(half, "conversation.afterEmit");
      } catch {
        failed++;
      }
    }
    // 2000 draws at p = 0.5: outside [800, 1200] has probability < 1e-18.
    expect(failed).toBeGreaterThan(800);
    expect(failed).toBeLessThan(1200);
  });

  it("fails the first call at a point with a rate, so a short run cannot miss the point by chance", () => {
    const rare = { FAULT_INJECTION: '{"outbound.afterProviderAccepted":1e-9,"responder":0}' };
    expect(() => injectFault(rare, "outbound.afterProviderAccepted", "m1")).toThrow(InjectedFault);
    // After the first call the rate applies: 1e-9 fails none of the next 100 (probability of any < 1e-6).
    for (let i = 2; i <= 100; i++) injectFault(rare, "outbound.afterProviderAccepted", `m${i}`);
    // A rate of 0 is off: its first call passes too.
    for (let i = 0; i < 100; i++) injectFault(rare, "responder", `c${i}`);
    // A new value starts again: its points' first calls fail once more.
    const next = { FAULT_INJECTION: '{"outbound.afterProviderAccepted":1e-9}' };
    expect(() => injectFault(next, "outbound.afterProviderAccepted", "m1")).toThrow(InjectedFault);
    expect(() => injectFault(next, "outbound.afterProviderAccepted", "m2")).not.toThrow();
  });
});
