import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AUTHED, IdParam, createRouter, json, jsonBody, listOf, problems } from "../http/openapi";
import { bulkTag, bulkTagInput } from "../contacts/bulk-tag";
import { eraseContact } from "../contacts/erase";
import { exportContact, exportContactsCsv } from "../contacts/export";
import { contactFiltersQuery, contactListQuery, listContacts } from "../contacts/list";
import { createContact, createContactInput, getContact, updateContact, updateContactInput } from "../contacts/store";
import { contactView } from "../contacts/views";
import { contactTimeline, timelineQuery } from "../contacts/timeline";
import { ContactSchema, csvResponse } from "./contact-schemas";
import { contactImportRoutes } from "./contact-imports";
import { ConversationSchema, MessageSchema } from "./conversations";

const member = () => [authenticate, requireTenant()];
const admin = () => [authenticate, requireTenant("owner", "admin")];

const ContactExportSchema = z
  .object({
    exportedAt: z.string(),
    contact: ContactSchema,
    conversations: z.array(ConversationSchema),
    messages: z.array(MessageSchema),
    notes: z.array(z.object({ id: z.string(), conversationId: z.string(), text: z.string(), createdAt: z.string() })),
  })
  .openapi("ContactExport");

// Static paths (/contacts/imports…, /contacts/export.csv, /contacts/bulk-tag) are registered before /contacts/{id}.
const timelineBase = { id: z.string(), at: z.string().describe("ISO-8601 UTC"), conversationId: z.string().nullable() };
const TimelineItemSchema = z
  .discriminatedUnion("kind", [
    z.object({
      ...timelineBase,
      kind: z.literal("message"),
      direction: z.enum(["inbound", "outbound"]),
      author: z.enum(["customer", "bot", "agent", "campaign"]),
      type: z.string(),
      text: z.string().nullable().describe("The first 300 characters"),
      status: z.string(),
    }),
    z.object({ ...timelineBase, kind: z.literal("note"), text: z.string().describe("The first 300 characters"), authorUserId: z.string().nullable() }),
    z.object({ ...timelineBase, kind: z.literal("answer"), step: z.string(), label: z.string(), answer: z.string(), points: z.number() }),
    z.object({
      ...timelineBase,
      kind: z.literal("booking"),
      event: z.enum(["booked", "cancelled"]),
      bookingId: z.string(),
      start: z.string(),
      end: z.string(),
      source: z.enum(["bot", "agent"]),
    }),
  ])
  .openapi("TimelineItem");

export const contactRoutes = createRouter()
  .route("/", contactImportRoutes)
  .openapi(
    createRoute({
      method: "get",
      path: "/contacts/export.csv",
      tags: ["Contacts"],
      summary: "Contacts as a CSV file, streamed; takes the list's filters and sort",
      middleware: admin(),
      request: { query: contactFiltersQuery },
      responses: { 200: csvResponse("CSV with a header row; custom fields follow the built-in columns"), ...problems(...AUTHED) },
    }),
    async (c) => {
      const stream = await exportContactsCsv(c.get("tenantCtx"), c.req.valid("query"));
      const day = new Date().toISOString().slice(0, 10);
      return c.body(stream, 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="contacts-${day}.csv"` });
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/contacts/bulk-tag",
      tags: ["Contacts"],
      summary: "Add and remove tags on up to 1,000 contacts at once (all or none)",
      middleware: member(),
      request: jsonBody(bulkTagInput),
      responses: {
        200: json(z.object({ matched: z.number().int(), updated: z.number().int() }), "Done; `updated` counts contacts whose tags changed"),
        ...problems(...AUTHED, 404),
      },
    }),
    async (c) => c.json(await bulkTag(c.get("tenantCtx"), c.req.valid("json")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/contacts",
      tags: ["Contacts"],
      summary: "Contacts: search, filters and cursor pagination that is stable while contacts are added",
      description:
        "`q` matches a name or email (substring), or digits anywhere in the phone number. `sort`: created (newest first, the default), lastMessage (most recent first; contacts that never wrote come last), score (highest first). A cursor continues the sort it was issued for.",
      middleware: member(),
      request: { query: contactListQuery },
      responses: { 200: json(listOf(ContactSchema), "Contacts"), ...problems(...AUTHED) },
    }),
    async (c) => {
      const page = await listContacts(c.get("tenantCtx"), c.req.valid("query"));
      return c.json({ data: page.data.map(contactView), nextCursor: page.nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/contacts",
      tags: ["Contacts"],
      summary: "Create a contact; the phone number is normalized to E.164 and must not belong to another contact",
      middleware: member(),
      request: jsonBody(createContactInput),
      responses: { 201: json(ContactSchema, "Created"), ...problems(...AUTHED, 409) },
    }),
    async (c) => c.json(await createContact(c.get("tenantCtx"), c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/contacts/{id}",
      tags: ["Contacts"],
      summary: "One contact",
      middleware: member(),
      request: { params: IdParam },
      responses: { 200: json(ContactSchema, "The contact"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await getContact(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/contacts/{id}/timeline",
      tags: ["Contacts"],
      summary: "The contact's history, newest first: messages in every conversation, internal notes, qualification answers and bookings",
      middleware: member(),
      request: { params: IdParam, query: timelineQuery },
      responses: { 200: json(listOf(TimelineItemSchema), "Timeline"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await contactTimeline(c.get("tenantCtx"), c.req.valid("param").id, c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/contacts/{id}",
      tags: ["Contacts"],
      summary: "Update name, email, tags (replaces the set), stage, lead score, opt-out and custom fields (merged; null removes one)",
      middleware: member(),
      request: { params: IdParam, ...jsonBody(updateContactInput) },
      responses: { 200: json(ContactSchema, "Updated"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await updateContact(c.get("tenantCtx"), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/contacts/{id}",
      tags: ["Contacts"],
      summary: "Erase a contact (GDPR): all personal data and message content removed; counts kept",
      middleware: admin(),
      request: { params: IdParam },
      responses: { 204: { description: "Erased" }, ...problems(...AUTHED, 404) },
    }),
    async (c) => {
      await eraseContact(c.get("tenantCtx"), c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/contacts/{id}/export",
      tags: ["Contacts"],
      summary: "Everything held about one contact (data-subject access request): contact, conversations, messages, notes",
      middleware: member(),
      request: { params: IdParam },
      responses: { 200: json(ContactExportSchema, "The contact's data"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await exportContact(c.get("tenantCtx"), c.req.valid("param").id), 200),
  );
