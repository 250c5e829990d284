// Quiet hours in each contact's own time zone: the zone a number implies (one
// zone per country code; Indonesia by area code), overridable per contact
// through the API. On a fixed clock, the pacer holds a recipient whose local
// time is quiet, sends when it ends, and completes with everyone sent once.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { openZones, pacerTick } from "../../../worker/campaigns/pacer";
import type { CampaignRow } from "../../../worker/campaigns/views";
import { zoneFromPhone } from "../../../worker/contacts/time-zone";
import { systemContext } from "../../../worker/lib/system-context";
import { connectMeta } from "../helpers/channels";
import { createTenant } from "../helpers/tenants";
import { eventually } from "../helpers/wait";
import { fakeGraph } from "./fake-graph";
import { campaignMessages, seedContact } from "./helpers";

/** A context whose clock reads `at` (the queue consumer keeps the real one). */
const at = (now: number) => ({ ...systemContext(env, () => {}), now: () => now });
const utc = (d: number, h: number) => Date.UTC(2030, 0, d, h, 0);

describe("quiet hours in the contact's time zone", () => {
  it("derives a zone from the number only where the code names one zone", () => {
    expect(zoneFromPhone("+447700900123")).toBe("Europe/London");
    expect(zoneFromPhone("+6591234567")).toBe("Asia/Singapore");
    // Indonesia: a fixed line's area code names its zone, a mobile number names none.
    expect(zoneFromPhone("+62215550123")).toBe("Asia/Jakarta");
    expect(zoneFromPhone("+62361555012")).toBe("Asia/Makassar");
    expect(zoneFromPhone("+62967555012")).toBe("Asia/Jayapura");
    expect(zoneFromPhone("+6281234567890")).toBeNull();
    // Several zones (+1, +7, +55, +61): none.
    expect(zoneFromPhone("+14155550123")).toBeNull();
    expect(zoneFromPhone("+61412345678")).toBeNull();
  });

  it("takes a contact's own zone through the API, and answers 422 naming timeZone for an unknown one", async () => {
    const owner = await createTenant();
    const created = await owner.callWithKey("POST", "/api/contacts", { phone: "+447700900555" });
    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({ timeZone: null, timeZoneEffective: "Europe/London" });
    const bad = await owner.callWithKey("PATCH", `/api/contacts/${created.json.id}`, { timeZone: "Mars/Olympus_Mons" });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].path).toBe("timeZone");
    expect((await owner.call("GET", `/api/contacts/${created.json.id}`)).json.timeZone).toBeNull();
    const set = await owner.callWithKey("PATCH", `/api/contacts/${created.json.id}`, { timeZone: "asia/tokyo" });
    expect(set.status, set.text).toBe(200);
    expect(set.json).toMatchObject({ timeZone: "Asia/Tokyo", timeZoneEffective: "Asia/Tokyo" });
    const cleared = await owner.callWithKey("PATCH", `/api/contacts/${created.json.id}`, { timeZone: null });
    expect(cleared.json).toMatchObject({ timeZone: null, timeZoneEffective: "Europe/London" });
    const badCreate = await owner.callWithKey("POST", "/api/contacts", { phone: "+447700900556", timeZone: "Nowhere" });
    expect(badCreate.status).toBe(422);
    expect(badCreate.json.errors[0].path).toBe("timeZone");
  });

  it("holds each recipient during their own quiet hours and sends when they end, once each", async () => {
    const owner = await createTenant();
    const channel = await connectMeta(owner);
    const sends = fakeGraph(channel.phoneNumberId);
    // London by its number; Tokyo by the contact's own zone; an Indonesian mobile (no zone) follows the campaign's (UTC).
    const london = await seedContact(owner.tenant.id, { channelId: channel.id, tags: ["zones"], phone: `+4477009${String(Date.now()).slice(-5)}` });
    const tokyo = await seedContact(owner.tenant.id, { channelId: channel.id, tags: ["zones"] });
    const plain = await seedContact(owner.tenant.id, { channelId: channel.id, tags: ["zones"] });
    expect((await owner.callWithKey("PATCH", `/api/contacts/${tokyo.contactId}`, { timeZone: "Asia/Tokyo" })).status).toBe(200);

    // Scheduled on the fixed clock's day: nothing runs until this test ticks the pacer.
    const created = await owner.callWithKey("POST", "/api/campaigns", {
      name: "Zones",
      channelId: channel.id,
      audience: { tags: ["zones"] },
      message: { template: { name: "new_listing", language: "en" } },
      ratePerSecond: 10,
      scheduledAt: new Date(utc(4, 12)).toISOString(),
      quietHours: { start: "21:00", end: "08:00", timeZone: "UTC" },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id as string;
    expect((await owner.callWithKey("POST", `/api/campaigns/${id}/start`)).json.status).toBe("scheduled");
    const row = async () => (await env.DB.prepare("SELECT * FROM campaigns WHERE id = ?").bind(id).first())!;
    const asRow = async () => {
      const r = await row();
      return { id, quietHours: JSON.parse(String(r.quiet_hours)) } as unknown as CampaignRow;
    };

    // 13:00 UTC: London 13:00 and UTC 13:00 are open, Tokyo is at 22:00.
    // The first tick starts it, freezes the audience (each recipient with their zone) and releases the open ones.
    await pacerTick(at(utc(4, 13)), owner.tenant.id, id);
    const recipients = (await env.DB.prepare("SELECT contact_id, state, time_zone FROM campaign_recipients WHERE campaign_id = ?").bind(id).all()).results;
    expect(recipients).toEqual(
      expect.arrayContaining([
        { contact_id: london.contactId, state: "queued", time_zone: "Europe/London" },
        { contact_id: plain.contactId, state: "queued", time_zone: null },
        { contact_id: tokyo.contactId, state: "pending", time_zone: "Asia/Tokyo" },
      ]),
    );
    // Tokyo is what is left: quiet at 13:00 UTC until 23:00 UTC (08:00 there), open at 10:00 UTC (19:00 there).
    expect(await openZones(at(utc(4, 13)), await asRow(), utc(4, 13))).toEqual({ open: [], wakeAt: utc(4, 23) });
    expect(await openZones(at(utc(4, 10)), await asRow(), utc(4, 10))).toEqual({ open: ["Asia/Tokyo"], wakeAt: null });
    await eventually(async () => expect(sends.map((s) => s.to).sort()).toEqual([london.phone.slice(1), plain.phone.slice(1)].sort()), { what: "London and UTC sent" });

    // 22:00 UTC: London is quiet now and Tokyo (07:00) still is: the pacer waits for Tokyo's 08:00 (23:00 UTC).
    expect(await pacerTick(at(utc(4, 22)), owner.tenant.id, id)).toBe(utc(4, 23));
    const held = await env.DB.prepare("SELECT state FROM campaign_recipients WHERE campaign_id = ? AND contact_id = ?").bind(id, tokyo.contactId).first<string>("state");
    expect(held).toBe("pending");
    expect((await row()).status).toBe("sending");

    // 23:00 UTC: 08:00 in Tokyo. The last recipient is sent, and the campaign completes.
    await eventually(async () => expect(await pacerTick(at(utc(4, 23)), owner.tenant.id, id)).toBeNull(), { what: "the campaign completed", timeoutMs: 20_000 });
    expect((await row()).status).toBe("completed");
    expect(sends.map((s) => s.to).sort()).toEqual([london.phone.slice(1), tokyo.phone.slice(1), plain.phone.slice(1)].sort());
    expect(await campaignMessages(id)).toHaveLength(3);
  }, 60_000);
});
