// Broadcast campaigns: audience preview, create, the start/pause/resume/cancel
// transitions, the campaign with its live totals, and its recipients.
import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AUTHED, IdParam, createRouter, json, jsonBody, listOf, problems } from "../http/openapi";
import { previewAudience } from "../campaigns/audience";
import { audienceInput, createCampaignInput, messageInput, previewInput } from "../campaigns/inputs";
import { cancelCampaign, pauseCampaign, resumeCampaign, startCampaign } from "../campaigns/lifecycle";
import { campaignListQuery, createCampaign, getCampaign, listCampaigns, listRecipients, recipientListQuery } from "../campaigns/store";
import { CAMPAIGN_STATUSES } from "../db/schema";
import { RECIPIENT_STATUSES } from "../campaigns/counts";
import { sendCampaignTest, testSendInput } from "../campaigns/test-send";

const tags = ["Campaigns"];
const member = () => [authenticate, requireTenant()];
const admin = () => [authenticate, requireTenant("owner", "admin")];

const CountsSchema = z.object({
  queued: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  read: z.number().int(),
  failed: z.number().int(),
  replied: z.number().int(),
  converted: z.number().int(),
  skipped: z.number().int(),
});

export const CampaignSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(CAMPAIGN_STATUSES),
    channelId: z.string(),
    ratePerSecond: z.number().describe("The configured messages per second"),
    currentRate: z.number().describe("The rate in force; lower than ratePerSecond after WhatsApp reported a rate limit (130429)"),
    audienceCount: z.number().int().describe("Recipients frozen when the campaign started (0 before)"),
    counts: CountsSchema.describe("Cumulative: a read message also counts as sent and delivered"),
    audience: audienceInput.describe("The audience filters as given when the campaign was created"),
    message: messageInput.describe("The message as given: an approved template with its parameters, or free text"),
    quietHours: z.object({ start: z.string(), end: z.string(), timeZone: z.string() }).nullable(),
    replyWindowHours: z.number().int(),
    scheduledAt: z.string().nullable(),
    pausedReason: z.string().nullable(),
    startedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Campaign");

const PreviewSchema = z
  .object({
    audienceCount: z.number().int(),
    excluded: z.object({
      optedOut: z.number().int().describe("Opted out (always excluded)"),
      invalid: z.number().int().describe("No valid WhatsApp number"),
      duplicate: z.number().int().describe("The same number (or contact) more than once"),
      needsTemplate: z.number().int().describe("Outside the 24-hour window while the message is free text (or no message given yet)"),
      unknown: z.number().int().describe("Numbers of an uploaded list that match no contact"),
    }),
    sample: z.array(z.object({ contactId: z.string(), phone: z.string() })),
  })
  .openapi("CampaignPreview");

const TestSendSchema = z
  .object({
    messageId: z.string().describe("The test message, in the number's conversation"),
    conversationId: z.string(),
    contactId: z.string(),
    status: z.string().describe("queued: on its way; follow it in the inbox"),
  })
  .openapi("CampaignTestSend");

const RecipientSchema = z
  .object({
    id: z.string(),
    contactId: z.string(),
    phone: z.string(),
    status: z.enum(RECIPIENT_STATUSES),
    error: z.object({ code: z.string(), title: z.string() }).nullable().describe("Why it failed or was skipped, in plain words"),
    messageId: z.string().nullable(),
    sentAt: z.string().nullable(),
  })
  .openapi("CampaignRecipient");

function action(path: string, summary: string) {
  return createRoute({
    method: "post",
    path: `/campaigns/{id}/${path}`,
    tags,
    summary,
    middleware: admin(),
    request: { params: IdParam },
    responses: { 200: json(CampaignSchema, "The campaign"), ...problems(...AUTHED, 404, 409) },
  });
}

export const campaignRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/campaigns/preview",
      tags,
      summary: "How many contacts an audience reaches on a channel, and who is excluded and why",
      middleware: admin(),
      request: jsonBody(previewInput),
      responses: { 200: json(PreviewSchema, "The audience's size and exclusions"), ...problems(...AUTHED) },
    }),
    async (c) => c.json(await previewAudience(c.get("tenantCtx"), c.req.valid("json")), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/campaigns/test-send",
      tags,
      summary: "Send a campaign's message to one number now, as a test (not a recipient, not counted; opted-out numbers refused)",
      middleware: admin(),
      request: jsonBody(testSendInput),
      responses: { 201: json(TestSendSchema, "Queued for sending"), ...problems(...AUTHED, 409, 422) },
    }),
    async (c) => c.json(await sendCampaignTest(c.get("tenantCtx"), c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/campaigns",
      tags,
      summary: "Create a campaign (draft); the audience is frozen when it starts",
      middleware: admin(),
      request: jsonBody(createCampaignInput),
      responses: { 201: json(CampaignSchema, "The draft campaign"), ...problems(...AUTHED, 409) },
    }),
    async (c) => c.json(await createCampaign(c.get("tenantCtx"), c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/campaigns",
      tags,
      summary: "Campaigns, newest first, with their totals",
      middleware: member(),
      request: { query: campaignListQuery },
      responses: { 200: json(listOf(CampaignSchema), "A page of campaigns"), ...problems(...AUTHED) },
    }),
    async (c) => c.json(await listCampaigns(c.get("tenantCtx"), c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/campaigns/{id}",
      tags,
      summary: "A campaign with its live totals",
      middleware: member(),
      request: { params: IdParam },
      responses: { 200: json(CampaignSchema, "The campaign"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await getCampaign(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/campaigns/{id}/recipients",
      tags,
      summary: "The campaign's recipients with their status and failure reason",
      middleware: member(),
      request: { params: IdParam, query: recipientListQuery },
      responses: { 200: json(listOf(RecipientSchema), "A page of recipients"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await listRecipients(c.get("tenantCtx"), c.req.valid("param").id, c.req.valid("query")), 200),
  )
  .openapi(action("start", "Start now (or at scheduledAt, if that is later): the audience is frozen"), async (c) =>
    c.json(await startCampaign(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(action("pause", "Pause sending; messages already handed to WhatsApp are not recalled"), async (c) =>
    c.json(await pauseCampaign(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(action("resume", "Resume a paused campaign"), async (c) => c.json(await resumeCampaign(c.get("tenantCtx"), c.req.valid("param").id), 200))
  .openapi(action("cancel", "Cancel: nobody still waiting gets the message"), async (c) =>
    c.json(await cancelCampaign(c.get("tenantCtx"), c.req.valid("param").id), 200),
  );
