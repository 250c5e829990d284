import { createRoute, z } from "@hono/zod-openapi";
import { ContactSchema } from "./contact-schemas";
import { authenticate, requireTenant } from "../http/auth";
import { AUTHED, IdParam, createRouter, json, jsonBody, listOf, problems } from "../http/openapi";
import { FLOW_PRESETS, STEP_TYPES, flowInputSchema, presetsFor } from "../flows/definition";
import { loadBotSettings } from "../ai/settings";
import { flowView, loadFlow, qualificationOf, saveFlow } from "../flows/store";
import { FEED_PAST_DAYS, bookingIcs, feedIcs, feedStatus, rotateFeed } from "../flows/calendar";
import { rateLimit } from "../http/rate-limit";
import { notFound } from "../http/errors";
import { bookingListQuery, cancelBooking, createBooking, createBookingInput, listBookings, listSlots, slotsQuery } from "../flows/bookings";

const time = z.string().describe("ISO-8601 UTC");
const StepSchema = z.object({
  key: z.string(),
  label: z.string(),
  question: z.string(),
  type: z.enum(STEP_TYPES),
  options: z.array(z.object({ label: z.string(), points: z.number().int(), aliases: z.array(z.string()) })).optional(),
  ranges: z.array(z.object({ min: z.number().optional(), max: z.number().optional(), points: z.number().int() })).optional(),
  points: z.number().int().optional(),
});
const FlowFields = {
  enabled: z.boolean(),
  preset: z.enum(FLOW_PRESETS),
  qualifiedScore: z.number().int().describe("Lead score (0–100) at which the contact's stage becomes qualified"),
  handoffWhenQualified: z.boolean(),
  completionMessage: z.string(),
  steps: z.array(StepSchema),
};
const FlowSchema = z.object({ ...FlowFields, updatedAt: time.nullable() }).openapi("QualificationFlow");
const PresetSchema = z.object({ id: z.string(), name: z.string(), description: z.string(), flow: z.object(FlowFields) }).openapi("QualificationPreset");
const QualificationSchema = z
  .object({
    leadScore: z.number().int().describe("The whole lead score (see the contact's scoreBreakdown)"),
    leadBand: ContactSchema.shape.leadBand,
    scoreBreakdown: ContactSchema.shape.scoreBreakdown,
    qualificationScore: z.number().int().describe("The answers' points (0–100): the score's qualification component, compared with qualifiedScore"),
    stage: z.string(),
    qualifiedScore: z.number().int(),
    enabled: z.boolean(),
    completed: z.boolean(),
    pendingStep: z.string().nullable(),
    pending: z.object({ key: z.string(), label: z.string(), question: z.string() }).nullable(),
    answers: z.array(
      z.object({ key: z.string(), label: z.string(), question: z.string(), answer: z.string(), value: z.string(), points: z.number().int(), maxPoints: z.number().int(), answeredAt: time, messageId: z.string().nullable() }),
    ),
  })
  .openapi("Qualification");
const BookingSchema = z
  .object({
    id: z.string(),
    contactId: z.string(),
    conversationId: z.string().nullable(),
    contact: z.object({ id: z.string(), name: z.string().nullable(), phone: z.string() }),
    start: time,
    end: time,
    status: z.enum(["confirmed", "cancelled"]),
    source: z.enum(["bot", "agent"]),
    note: z.string().nullable(),
    createdAt: time,
    cancelledAt: time.nullable(),
  })
  .openapi("Booking");
const SlotsSchema = z
  .object({ enabled: z.boolean(), timezone: z.string(), slotMinutes: z.number().int(), data: z.array(z.object({ start: time, end: time })) })
  .openapi("FreeSlots");

const CalendarFeedSchema = z
  .object({
    active: z.boolean(),
    createdAt: time.nullable().describe("When the current URL was made"),
    url: z.string().optional().describe("The subscription URL: returned only when it is made; only its hash is stored"),
  })
  .openapi("CalendarFeed");
const icsResponse = (description: string) => ({ description, content: { "text/calendar": { schema: z.string() } } });
const FeedParam = z.object({ file: z.string().min(1).max(200).openapi({ description: "<tenant id>.<secret>.ics, as given in the feed URL" }) });

const member = () => [authenticate, requireTenant()];
const editor = () => [authenticate, requireTenant("owner", "admin")];

export const flowRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/bot/flow",
      tags: ["Qualification"],
      summary: "The qualification flow: the questions the assistant asks and the points each answer adds",
      middleware: member(),
      responses: { 200: json(FlowSchema, "The flow (off, with no steps, until saved)"), ...problems(...AUTHED) },
    }),
    async (c) => c.json(flowView(await loadFlow(c.get("tenantCtx"), c.get("tenantCtx").tenantId)), 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/bot/flow",
      tags: ["Qualification"],
      summary: "Replace the qualification flow",
      middleware: editor(),
      request: jsonBody(flowInputSchema),
      responses: { 200: json(FlowSchema, "Saved"), ...problems(...AUTHED) },
    }),
    async (c) => c.json(await saveFlow(c.get("tenantCtx"), c.req.valid("json")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/bot/flow/presets",
      tags: ["Qualification"],
      summary: "Ready-made flows for real estate, education agencies and service businesses",
      description: "In English or Indonesian: `language`, or the assistant's default language when omitted.",
      middleware: member(),
      request: { query: z.object({ language: z.enum(["en", "id"]).optional() }) },
      responses: { 200: json(z.object({ data: z.array(PresetSchema) }), "Presets"), ...problems(...AUTHED) },
    }),
    async (c) => {
      const t = c.get("tenantCtx");
      const language = c.req.valid("query").language ?? (await loadBotSettings(t, t.tenantId)).persona.defaultLanguage;
      return c.json({ data: presetsFor(language) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/contacts/{id}/qualification",
      tags: ["Qualification"],
      summary: "A contact's lead score with its breakdown: each answer and the points it earned",
      middleware: member(),
      request: { params: IdParam },
      responses: { 200: json(QualificationSchema, "Qualification"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await qualificationOf(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/bookings/slots",
      tags: ["Bookings"],
      summary: "Free slots from the availability in the bot settings, minus confirmed bookings",
      middleware: member(),
      request: { query: slotsQuery },
      responses: { 200: json(SlotsSchema, "Free slots, soonest first"), ...problems(...AUTHED) },
    }),
    async (c) => c.json(await listSlots(c.get("tenantCtx"), c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/bookings",
      tags: ["Bookings"],
      summary: "Bookings, soonest first",
      middleware: member(),
      request: { query: bookingListQuery },
      responses: { 200: json(listOf(BookingSchema), "Bookings"), ...problems(...AUTHED) },
    }),
    async (c) => c.json(await listBookings(c.get("tenantCtx"), c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/bookings",
      tags: ["Bookings"],
      summary: "Book a free slot for a contact",
      middleware: member(),
      request: jsonBody(createBookingInput),
      responses: { 201: json(BookingSchema, "Booked"), ...problems(...AUTHED, 404, 409, 422) },
    }),
    async (c) => c.json(await createBooking(c.get("tenantCtx"), c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/bookings/{id}/cancel",
      tags: ["Bookings"],
      summary: "Cancel a booking; its slot is free again",
      middleware: member(),
      request: { params: IdParam },
      responses: { 200: json(BookingSchema, "Cancelled"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await cancelBooking(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/bookings/{id}/ics",
      tags: ["Bookings"],
      summary: "One booking as an iCalendar (.ics) file",
      middleware: member(),
      request: { params: IdParam },
      responses: { 200: icsResponse("The booking as a VEVENT"), ...problems(...AUTHED, 404) },
    }),
    async (c) => {
      const { filename, body } = await bookingIcs(c.get("tenantCtx"), c.req.valid("param").id);
      return c.body(body, 200, { "content-type": "text/calendar; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` });
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/bookings/calendar-feed",
      tags: ["Bookings"],
      summary: "Whether the calendar feed is on (its URL is shown only when it is made)",
      middleware: member(),
      responses: { 200: json(CalendarFeedSchema, "The feed"), ...problems(...AUTHED) },
    }),
    async (c) => c.json(await feedStatus(c.get("tenantCtx")), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/bookings/calendar-feed/rotate",
      tags: ["Bookings"],
      summary: "Make a new calendar feed URL; the previous one stops working",
      middleware: editor(),
      responses: { 200: json(CalendarFeedSchema, "The new URL"), ...problems(...AUTHED) },
    }),
    async (c) => c.json(await rotateFeed(c.get("tenantCtx")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/calendar/{file}",
      tags: ["Bookings"],
      summary: "The tenant's bookings as a calendar feed (the secret in the URL is the credential)",
      description: `Bookings from ${FEED_PAST_DAYS} days back and everything ahead; cancelled ones with STATUS:CANCELLED. Subscribe to it from Google Calendar or Outlook.`,
      middleware: [rateLimit("calendarFeed", (c) => `feed:${(c.req.param("file") ?? "").split(".")[0]!.slice(0, 64)}`)],
      request: { params: FeedParam },
      responses: { 200: icsResponse("The calendar"), ...problems(404, 429) },
    }),
    async (c) => {
      const body = await feedIcs(c.get("ctx"), c.req.valid("param").file);
      if (body === null) throw notFound("calendar feed");
      return c.body(body, 200, { "content-type": "text/calendar; charset=utf-8", "cache-control": "no-store" });
    },
  );
