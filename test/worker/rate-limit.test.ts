// Rate limits: the login limit as users see it, and RateLimiterDO's exactness
// and self-cleaning.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { POLICIES } from "../../worker/limits/policies";
import { request, uniqueEmail, uniqueIp } from "./helpers/api";
import { withinOneWindow } from "./helpers/wait";
import { createTenant } from "./helpers/tenants";

const HOUR = 3600_000;

describe("login rate limit", () => {
  it("refuses the same email after the limit, from any address, with 429 and Retry-After", () =>
    withinOneWindow(POLICIES.loginEmail.windowMs, async () => {
      const owner = await createTenant();
      const limit = POLICIES.loginEmail.limit;
      for (let i = 0; i < limit; i++) {
        // A new client address each time: the limit is per email, not only per IP.
        const res = await request("POST", "/api/auth/login", { ip: uniqueIp(), body: { email: owner.email, password: `wrong password ${i}` } });
        expect(res.status).toBe(401);
        expect(res.headers.get("ratelimit-limit")).toBe(String(limit));
        expect(res.headers.get("ratelimit-remaining")).toBe(String(limit - i - 1));
      }

      // Even the right password, with different capitalisation, is refused now.
      const limited = await request("POST", "/api/auth/login", { ip: uniqueIp(), body: { email: owner.email.toUpperCase(), password: owner.password } });
      expect(limited.status).toBe(429);
      expect(limited.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(limited.json.status).toBe(429);
      const retryAfter = Number(limited.headers.get("retry-after"));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(POLICIES.loginEmail.windowMs / 1000);
      expect(limited.headers.get("ratelimit-limit")).toBe(String(limit));
      expect(limited.headers.get("ratelimit-remaining")).toBe("0");
      expect(Number(limited.headers.get("ratelimit-reset"))).toBe(retryAfter);
      expect(limited.headers.getSetCookie()).toEqual([]);

      // Another email from the same address is unaffected.
      const other = await createTenant();
      const ok = await request("POST", "/api/auth/login", { ip: uniqueIp(), body: { email: other.email, password: other.password } });
      expect(ok.status).toBe(200);
    }));

  it("counts concurrent guesses before checking them, so no more than the limit get through", () =>
    withinOneWindow(POLICIES.loginEmail.windowMs, async () => {
      const owner = await createTenant();
      const limit = POLICIES.loginEmail.limit;
      const guesses = await Promise.all(
        Array.from({ length: limit * 2 }, (_, i) => request("POST", "/api/auth/login", { ip: uniqueIp(), body: { email: owner.email, password: `guess number ${i}` } })),
      );
      const statuses = guesses.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(limit);
      expect(statuses.filter((s) => s === 429)).toHaveLength(limit);
    }));

  it("does not count successful logins against the email", async () => {
    const owner = await createTenant();
    for (let i = 0; i < POLICIES.loginEmail.limit + 2; i++) {
      const res = await request("POST", "/api/auth/login", { ip: uniqueIp(), body: { email: owner.email, password: owner.password } });
      expect(res.status).toBe(200);
    }
  });

  it("counts unknown emails too, so probing for accounts is limited the same way", () =>
    withinOneWindow(POLICIES.loginEmail.windowMs, async () => {
      const email = uniqueEmail("ghost");
      let last = 0;
      for (let i = 0; i <= POLICIES.loginEmail.limit; i++) {
        last = (await request("POST", "/api/auth/login", { ip: uniqueIp(), body: { email, password: "whatever it is" } })).status;
      }
      expect(last).toBe(429);
    }));
});

describe("login rate limit per client address", () => {
  it("refuses an address after the limit, whichever emails it tries", () =>
    withinOneWindow(POLICIES.loginIp.windowMs, async () => {
      const ip = uniqueIp();
      const limit = POLICIES.loginIp.limit;
      for (let i = 0; i < limit; i++) {
        const res = await request("POST", "/api/auth/login", { ip, body: { email: uniqueEmail("spray"), password: "guessing a password" } });
        expect(res.status).toBe(401);
      }
      const owner = await createTenant();
      const limited = await request("POST", "/api/auth/login", { ip, body: { email: owner.email, password: owner.password } });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(limited.headers.get("ratelimit-limit")).toBe(String(limit));

      // The same account from another address is fine.
      expect((await request("POST", "/api/auth/login", { ip: uniqueIp(), body: { email: owner.email, password: owner.password } })).status).toBe(200);
    }));
});

describe("RateLimiterDO", () => {
  const stubFor = (name: string) => env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(name));

  it("admits exactly the limit under 50 concurrent calls", () =>
    withinOneWindow(24 * HOUR, async () => {
      const name = `exact:${crypto.randomUUID()}`;
      const policy = { limit: 10, windowMs: 24 * HOUR };
      // Separate stubs for the same object, like separate isolates calling at once.
      const results = await Promise.all(Array.from({ length: 50 }, () => stubFor(name).limit(name, policy)));

      const allowed = results.filter((r) => r.allowed);
      expect(allowed).toHaveLength(10);
      expect(allowed.map((r) => r.remaining).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      for (const r of results) {
        expect(r.limit).toBe(10);
        expect(r.resetAt).toBe(results[0]!.resetAt);
        if (!r.allowed) expect(r.remaining).toBe(0);
      }
    }));

  it("counts several counters of one object together: all of them, or none when one is full", () =>
    withinOneWindow(24 * HOUR, async () => {
      const name = `together:${crypto.randomUUID()}`;
      const wide = { limit: 5, windowMs: 24 * HOUR };
      const narrow = { limit: 2, windowMs: 24 * HOUR };
      const both = () => stubFor(name).limitAll([{ key: "number", policy: wide }, { key: "customer", policy: narrow }]);
      expect(await both()).toMatchObject({ allowed: true, remaining: 4 });
      expect(await both()).toMatchObject({ allowed: true, remaining: 3 });
      // The customer's counter is full: refused with its figures, and the number's is not spent.
      const refused = await both();
      expect(refused).toMatchObject({ allowed: false, limit: 2, remaining: 0 });
      expect(await both()).toMatchObject({ allowed: false, limit: 2 });
      expect(await stubFor(name).limit("number", wide, 0)).toMatchObject({ allowed: true, remaining: 3 });
      // Another customer of the same number still gets through, and spends the number's count.
      expect(await stubFor(name).limitAll([{ key: "number", policy: wide }, { key: "other", policy: narrow }])).toMatchObject({ allowed: true, remaining: 2 });
    }));

  it("refuses invalid input instead of counting it", async () => {
    // Called on the instance: an RPC that throws would surface as an unhandled rejection in the test runner.
    await runInDurableObject(stubFor(`invalid:${crypto.randomUUID()}`), async (instance) => {
      await expect(instance.limit("k", { limit: 0, windowMs: 1000 })).rejects.toThrow();
      await expect(instance.limit("", { limit: 1, windowMs: 1000 })).rejects.toThrow();
      await expect(instance.limit("k", { limit: 1, windowMs: 1000 }, -1)).rejects.toThrow();
      // Cost 0 only looks: it is allowed and counts nothing.
      expect(await instance.limit("k", { limit: 1, windowMs: 1000 }, 0)).toMatchObject({ allowed: true, remaining: 1 });
      expect(await instance.limit("k", { limit: 1, windowMs: 1000 })).toMatchObject({ allowed: true, remaining: 0 });
      expect(await instance.limit("k", { limit: 1, windowMs: 1000 }, 0)).toMatchObject({ allowed: false, remaining: 0 });
    });
  });

  it("cleans up expired windows with its alarm and keeps working afterwards", () =>
    withinOneWindow(HOUR, async () => {
      const name = `cleanup:${crypto.randomUUID()}`;
      const stub = stubFor(name);
      const policy = { limit: 2, windowMs: HOUR };
      expect((await stub.limit("a", policy)).allowed).toBe(true);
      expect((await stub.limit("a", policy)).allowed).toBe(true);
      expect((await stub.limit("a", policy)).allowed).toBe(false);
      const b = await stub.limit("b", { limit: 5, windowMs: 24 * HOUR });

      // Let window "a" end (without waiting for it).
      await runInDurableObject(stub, (_instance, state) => {
        state.storage.sql.exec("UPDATE windows SET window_start = window_start - ?, reset_at = ? WHERE key = 'a'", HOUR, Date.now() - 1);
      });
      expect(await runDurableObjectAlarm(stub)).toBe(true);
      const afterFirst = await runInDurableObject(stub, async (_instance, state) => ({
        keys: state.storage.sql.exec<{ key: string }>("SELECT key FROM windows").toArray().map((r) => r.key),
        alarm: await state.storage.getAlarm(),
    }));
    expect(afterFirst.keys).toEqual(["b"]);
    expect(afterFirst.alarm).toBe(b.resetAt);

    // Once every window has ended, the object removes all of its storage…
    await runInDurableObject(stub, (_instance, state) => {
      state.storage.sql.exec("UPDATE windows SET reset_at = ?", Date.now() - 1);
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await runInDurableObject(stub, async (_i, state) => state.storage.getAlarm())).toBeNull();
    expect(await runDurableObjectAlarm(stub)).toBe(false);

    // …and still counts from zero when called again.
    const again = await stub.limit("a", policy);
    expect(again).toMatchObject({ allowed: true, remaining: 1 });
    }));
});
