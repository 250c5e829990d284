// Typed custom fields defined per tenant. Definitions: list, create, update
// (label, options, and a key rename that moves every contact's value), delete
// (the value leaves every contact). Values: validated against the definitions,
// from JSON (the API) or from text (CSV cells).
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { CUSTOM_FIELD_TYPES, customFields, type CustomFieldType } from "../db/schema";
import { AppError, badRequest, conflict, fieldError, notFound, type FieldError } from "../http/errors";
import type { TenantCtx } from "../lib/context";
import { newId } from "../lib/ids";
import { auditStatement } from "../tenancy/audit";
import { iso } from "../tenancy/serialize";
import { isUniqueViolation, runBatch } from "./batch";
import { closedObject } from "./fields";

export const MAX_CUSTOM_FIELDS = 100;
export const MAX_TEXT_VALUE = 1000;

// Columns the import and export already use; a custom field by these keys would be shadowed.
const RESERVED_KEYS = new Set(["id", "phone", "wa_id", "name", "first_name", "last_name", "email", "tags", "stage", "opted_out", "lead_score", "created_at", "updated_at", "last_message_at"]);

const keyField = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { message: "must be 1–40 characters: lowercase letters, digits and '_', starting with a letter" })
  .refine((k) => !RESERVED_KEYS.has(k), { message: "is reserved for a built-in contact field" });
const labelField = z.string().trim().min(1, { message: "must not be empty" }).max(80);
const optionsField = z
  .array(z.string().trim().min(1).max(100))
  .min(1, { message: "a select field needs at least one option" })
  .max(100)
  .refine((o) => new Set(o).size === o.length, { message: "must not repeat an option" });

export const createCustomFieldInput = closedObject({
  key: keyField,
  label: labelField,
  type: z.enum(CUSTOM_FIELD_TYPES),
  options: optionsField.optional(),
}).superRefine((v, ctx) => {
  if (v.type === "select" && !v.options) ctx.addIssue({ code: "custom", path: ["options"], message: "is required for a select field" });
  if (v.type !== "select" && v.options) ctx.addIssue({ code: "custom", path: ["options"], message: "only select fields have options" });
});

export const updateCustomFieldInput = closedObject(
  { key: keyField.optional(), label: labelField.optional(), options: optionsField.optional() },
  "cannot be changed (a field's type is fixed: create a new field instead)",
).refine((v) => Object.keys(v).length > 0, { message: "nothing to update: send key, label or options" });

export type CustomFieldDef = typeof customFields.$inferSelect;

function fieldView(r: CustomFieldDef) {
  return { id: r.id, key: r.key, label: r.label, type: r.type, options: r.options ?? null, createdAt: iso(r.createdAt)!, updatedAt: iso(r.updatedAt)! };
}
export type CustomFieldView = ReturnType<typeof fieldView>;

// ---- values -----------------------------------------------------------------

const TYPE_MESSAGES: Record<CustomFieldType, string> = {
  text: `must be text of at most ${MAX_TEXT_VALUE} characters`,
  number: "must be a number",
  boolean: "must be true or false",
  date: "must be a date as YYYY-MM-DD",
  select: "must be one of the field's options",
};

const TRUE_WORDS = new Set(["true", "yes", "y", "1"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0"]);

/** "yes"/"no", "true"/"false", "1"/"0" → boolean; anything else → undefined. */
export function parseBooleanText(s: string): boolean | undefined {
  const w = s.trim().toLowerCase();
  if (TRUE_WORDS.has(w)) return true;
  if (FALSE_WORDS.has(w)) return false;
  return undefined;
}

function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

export type CheckedValue = { ok: true; value: string | number | boolean } | { ok: false; message: string };

/** One value for one field. `fromText`: the value is a CSV cell, so numbers, booleans and options are read from text. */
export function checkCustomValue(def: Pick<CustomFieldDef, "type" | "options">, raw: unknown, fromText = false): CheckedValue {
  const fail = { ok: false as const, message: TYPE_MESSAGES[def.type] };
  switch (def.type) {
    case "text": {
      if (typeof raw !== "string") return fail;
      const s = raw.trim();
      return s.length <= MAX_TEXT_VALUE ? { ok: true, value: s } : fail;
    }
    case "number": {
      if (typeof raw === "number" && !fromText) return Number.isFinite(raw) ? { ok: true, value: raw } : fail;
      if (fromText && typeof raw === "string" && /^-?\d+(\.\d+)?$/.test(raw.trim())) return { ok: true, value: Number(raw.trim()) };
      return fail;
    }
    case "boolean": {
      if (typeof raw === "boolean" && !fromText) return { ok: true, value: raw };
      const b = fromText && typeof raw === "string" ? parseBooleanText(raw) : undefined;
      return b === undefined ? fail : { ok: true, value: b };
    }
    case "date":
      return typeof raw === "string" && isDate(raw.trim()) ? { ok: true, value: raw.trim() } : fail;
    case "select": {
      if (typeof raw !== "string") return fail;
      const options = def.options ?? [];
      const s = raw.trim();
      const match = fromText ? options.find((o) => o.toLowerCase() === s.toLowerCase()) : options.find((o) => o === s);
      return match === undefined ? { ok: false, message: `must be one of: ${options.join(", ")}` } : { ok: true, value: match };
    }
  }
}

/**
 * Check an API `customFields` object against the definitions. Returns a JSON
 * merge patch (null removes a value); throws 400 naming every bad field.
 */
export function customFieldPatch(defs: CustomFieldDef[], input: Record<string, unknown>, path = "customFields"): Record<string, unknown> {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const patch: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [key, raw] of Object.entries(input)) {
    const def = byKey.get(key);
    if (!def) {
      errors.push({ path: `${path}.${key}`, message: "is not a custom field of this workspace; define it with POST /api/custom-fields first" });
      continue;
    }
    if (raw === null) {
      patch[key] = null;
      continue;
    }
    const checked = checkCustomValue(def, raw);
    if (checked.ok) patch[key] = checked.value;
    else errors.push({ path: `${path}.${key}`, message: checked.message });
  }
  if (errors.length) throw badRequest(errors.map((e) => `${e.path}: ${e.message}`).join("; "), errors);
  return patch;
}

// ---- definitions -------------------------------------------------------------

export async function loadCustomFields(ctx: TenantCtx): Promise<CustomFieldDef[]> {
  return ctx.db.select().from(customFields).where(eq(customFields.tenantId, ctx.tenantId)).all();
}

export async function listCustomFields(ctx: TenantCtx, page: { limit: number; cursor: string | null }) {
  const rows = await ctx.db
    .select()
    .from(customFields)
    .where(and(eq(customFields.tenantId, ctx.tenantId), page.cursor ? lt(customFields.id, page.cursor) : undefined))
    .orderBy(desc(customFields.id))
    .limit(page.limit + 1)
    .all();
  return rows.map(fieldView);
}

async function getRow(ctx: TenantCtx, id: string): Promise<CustomFieldDef> {
  const row = await ctx.db.select().from(customFields).where(and(eq(customFields.id, id), eq(customFields.tenantId, ctx.tenantId))).get();
  if (!row) throw notFound("Custom field");
  return row;
}

export async function getCustomField(ctx: TenantCtx, id: string): Promise<CustomFieldView> {
  return fieldView(await getRow(ctx, id));
}

async function keyOwner(ctx: TenantCtx, key: string) {
  return ctx.db.select({ id: customFields.id }).from(customFields).where(and(eq(customFields.tenantId, ctx.tenantId), eq(customFields.key, key))).get();
}

const keyTaken = (id: string) => new AppError("conflict", `A custom field with this key already exists: ${id}`, { errors: [{ path: "key", message: `is already used by ${id}` }] });

export async function createCustomField(ctx: TenantCtx, input: z.infer<typeof createCustomFieldInput>): Promise<CustomFieldView> {
  const existing = await keyOwner(ctx, input.key);
  if (existing) throw keyTaken(existing.id);
  const { n } = (await ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(customFields)
    .where(eq(customFields.tenantId, ctx.tenantId))
    .get())!;
  if (n >= MAX_CUSTOM_FIELDS) throw conflict(`A workspace can define at most ${MAX_CUSTOM_FIELDS} custom fields`);
  const id = newId("customField");
  const now = ctx.now();
  try {
    await runBatch(ctx, [
      ctx.db.insert(customFields).values({
        id,
        tenantId: ctx.tenantId,
        key: input.key,
        label: input.label,
        type: input.type,
        options: input.options ?? null,
        createdAt: now,
        updatedAt: now,
      }),
      auditStatement(ctx, { action: "custom_field.created", targetType: "custom_field", targetId: id, metadata: { key: input.key, type: input.type } }),
    ]);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw keyTaken((await keyOwner(ctx, input.key))?.id ?? "unknown");
  }
  return getCustomField(ctx, id);
}

const path = (key: string) => `$.${key}`;

/** Label, options (select fields) and key. A key rename moves the value on every contact in the same batch. */
export async function updateCustomField(ctx: TenantCtx, id: string, input: z.infer<typeof updateCustomFieldInput>): Promise<CustomFieldView> {
  const row = await getRow(ctx, id);
  if (input.options && row.type !== "select") throw fieldError("options", "only select fields have options");
  const key = input.key ?? row.key;
  if (key !== row.key) {
    const other = await keyOwner(ctx, key);
    if (other) throw keyTaken(other.id);
  }
  if (input.options) {
    // Refuse to drop an option that contacts still hold: their values would stop validating.
    const dropped = (row.options ?? []).filter((o) => !input.options!.includes(o));
    if (dropped.length) {
      const { n } = (await ctx.db.get<{ n: number }>(sql`
        SELECT count(*) AS n FROM contacts
        WHERE tenant_id = ${ctx.tenantId} AND json_extract(custom_fields, ${path(row.key)}) IN (SELECT value FROM json_each(${JSON.stringify(dropped)}))`))!;
      if (n > 0) {
        throw new AppError("conflict", `${n} contact(s) hold a removed option (${dropped.join(", ")}); change their value first`, {
          errors: [{ path: "options", message: `removes option(s) still in use by ${n} contact(s)` }],
        });
      }
    }
  }
  const now = ctx.now();
  try {
    await runBatch(ctx, [
      ctx.db
        .update(customFields)
        .set({ key, label: input.label ?? row.label, options: input.options ?? row.options, updatedAt: now })
        .where(and(eq(customFields.id, id), eq(customFields.tenantId, ctx.tenantId))),
      ...(key !== row.key
        ? [
            sql`UPDATE contacts
              SET custom_fields = json_remove(json_set(custom_fields, ${path(key)}, json(custom_fields -> ${path(row.key)})), ${path(row.key)}),
                  updated_at = ${now}
              WHERE tenant_id = ${ctx.tenantId} AND json_type(custom_fields, ${path(row.key)}) IS NOT NULL`,
          ]
        : []),
      auditStatement(ctx, {
        action: "custom_field.updated",
        targetType: "custom_field",
        targetId: id,
        metadata: { fields: Object.keys(input), ...(key !== row.key ? { from: row.key, to: key } : {}) },
      }),
    ]);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw keyTaken((await keyOwner(ctx, key))?.id ?? "unknown");
  }
  return getCustomField(ctx, id);
}

/** Delete the definition and its value on every contact. */
export async function deleteCustomField(ctx: TenantCtx, id: string): Promise<void> {
  const row = await getRow(ctx, id);
  const now = ctx.now();
  await runBatch(ctx, [
    sql`UPDATE contacts SET custom_fields = json_remove(custom_fields, ${path(row.key)}), updated_at = ${now}
      WHERE tenant_id = ${ctx.tenantId} AND json_type(custom_fields, ${path(row.key)}) IS NOT NULL`,
    ctx.db.delete(customFields).where(and(eq(customFields.id, id), eq(customFields.tenantId, ctx.tenantId))),
    auditStatement(ctx, { action: "custom_field.deleted", targetType: "custom_field", targetId: id, metadata: { key: row.key } }),
  ]);
}
