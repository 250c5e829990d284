import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, requireTenant } from "../http/auth";
import { AppError } from "../http/errors";
import { AUTHED, IdParam, createRouter, json, jsonBody, listOf, problems } from "../http/openapi";
import { pageQuery, toPage } from "../lib/pagination";
import { creditSummary, listLedger } from "../ai/credits";
import { createKnowledge, deleteKnowledge, getKnowledge, knowledgeInput, knowledgeUpdate, listKnowledge, parseImport, updateKnowledge } from "../ai/knowledge";
import { MAX_IMPORT_ENTRIES } from "../ai/knowledge-import";
import { botSettingsPatch, botSettingsSchema, loadBotSettings, updateBotSettings } from "../ai/settings";

const KnowledgeSchema = z
  .object({ id: z.string(), title: z.string(), content: z.string(), tags: z.array(z.string()), createdAt: z.string(), updatedAt: z.string() })
  .openapi("KnowledgeEntry");
const SettingsSchema = botSettingsSchema
  .extend({
    creditCostPerAnswer: z.number().describe("Set by the plan: the credits one answer costs"),
    allowedModels: z.object({ "workers-ai": z.array(z.string()), openai: z.array(z.string()) }).describe("The models the plan allows per provider, the installation's default first"),
  })
  .openapi("BotSettings");
const CreditsSchema = z
  .object({
    balance: z.number().int(),
    monthlyCredits: z.number().int(),
    plan: z.string(),
    periodStart: z.string(),
    periodEndsAt: z.string(),
    burnPerDay: z.number(),
    projectedExhaustionAt: z.string().nullable(),
  })
  .openapi("Credits");
const LedgerSchema = z
  .object({
    id: z.string(),
    delta: z.number().int(),
    reason: z.enum(["monthly_grant", "answer", "refund", "adjustment"]),
    reference: z.string().nullable(),
    balanceAfter: z.number().int(),
    metadata: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.string(),
  })
  .openapi("CreditLedgerEntry");

const member = () => [authenticate, requireTenant()];
const editor = () => [authenticate, requireTenant("owner", "admin")];

export const assistantRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/knowledge",
      tags: ["Knowledge"],
      summary: "Add a knowledge entry the assistant answers from",
      middleware: editor(),
      request: jsonBody(knowledgeInput),
      responses: { 201: json(KnowledgeSchema, "Created and indexed"), ...problems(...AUTHED) },
    }),
    async (c) => c.json(await createKnowledge(c.get("tenantCtx"), c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/knowledge",
      tags: ["Knowledge"],
      summary: "Knowledge entries, newest first; `q` searches them the way the assistant does",
      middleware: member(),
      request: { query: pageQuery.extend({ q: z.string().trim().max(500).optional() }) },
      responses: { 200: json(listOf(KnowledgeSchema), "Entries"), ...problems(...AUTHED) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const rows = await listKnowledge(c.get("tenantCtx"), q);
      return c.json(q.q ? { data: rows, nextCursor: null } : toPage(rows, q.limit), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/knowledge/import",
      tags: ["Knowledge"],
      summary: "Bulk import: Markdown (one entry per heading) or CSV with question/answer columns",
      middleware: editor(),
      request: jsonBody(z.object({ format: z.enum(["markdown", "csv"]), content: z.string().min(1).max(900_000) })),
      responses: { 201: json(z.object({ imported: z.number().int(), data: z.array(KnowledgeSchema) }), "Imported"), ...problems(...AUTHED) },
    }),
    async (c) => {
      const { format, content } = c.req.valid("json");
      const entries = parseImport(format, content);
      if (!entries.length) {
        throw new AppError("validation_failed", "content: no entries found", {
          errors: [{ path: "content", message: format === "markdown" ? "needs at least one '# Heading' followed by text" : "needs a header row with question,answer (or title,content) and at least one row" }],
        });
      }
      if (entries.length > MAX_IMPORT_ENTRIES) throw new AppError("validation_failed", `content: at most ${MAX_IMPORT_ENTRIES} entries per import`, { errors: [{ path: "content", message: `has ${entries.length} entries; split it into files of at most ${MAX_IMPORT_ENTRIES}` }] });
      const bad = entries.findIndex((e) => !knowledgeInput.safeParse(e).success);
      if (bad >= 0) throw new AppError("validation_failed", `content: entry ${bad + 1} is too long`, { errors: [{ path: `content[${bad}]`, message: "title must be at most 200 and content at most 20,000 characters" }] });
      const t = c.get("tenantCtx");
      const data = [];
      for (const e of entries) data.push(await createKnowledge(t, e));
      return c.json({ imported: data.length, data }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/knowledge/{id}",
      tags: ["Knowledge"],
      summary: "One knowledge entry",
      middleware: member(),
      request: { params: IdParam },
      responses: { 200: json(KnowledgeSchema, "The entry"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await getKnowledge(c.get("tenantCtx"), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/knowledge/{id}",
      tags: ["Knowledge"],
      summary: "Edit a knowledge entry (re-indexed at once)",
      middleware: editor(),
      request: { params: IdParam, ...jsonBody(knowledgeUpdate) },
      responses: { 200: json(KnowledgeSchema, "Updated"), ...problems(...AUTHED, 404) },
    }),
    async (c) => c.json(await updateKnowledge(c.get("tenantCtx"), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/knowledge/{id}",
      tags: ["Knowledge"],
      summary: "Delete a knowledge entry",
      middleware: editor(),
      request: { params: IdParam },
      responses: { 204: { description: "Deleted" }, ...problems(...AUTHED, 404) },
    }),
    async (c) => {
      await deleteKnowledge(c.get("tenantCtx"), c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/bot-settings",
      tags: ["Assistant"],
      summary: "The assistant's settings (defaults filled in)",
      middleware: member(),
      responses: { 200: json(SettingsSchema, "Settings"), ...problems(...AUTHED) },
    }),
    async (c) => c.json(await loadBotSettings(c.get("tenantCtx"), c.get("tenantCtx").tenantId), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/bot-settings",
      tags: ["Assistant"],
      summary: "Change any of the assistant's settings; nested objects merge",
      middleware: editor(),
      request: jsonBody(botSettingsPatch),
      responses: { 200: json(SettingsSchema, "Saved"), ...problems(...AUTHED) },
    }),
    async (c) => c.json(await updateBotSettings(c.get("tenantCtx"), c.req.valid("json")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/credits",
      tags: ["Credits"],
      summary: "Balance, plan and projected exhaustion date from the last 7 days' burn",
      middleware: member(),
      responses: { 200: json(CreditsSchema, "Credits"), ...problems(...AUTHED) },
    }),
    async (c) => c.json(await creditSummary(c.get("tenantCtx")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/credits/ledger",
      tags: ["Credits"],
      summary: "Every credit movement, newest first",
      middleware: member(),
      request: { query: pageQuery },
      responses: { 200: json(listOf(LedgerSchema), "Ledger"), ...problems(...AUTHED) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(toPage(await listLedger(c.get("tenantCtx"), q), q.limit), 200);
    },
  );
