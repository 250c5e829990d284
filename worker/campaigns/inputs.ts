// What a campaign is made of, as the API takes it: the audience filters, the
// message (an approved template with parameters mapped from contact fields, or
// free text), pacing, a schedule and quiet hours.
import { z } from "zod";
import { stageField, tagNameField } from "../contacts/fields";

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const MAX_CONTACT_IDS = 10_000;
export const MAX_PHONES = 10_000;

export const audienceInput = z
  .object({
    tags: z.array(tagNameField).max(20).optional().describe("Contacts with any of these tags"),
    stages: z.array(stageField).max(20).optional().describe("Contacts in any of these stages"),
    minScore: z.number().int().min(0).max(100).optional(),
    maxScore: z.number().int().min(0).max(100).optional(),
    contactIds: z.array(z.string().min(1).max(64)).max(MAX_CONTACT_IDS).optional().describe("Only these contacts"),
    phones: z.array(z.string().max(40)).max(MAX_PHONES).optional().describe("Only contacts with these phone numbers (a pasted or uploaded CSV column)"),
    activeWithinDays: z.number().int().min(1).max(3650).optional().describe("Contacts who wrote on the campaign's channel within this many days"),
    channelIds: z.array(z.string().min(1).max(64)).max(20).optional().describe("Contacts with a conversation on any of these channels"),
    fields: z
      .record(z.string().regex(KEY, { message: "must be a custom field key" }), z.union([z.string().max(1000), z.number(), z.boolean()]))
      .optional()
      .describe("Custom field key → the value it must equal"),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.minScore !== undefined && a.maxScore !== undefined && a.minScore > a.maxScore) {
      ctx.addIssue({ code: "custom", path: ["maxScore"], message: "must not be below minScore" });
    }
    if (a.fields && Object.keys(a.fields).length > 10) ctx.addIssue({ code: "custom", path: ["fields"], message: "at most 10 fields" });
  });
export type AudienceInput = z.infer<typeof audienceInput>;

/** One template parameter: a fixed text, or a contact field with the value used when the contact has none. */
export const parameterInput = z.union([
  z.object({ text: z.string().min(1).max(1024) }).strict(),
  z
    .object({
      field: z
        .string()
        .regex(/^(name|phone|email|stage|leadScore|fields\.[a-z][a-z0-9_]{0,39})$/, { message: "must be name, phone, email, stage, leadScore or fields.<key>" }),
      fallback: z.string().min(1, { message: "is required: the value used when the contact has none" }).max(1024),
    })
    .strict(),
]);
export type ParameterInput = z.infer<typeof parameterInput>;

/** The file of an image, video or document header: uploaded first with POST /api/media. */
export const headerMediaInput = z.object({ mediaId: z.string().trim().min(1, { message: "is required" }).max(64) }).strict();

export const templateMessageInput = z
  .object({
    template: z
      .object({
        name: z.string().trim().min(1).max(512),
        language: z.string().trim().min(2).max(15),
        parameters: z
          .union([
            z.array(parameterInput).max(20),
            z
              .object({
                header: z
                  .union([z.array(parameterInput).max(5), headerMediaInput])
                  .optional()
                  .describe("A text header's parameters, or { mediaId } of an uploaded file for an image, video or document header"),
                body: z.array(parameterInput).max(20).optional(),
              })
              .strict(),
          ])
          .optional()
          .describe("Body parameters in order ({{1}}, {{2}}…), or { header, body }"),
      })
      .strict(),
  })
  .strict();
export const textMessageInput = z.object({ text: z.string().trim().min(1, { message: "is required" }).max(4096) }).strict();
export const messageInput = z.union([templateMessageInput, textMessageInput]);
export type MessageInput = z.infer<typeof messageInput>;

export const quietHoursInput = z
  .object({
    start: z.string().regex(HHMM, { message: "must be HH:MM" }),
    end: z.string().regex(HHMM, { message: "must be HH:MM" }),
    timeZone: z
      .string()
      .max(64)
      .refine(
        (tz) => {
          try {
            new Intl.DateTimeFormat("en-US", { timeZone: tz });
            return true;
          } catch {
            return false;
          }
        },
        { message: "must be an IANA time zone, e.g. Asia/Jakarta" },
      )
      .default("UTC"),
  })
  .strict();
export type QuietHours = z.infer<typeof quietHoursInput>;

export const MAX_RATE = 1000;

export const createCampaignInput = z
  .object({
    name: z.string().trim().min(1, { message: "is required" }).max(120),
    channelId: z.string().trim().min(1, { message: "is required" }).max(64),
    audience: audienceInput,
    message: messageInput,
    ratePerSecond: z.number().positive().max(MAX_RATE).optional().describe("Messages per second; defaults to the number's limit (Meta) or one every few seconds (WAHA)"),
    scheduledAt: z.iso.datetime({ offset: true }).optional().describe("When to start (ISO-8601); omitted: start with POST /start"),
    quietHours: quietHoursInput.nullable().optional(),
    replyWindowHours: z.number().int().min(1).max(720).optional().describe("A reply within this many hours is attributed to the campaign (default 72)"),
  })
  .strict();
export type CreateCampaignInput = z.infer<typeof createCampaignInput>;

export const previewInput = z.object({ channelId: z.string().trim().min(1, { message: "is required" }).max(64), audience: audienceInput, message: messageInput.optional() }).strict();
