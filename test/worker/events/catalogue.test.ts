// The event catalogue: one schema and one valid example per event type.
import { describe, expect, it } from "vitest";
import { EVENT_CATALOGUE, eventDataProblems, eventFilterSchema } from "../../../worker/events/catalogue";
import { EVENT_TYPES } from "../../../worker/events/emit";

describe("event catalogue", () => {
  it("describes every event type, and each example matches its schema", () => {
    expect(Object.keys(EVENT_CATALOGUE).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) {
      expect(eventDataProblems(type, EVENT_CATALOGUE[type].example), type).toBeNull();
      expect(EVENT_CATALOGUE[type].description.length, type).toBeGreaterThan(10);
    }
  });

  it("names what is wrong with data that does not match", () => {
    expect(eventDataProblems("message.received", { message: { id: "msg_1" } })).toMatch(/message\.conversationId/);
    expect(eventDataProblems("message.status", { ...EVENT_CATALOGUE["message.status"].example, status: "teleported" })).toMatch(/status/);
    expect(eventDataProblems("credit.low", {})).toMatch(/credits/);
  });

  it("lets events grow: extra fields are kept, not rejected", () => {
    const data = { contact: { id: "con_1", phone: "+62811", name: null, tags: ["vip"] }, extra: true };
    expect(eventDataProblems("contact.created", data)).toBeNull();
  });

  it("accepts specific types or [\"*\"] as an endpoint's filter", () => {
    expect(eventFilterSchema.parse(["message.received", "message.received", "contact.created"])).toEqual(["message.received", "contact.created"]);
    expect(eventFilterSchema.parse(["*"])).toEqual(["*"]);
    expect(eventFilterSchema.safeParse([]).success).toBe(false);
    expect(eventFilterSchema.safeParse(["*", "message.sent"]).success).toBe(false);
    expect(eventFilterSchema.safeParse(["message.teleported"]).success).toBe(false);
  });
});
