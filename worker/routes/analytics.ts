import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AUTHED, createRouter, json, jsonBody, listOf, problems } from "../http/openapi";
import { METRIC_NAMES } from "../analytics/metrics";
import { analyticsOverview, analyticsTimeseries, answerQuestion, timeseriesCsv, unansweredQuestions } from "../analytics/queries";
import { rangeQuery } from "../analytics/range";
import { rebuildAnalytics } from "../analytics/rebuild";
import { analyticsBreakdownsFor, DEFAULT_COLD_DAYS } from "../analytics/breakdowns";
import { knowledgeInput } from "../ai/knowledge";
import { seedDemoHistory } from "../ops/demo-history";

const count = z.number().int();
const ms = z.number().int().nullable().describe("Milliseconds; null when there was no sample in the range");
const TotalsSchema = z
  .object({
    conversations: z.object({ new: count, botOnly: count, handedOff: count, closed: count }),
    messages: z.object({ inbound: count, outbound: z.object({ bot: count, agent: count, campaign: count }), delivered: count, read: count, failed: count }),
    responseTimes: z.object({ botP50Ms: ms, botP90Ms: ms, humanP50Ms: ms, humanP90Ms: ms }),
    assistant: z.object({ answered: count, unanswered: count }),
    leads: z.object({ newContacts: count, qualified: count, booked: count }),
    campaigns: z.object({ sent: count, delivered: count, read: count, replied: count }),
    credits: z.object({ used: count }),
  })
  .openapi("AnalyticsTotals");
const OverviewSchema = z
  .object({ range: z.object({ from: z.string(), to: z.string() }), current: TotalsSchema, previous: TotalsSchema.describe("The period of equal length just before `from`") })
  .openapi("AnalyticsOverview");
const SeriesSchema = z.object({ metric: z.enum(METRIC_NAMES), data: z.array(z.object({ date: z.string(), value: count })) }).openapi("AnalyticsTimeseries");
const QuestionSchema = z
  .object({ question: z.string(), count, lastAskedAt: z.string(), conversationIds: z.array(z.string()).describe("Up to 20 conversations where it was asked") })
  .openapi("UnansweredQuestion");
const seriesQuery = rangeQuery.extend({
  metric: z.enum(METRIC_NAMES).describe("A count of AnalyticsTotals as a dotted path, e.g. messages.inbound"),
  format: z.enum(["json", "csv"]).optional().openapi({ description: "csv: date,value rows; also chosen by Accept: text/csv" }),
});
const unansweredQuery = rangeQuery.extend({
  limit: z.coerce.number().int().min(1, { message: "must be between 1 and 100" }).max(100, { message: "must be between 1 and 100" }).default(20),
  cursor: z.string().optional(),
});
const answerInput = knowledgeInput.extend({ question: z.string().trim().min(1, { message: "is required" }).max(500) });

const share = z.number().min(0).max(1).nullable().describe("A fraction 0–1 to four decimals; null when the whole is 0");
const BreakdownsSchema = z
  .object({
    range: z.object({ from: z.string(), to: z.string() }),
    conversations: z.object({
      new: count,
      byChannel: z.array(z.object({ channelId: z.string(), name: z.string().nullable(), type: z.string().nullable(), count })).describe("New conversations by channel, most first"),
      handedOff: count,
      byHandoffReason: z
        .array(z.object({ reason: z.string().describe("The assistant's reason (customer_request, no_knowledge, outside_business_hours, …) or agent when a person took over"), count }))
        .describe("Handed-off conversations started in the range, by the reason of their first handoff"),
    }),
    messages: z.object({
      outbound: count,
      delivered: count,
      read: count,
      failed: count,
      deliveryRate: share,
      readRate: share,
      failuresByReason: z.array(z.object({ code: z.string().nullable(), title: z.string(), count })).describe("Failed outbound messages by the provider's error code"),
    }),
    responsiveness: z.object({
      customerMessages: count,
      answered: count.describe("Customer messages a bot or agent reply followed"),
      answeredRate: share,
      repliesWhileClosed: z
        .object({ bot: count, agent: count })
        .nullable()
        .describe("Replies stored in quarter hours that start outside the opening hours set in the bot settings; null when none are set"),
    }),
    leads: z.object({
      funnel: z.object({ asked: count, answered: count, qualified: count, booked: count }).describe("Contacts first asked a qualification question, first answering one, first qualified; bookings confirmed"),
      scoreDistribution: z.array(z.object({ min: count, max: count, count })).describe("All contacts now, by lead score in bands of ten"),
      hotWaiting: z.object({
        count,
        conversations: z.array(z.object({ conversationId: z.string(), contactId: z.string(), name: z.string().nullable(), phone: z.string(), waitingSince: z.string() })).describe("The ten waiting longest"),
      }).describe("Hot leads now in an open conversation with a person, whose message has no reply yet"),
      cold: z.object({ days: count, count }).describe("Contacts whose last message to you is older than `days` days"),
    }),
    credits: z.object({
      used: count,
      balance: count.nullable(),
      usedPerDayLastWeek: z.number(),
      projectedExhaustion: z.string().nullable().describe("The day the balance runs out at the last 7 days' rate; null when nothing was used"),
    }),
  })
  .openapi("AnalyticsBreakdowns");
const breakdownsQuery = rangeQuery.extend({
  coldDays: z.coerce
    .number()
    .int({ message: "must be a whole number of days" })
    .min(1, { message: "must be between 1 and 365" })
    .max(365, { message: "must be between 1 and 365" })
    .default(DEFAULT_COLD_DAYS)
    .describe("A lead is cold after this many days without a message from them"),
});

const member = () => [authenticate, requireTenant()];

export const analyticsRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/analytics/overview",
      tags: ["Analytics"],
      summary: "Totals for a range of days in the tenant's time zone, and for the period of equal length before it",
      middleware: member(),
      request: { query: rangeQuery },
      responses: { 200: json(OverviewSchema, "Counts are integers, times milliseconds"), ...problems(...AUTHED) },
    }),
    async (c) => c.json(await analyticsOverview(c.get("tenantCtx"), c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/analytics/timeseries",
      tags: ["Analytics"],
      summary: "One metric per day of the range (zero-filled), as JSON or CSV",
      middleware: member(),
      request: { query: seriesQuery },
      responses: {
        200: { description: "One point per day", content: { "application/json": { schema: SeriesSchema }, "text/csv": { schema: z.string() } } },
        ...problems(...AUTHED),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const series = await analyticsTimeseries(c.get("tenantCtx"), q);
      const wantsCsv = q.format === "csv" || (q.format === undefined && /\btext\/csv\b/.test(c.req.header("accept") ?? ""));
      if (wantsCsv) {
        const name = `${series.metric}-${series.data[0]?.date}-${series.data.at(-1)?.date}.csv`;
        return c.body(timeseriesCsv(series), 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` });
      }
      return c.json(series, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/analytics/breakdowns",
      tags: ["Analytics"],
      summary: "What the range's figures are made of (channels, handoff reasons, failures, rates, the qualification funnel) and the leads and credits as they are now",
      middleware: member(),
      request: { query: breakdownsQuery },
      responses: { 200: json(BreakdownsSchema, "Counts are integers; rates are fractions"), ...problems(...AUTHED) },
    }),
    async (c) => c.json(await analyticsBreakdownsFor(c.get("tenantCtx"), c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/analytics/unanswered",
      tags: ["Analytics"],
      summary: "Questions the assistant could not answer, grouped, most asked first (the ones added to the knowledge drop off)",
      middleware: member(),
      request: { query: unansweredQuery },
      responses: { 200: json(listOf(QuestionSchema), "A page of question groups"), ...problems(...AUTHED) },
    }),
    async (c) => c.json(await unansweredQuestions(c.get("tenantCtx"), c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/analytics/unanswered/knowledge",
      tags: ["Analytics"],
      summary: "Add to knowledge: create the entry that answers a question and take the question off the unanswered list",
      middleware: [authenticate, requireTenant("owner", "admin")],
      request: jsonBody(answerInput),
      responses: {
        201: json(
          z.object({
            entry: z.object({ id: z.string(), title: z.string(), content: z.string(), tags: z.array(z.string()), createdAt: z.string(), updatedAt: z.string() }),
            resolved: count.describe("How many times the question had been asked"),
          }),
          "Created and indexed",
        ),
        ...problems(...AUTHED),
      },
    }),
    async (c) => c.json(await answerQuestion(c.get("tenantCtx"), c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/analytics/rebuild",
      tags: ["Analytics"],
      summary: "Recompute the tenant's analytics from the stored conversations, messages, contacts, bookings and credits",
      middleware: [authenticate, requireTenant("owner", "admin")],
      responses: { 200: json(z.object({ rebuiltAt: z.string() }), "Rebuilt"), ...problems(...AUTHED) },
    }),
    async (c) => {
      const ctx = c.get("tenantCtx");
      const { rebuiltAt } = await rebuildAnalytics(ctx, ctx.tenantId);
      return c.json({ rebuiltAt: new Date(rebuiltAt).toISOString() }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/demo/history",
      tags: ["Analytics"],
      summary: "Local runs only (DEMO_SEED on, never in production; 404 otherwise): write the demo tenant's 30-day history once",
      middleware: [authenticate, requireTenant("owner")],
      responses: {
        200: json(z.object({ created: z.boolean(), contacts: count, messages: count }), "Written, or already there (created: false)"),
        ...problems(...AUTHED, 404),
      },
    }),
    async (c) => c.json(await seedDemoHistory(c.get("tenantCtx")), 200),
  );
