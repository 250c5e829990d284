// Our signer against the Standard Webhooks test vectors and the reference library.
import { Webhook } from "standardwebhooks";
import { describe, expect, it, vi } from "vitest";
import { fromBase64 } from "../../../worker/lib/encoding";
import { generateSecret, sign, signatureHeader } from "../../../worker/events/signing";

describe("Standard Webhooks signatures", () => {
  it("reproduces the libraries' shared test vector", async () => {
    expect(await sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}')).toBe(
      "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    );
  });

  it("reproduces the Rust library's test vector", async () => {
    expect(
      await sign("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk", 1649367553, '{"email":"test@example.com","username":"test_user"}'),
    ).toBe("v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=");
  });

  it("issues whsec_ secrets of 32 random bytes", () => {
    const a = generateSecret();
    const b = generateSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(fromBase64(a.slice("whsec_".length))!.length).toBe(32);
    expect(a).not.toBe(b);
  });

  it("signs so that the reference library verifies, with every secret during a rotation", async () => {
    const [oldSecret, newSecret, stranger] = [generateSecret(), generateSecret(), generateSecret()];
    const body = '{"type":"message.received","timestamp":"2026-11-20T09:30:00.000Z","data":{}}';
    const now = Math.floor(Date.now() / 1000);
    const header = await signatureHeader([newSecret, oldSecret], "evt_1", now, body);
    expect(header.split(" ")).toHaveLength(2);
    const headers = { "webhook-id": "evt_1", "webhook-timestamp": String(now), "webhook-signature": header };
    vi.spyOn(Date, "now").mockReturnValue(now * 1000);
    try {
      expect(new Webhook(newSecret).verify(body, headers)).toEqual(JSON.parse(body));
      expect(new Webhook(oldSecret).verify(body, headers)).toEqual(JSON.parse(body));
      expect(() => new Webhook(stranger).verify(body, headers)).toThrow(/No matching signature/);
      // The signature covers the exact bytes: re-serialised JSON does not verify.
      expect(() => new Webhook(newSecret).verify(JSON.stringify(JSON.parse(body), null, 1), headers)).toThrow();
    } finally {
      vi.restoreAllMocks();
    }
  });
});
