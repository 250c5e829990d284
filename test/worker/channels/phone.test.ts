import { describe, expect, it } from "vitest";
import { e164FromWaId, normalizeE164, waIdFromE164 } from "../../../worker/channels/phone";

describe("normalizeE164", () => {
  it.each([
    ["+62 812-3456-789", "+628123456789"],
    ["0062 812 3456 789", "+628123456789"],
    ["628123456789", "+628123456789"],
    ["15551234567@c.us", "+15551234567"],
    ["15551234567@s.whatsapp.net", "+15551234567"],
    ["+1 (555) 123-4567", "+15551234567"],
    ["  +44 7700.900.123 ", "+447700900123"],
    ["+12345678", "+12345678"],
    ["+123456789012345", "+123456789012345"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeE164(input)).toBe(expected);
  });

  it.each([
    ["", "empty"],
    ["+1234567", "7 digits"],
    ["+1234567890123456", "16 digits"],
    ["08123456789", "national number without a country code"],
    ["+0123456789", "country code starting with 0"],
    ["+1 555 CALL NOW", "letters"],
    ["+1555+1234567", "a second plus"],
    ["120363025555555555@g.us", "a group id"],
    ["123456789012345@lid", "a WhatsApp LID"],
    ["status@broadcast", "a broadcast id"],
  ])("%s is rejected (%s)", (input) => {
    expect(normalizeE164(input)).toBeNull();
  });
});

describe("wa_id ↔ E.164", () => {
  it("strips and restores the plus", () => {
    expect(waIdFromE164("+15557654321")).toBe("15557654321");
    expect(e164FromWaId("15557654321")).toBe("+15557654321");
    expect(e164FromWaId(waIdFromE164("+628123456789"))).toBe("+628123456789");
  });
});
