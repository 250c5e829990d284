import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AppError } from "../http/errors";
import { AUTHED, IdParam, createRouter, json, listOf, problems } from "../http/openapi";
import { pageQuery, toPage } from "../lib/pagination";
import { keysetCursorField } from "../contacts/cursor";
import { getImport, importErrorsCsv, listImportErrors, listImports, startImport } from "../contacts/import/store";
import { ContactImportSchema, ImportErrorSchema, csvResponse } from "./contact-schemas";

const admin = () => [authenticate, requireTenant("owner", "admin")];

// Browsers label .csv files inconsistently (Windows: application/vnd.ms-excel).
const CSV_TYPES = ["text/csv", "application/csv", "text/plain", "application/vnd.ms-excel"];

const importQuery = z.object({
  countryCode: z
    .string()
    .regex(/^[1-9]\d{0,2}$/, { message: "must be a calling code without '+', e.g. 62" })
    .optional()
    .openapi({ description: "Turns national numbers (0812…) into international ones with this calling code" }),
  fileName: z.string().trim().min(1).max(200).optional(),
});

const errorsQuery = z.object({
  limit: pageQuery.shape.limit,
  cursor: keysetCursorField(["error"]),
  format: z.enum(["json", "csv"]).optional().openapi({ description: "csv: the whole report as a file; also chosen by Accept: text/csv" }),
});

/** Mounted before the contact routes, so /contacts/imports is never read as a contact id. */
export const contactImportRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/contacts/imports",
      tags: ["Contacts"],
      summary: "Import contacts from a CSV file (up to 10 MiB, 100,000 rows)",
      description:
        "The body is the CSV text. The header names the columns: phone (required), name or first/last name, email, tags (separated by ; , or |), stage, optedOut, and custom field keys; other columns are ignored and listed. Phone numbers are normalized to E.164 and rows with the same number are merged, into each other and into existing contacts (non-empty cells win, tags are added; an import never clears an opt-out). Every bad row is reported with its row number and reason. A file that fits one slice (1,000 contacts) is applied at once (201); larger files are processed by a queue (202): follow progress at GET /api/contacts/imports/{id}.",
      middleware: admin(),
      request: {
        query: importQuery,
        body: { content: { "text/csv": { schema: z.string() } }, required: true },
      },
      responses: {
        201: json(ContactImportSchema, "Imported (small file)"),
        202: json(ContactImportSchema, "Accepted; processing in the background"),
        ...problems(...AUTHED, 413, 415, 503),
      },
    }),
    async (c) => {
      const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (!CSV_TYPES.includes(type)) throw new AppError("unsupported_media_type", "Send the file as the body with Content-Type: text/csv");
      const q = c.req.valid("query");
      const view = await startImport(c.get("tenantCtx"), await c.req.text(), q);
      c.header("location", `/api/contacts/imports/${view.id}`);
      return view.status === "completed" ? c.json(view, 201) : c.json(view, 202);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/contacts/imports",
      tags: ["Contacts"],
      summary: "Contact imports, newest first",
      middleware: admin(),
      request: { query: pageQuery },
      responses: { 200: json(listOf(ContactImportSchema), "Imports"), ...problems(...AUTHED) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(toPage(await listImports(c.get("tenantCtx"), q), q.limit), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/contacts/imports/{id}",
      tags: ["Contacts"],
      summary: "An import's status and progress",
      middleware: admin(),
      request: { params: IdParam },
      responses: { 200: json(ContactImportSchema, "The import"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await getImport(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/contacts/imports/{id}/errors",
      tags: ["Contacts"],
      summary: "An import's error report: one entry per problem, with the row number and the reason",
      middleware: admin(),
      request: { params: IdParam, query: errorsQuery },
      responses: {
        200: {
          description: "The report: a JSON page, or the whole report as CSV (row,column,reason)",
          content: { "application/json": { schema: listOf(ImportErrorSchema) }, ...csvResponse("").content },
        },
        ...problems(...AUTHED, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const q = c.req.valid("query");
      const wantsCsv = q.format === "csv" || (q.format === undefined && /\btext\/csv\b/.test(c.req.header("accept") ?? ""));
      if (wantsCsv) {
        const stream = await importErrorsCsv(c.get("tenantCtx"), id);
        return c.body(stream, 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${id}-errors.csv"` });
      }
      return c.json(await listImportErrors(c.get("tenantCtx"), id, q), 200);
    },
  );
