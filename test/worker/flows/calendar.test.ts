// Bookings as iCalendar: the .ics download and the tenant's subscription
// feed, read back with ical.js (Mozilla's parser) as a calendar app would.
import { env } from "cloudflare:workers";
import ICAL from "ical.js";
import { describe, expect, it, vi } from "vitest";
import { moveBooking } from "../../../worker/flows/bookings";
import { escapeText, foldLine } from "../../../worker/flows/calendar";
import { loadBotSettings } from "../../../worker/ai/settings";
import { ctxWith } from "../helpers/assistant";
import { request } from "../helpers/api";
import { expectTenantIsolation } from "../helpers/isolation";
import { createTenant, inviteMember, type TenantOwner } from "../helpers/tenants";

const ALL_DAY = { start: "00:00", end: "23:59" };
const EVERY_DAY = { mon: [ALL_DAY], tue: [ALL_DAY], wed: [ALL_DAY], thu: [ALL_DAY], fri: [ALL_DAY], sat: [ALL_DAY], sun: [ALL_DAY] };

async function withBookings(owner: TenantOwner) {
  const res = await owner.callWithKey("PATCH", "/api/bot-settings", { booking: { enabled: true, timezone: "UTC", slotMinutes: 30, minNoticeMinutes: 60, offerCount: 3, days: EVERY_DAY } });
  expect(res.status, res.text).toBe(200);
}

let phones = 0;
async function booked(owner: TenantOwner, opts: { name?: string; note?: string; slot?: number } = {}) {
  phones++;
  const contact = await owner.callWithKey("POST", "/api/contacts", { phone: `+6281377${String(700000 + phones)}`, ...(opts.name ? { name: opts.name } : {}) });
  expect(contact.status, contact.text).toBe(201);
  const slots = (await owner.callWithKey("GET", "/api/bookings/slots?days=2")).json.data as { start: string }[];
  const res = await owner.callWithKey("POST", "/api/bookings", { contactId: contact.json.id, start: slots[opts.slot ?? 0]!.start, ...(opts.note ? { note: opts.note } : {}) });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; start: string; end: string; contact: { phone: string } };
}

function events(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  return { cal, events: cal.getAllSubcomponents("vevent") };
}

/** The UID domain: the host of PUBLIC_URL. */
const HOST = new URL(ctxWith().config.PUBLIC_URL).hostname;
const utc = (v: unknown) => (v as ICAL.Time).toJSDate().toISOString();

describe("booking .ics download", () => {
  it("is one VEVENT with the booking's times, escaped text and CRLF lines folded at 75 octets", async () => {
    const owner = await createTenant();
    await withBookings(owner);
    const name = "Siti, Nur; Aisyah \\ Ibu — viewing the 3-bedroom house near Jalan Sudirman, Jakarta Selatan";
    const b = await booked(owner, { name, note: "Bring ID;\nparking at the back, gate 2" });
    const res = await owner.call("GET", `/api/bookings/${b.id}/ics`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="booking-${b.id}.ics"`);

    const lines = res.text.split("\r\n");
    expect(res.text.endsWith("\r\n")).toBe(true);
    expect(res.text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(" "))).toBe(true); // the long summary was folded

    const { cal, events: list } = events(res.text);
    expect(cal.getFirstPropertyValue("version")).toBe("2.0");
    expect(list).toHaveLength(1);
    const ev = new ICAL.Event(list[0]!);
    expect(ev.uid).toBe(`${b.id}@${HOST}`);
    expect(utc(ev.startDate)).toBe(b.start);
    expect(utc(ev.endDate)).toBe(b.end);
    expect(ev.startDate.zone?.tzid).toBe("UTC");
    expect(ev.summary).toBe(`Booking: ${name} (${b.contact.phone})`);
    expect(ev.description).toBe(`WhatsApp: ${b.contact.phone}\nNote: Bring ID;\nparking at the back, gate 2`);
    expect(list[0]!.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(ev.sequence).toBe(0);
    expect(list[0]!.getFirstPropertyValue("dtstamp")).toBeTruthy();
  });

  it("bumps SEQUENCE when the booking is moved and marks a cancelled one, keeping the UID", async () => {
    const owner = await createTenant();
    await withBookings(owner);
    const b = await booked(owner);
    const ctx = ctxWith();
    const settings = await loadBotSettings(ctx, owner.tenant.id);
    const slots = (await owner.callWithKey("GET", "/api/bookings/slots?days=2")).json.data as { start: string }[];
    const moved = await moveBooking(ctx, owner.tenant.id, b.id, Date.parse(slots[1]!.start), settings.booking);
    expect(moved.ok).toBe(true);
    let ev = new ICAL.Event(events((await owner.call("GET", `/api/bookings/${b.id}/ics`)).text).events[0]!);
    expect(ev.uid).toBe(`${b.id}@${HOST}`);
    expect(ev.sequence).toBe(1);
    expect(utc(ev.startDate)).toBe(slots[1]!.start);

    expect((await owner.callWithKey("POST", `/api/bookings/${b.id}/cancel`)).status).toBe(200);
    const { events: list } = events((await owner.call("GET", `/api/bookings/${b.id}/ics`)).text);
    ev = new ICAL.Event(list[0]!);
    expect(ev.sequence).toBe(2);
    expect(list[0]!.getFirstPropertyValue("status")).toBe("CANCELLED");
  });

  it("keeps another tenant's booking a 404", () =>
    expectTenantIsolation({
      create: async (a) => {
        await withBookings(a);
        const b = await booked(a, { name: "Isolated Person" });
        return { id: b.id, data: ["Isolated Person", b.contact.phone] };
      },
      routes: [{ method: "GET", path: (id) => `/api/bookings/${id}/ics`, ownerStatus: 200 }],
    }));
});

describe("calendar feed", () => {
  it("lists the tenant's bookings, cancelled ones as CANCELLED, behind a secret URL that rotates", async () => {
    const owner = await createTenant();
    const other = await createTenant();
    await withBookings(owner);
    await withBookings(other);
    const a = await booked(owner, { name: "Ayu" });
    const c = await booked(owner, { name: "Citra", slot: 1 });
    const theirs = await booked(other, { name: "Somebody Else" });
    expect((await owner.callWithKey("POST", `/api/bookings/${c.id}/cancel`)).status).toBe(200);

    expect((await owner.call("GET", "/api/bookings/calendar-feed")).json).toEqual({ active: false, createdAt: null });
    const made = await owner.call("POST", "/api/bookings/calendar-feed/rotate");
    expect(made.status, made.text).toBe(200);
    const url = new URL(made.json.url as string);
    expect(url.pathname).toMatch(new RegExp(`^/api/calendar/${owner.tenant.id}\\.[A-Za-z0-9_-]{43}\\.ics$`));
    const status = (await owner.call("GET", "/api/bookings/calendar-feed")).json;
    expect(status).toEqual({ active: true, createdAt: made.json.createdAt });
    // Only the hash is kept.
    const secret = url.pathname.split(".")[1]!;
    const row = await env.DB.prepare("SELECT token_hash FROM calendar_feeds WHERE tenant_id = ?").bind(owner.tenant.id).first<{ token_hash: string }>();
    expect(row!.token_hash).not.toContain(secret);
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);

    // No login: the URL is the credential.
    const feed = await request("GET", url.pathname);
    expect(feed.status, feed.text).toBe(200);
    expect(feed.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const { cal, events: list } = events(feed.text);
    expect(cal.getFirstPropertyValue("x-wr-calname")).toBe(`${owner.tenant.name} bookings`);
    const byUid = new Map(list.map((e) => [e.getFirstPropertyValue("uid"), e]));
    expect([...byUid.keys()].sort()).toEqual([`${a.id}@${HOST}`, `${c.id}@${HOST}`].sort());
    expect(byUid.get(`${a.id}@${HOST}`)!.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(utc(byUid.get(`${a.id}@${HOST}`)!.getFirstPropertyValue("dtstart"))).toBe(a.start);
    expect(byUid.get(`${c.id}@${HOST}`)!.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(feed.text).not.toContain(theirs.id);
    expect(feed.text).not.toContain("Somebody Else");

    // A wrong secret, another tenant's id with this secret, or garbage: 404 as problem+json.
    for (const path of [
      `/api/calendar/${owner.tenant.id}.${"A".repeat(43)}.ics`,
      `/api/calendar/${other.tenant.id}.${secret}.ics`,
      `/api/calendar/nonsense`,
    ]) {
      const res = await request("GET", path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }

    // Rotating invalidates the old URL.
    const rotated = await owner.call("POST", "/api/bookings/calendar-feed/rotate");
    expect(rotated.status).toBe(200);
    expect(rotated.json.url).not.toBe(made.json.url);
    expect((await request("GET", url.pathname)).status).toBe(404);
    expect((await request("GET", new URL(rotated.json.url).pathname)).status).toBe(200);
  });

  it("leaves rotation to owners and admins", async () => {
    const owner = await createTenant();
    const agent = await inviteMember(owner, "agent");
    expect((await agent.call("POST", "/api/bookings/calendar-feed/rotate")).status).toBe(403);
    expect((await agent.call("GET", "/api/bookings/calendar-feed")).status).toBe(200);
    const admin = await inviteMember(owner, "admin");
    expect((await admin.call("POST", "/api/bookings/calendar-feed/rotate")).status).toBe(200);
  });
});

describe("iCalendar text", () => {
  it("escapes TEXT values and folds without splitting a character", () => {
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
    const long = "SUMMARY:" + "é".repeat(60);
    const folded = foldLine(long).split("\r\n");
    for (const part of folded) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(folded.map((p, i) => (i ? p.slice(1) : p)).join("")).toBe(long);
  });
});

describe("feed secret in logs", () => {
  it("is never written to the request log", async () => {
    const owner = await createTenant();
    const made = await owner.call("POST", "/api/bookings/calendar-feed/rotate");
    const path = new URL(made.json.url as string).pathname;
    const secret = path.split(".")[1]!;
    const lines: string[] = [];
    const spies = (["log", "warn", "error"] as const).map((level) => vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.join(" "))));
    try {
      expect((await request("GET", path)).status).toBe(200);
      expect((await request("GET", path.replace(secret, "B".repeat(43)))).status).toBe(404);
    } finally {
      for (const s of spies) s.mockRestore();
    }
    const requestLines = lines.filter((l) => l.includes('"msg":"request"'));
    expect(requestLines.length).toBeGreaterThanOrEqual(2);
    expect(requestLines.some((l) => l.includes(`/api/calendar/${owner.tenant.id}.[redacted].ics`))).toBe(true);
    for (const l of lines) expect(l).not.toContain(secret);
  });
});
