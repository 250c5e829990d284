// Response schemas of contacts, tags, custom fields and imports (OpenAPI).
import { z } from "@hono/zod-openapi";
import { CUSTOM_FIELD_TYPES, IMPORT_STATUSES } from "../db/schema";

export const ContactSchema = z
  .object({
    id: z.string(),
    phone: z.string().openapi({ description: "E.164, e.g. +6281234567890" }),
    waId: z.string().openapi({ description: "The WhatsApp id: the phone number's digits" }),
    name: z.string().nullable(),
    email: z.string().nullable(),
    tags: z.array(z.string()),
    leadScore: z.number().int().openapi({ description: "0–100, recomputed on each customer message and daily (see scoreBreakdown)" }),
    leadBand: z.enum(["cold", "warm", "hot"]).openapi({ description: "The score's band under the tenant's thresholds (bot settings `scoring.bands`)" }),
    scoreBreakdown: z
      .array(
        z.object({
          component: z.enum(["qualification", "engagement", "intent", "sentiment", "booking", "basicInfo", "documents"]),
          weight: z.number().openapi({ description: "The most this component can add under the tenant's weights" }),
          value: z.number().openapi({ description: "0–1: how much of it the contact has" }),
          points: z.number().int().openapi({ description: "What it adds; the items' points add up to leadScore" }),
          detail: z.string().openapi({ description: "Why, in words (\"asked about price, viewing\")" }),
        }),
      )
      .openapi({ description: "How leadScore was reached; empty until the first recomputation" }),
    stage: z.string(),
    optedOut: z.boolean(),
    optedOutAt: z.string().nullable(),
    customFields: z.record(z.string(), z.unknown()).openapi({ description: "Values by custom field key, typed by the field's definition" }),
    timeZone: z.string().nullable().openapi({ description: "IANA time zone set for the contact (quiet hours); null: none set" }),
    timeZoneEffective: z.string().nullable().openapi({ description: "The zone campaign quiet hours use: timeZone, else the one the number's country (or Indonesian area) code implies, else null (the campaign's zone)" }),
    lastMessageAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Contact");

export const TagSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    color: z.string().nullable(),
    contactCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Tag");

export const CustomFieldSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    label: z.string(),
    type: z.enum(CUSTOM_FIELD_TYPES),
    options: z.array(z.string()).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("CustomField");

export const ContactImportSchema = z
  .object({
    id: z.string(),
    status: z.enum(IMPORT_STATUSES),
    fileName: z.string().nullable(),
    totalRows: z.number().int().openapi({ description: "Data rows in the file (blank lines not counted)" }),
    contactRows: z.number().int().openapi({ description: "Distinct contacts in the valid rows" }),
    duplicateRows: z.number().int().openapi({ description: "Valid rows merged into an earlier row with the same phone number" }),
    errorRows: z.number().int(),
    processedRows: z.number().int().openapi({ description: "Distinct contacts written so far" }),
    createdContacts: z.number().int(),
    updatedContacts: z.number().int().openapi({ description: "Existing contacts the file was merged into" }),
    progress: z.number().openapi({ description: "0–1" }),
    ignoredColumns: z.array(z.string()),
    error: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    completedAt: z.string().nullable(),
  })
  .openapi("ContactImport");

export const ImportErrorSchema = z
  .object({
    row: z.number().int().openapi({ description: "The row as a spreadsheet numbers it (the header is row 1)" }),
    column: z.string().nullable(),
    reason: z.string(),
  })
  .openapi("ContactImportError");

export const csvResponse = (description: string) => ({ description, content: { "text/csv": { schema: z.string() } } });
