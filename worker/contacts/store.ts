// One contact: read, create (phone normalized to E.164, one contact per
// number), update (name, email, tags, stage, score, opt-out, typed custom
// fields). Each write and its audit row are one batch; events follow.
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { contacts } from "../db/schema";
import { AppError, notFound } from "../http/errors";
import type { TenantCtx } from "../lib/context";
import { attributeConversion, CONVERTED_STAGE } from "../campaigns/attribution";
import { newId } from "../lib/ids";
import { waIdFromE164 } from "../channels/phone";
import { auditStatement } from "../tenancy/audit";
import { buildEvent, emitEvents } from "../events/emit";
import { isUniqueViolation, runBatch, type Statement } from "./batch";
import { customFieldPatch, loadCustomFields } from "./custom-fields";
import { closedObject, emailField, leadScoreField, nameField, phoneField, stageField, tagListField } from "./fields";
import { replaceTagStatements } from "./tag-links";
import { canonicalTimeZone } from "./time-zone";
import { contactView, eventContact, type ContactRow, type ContactView } from "./views";

const customFieldsInput = z.record(z.string(), z.unknown());
const timeZoneField = z.string().max(64);

/** A time zone given for a contact, canonical; an unknown one is a 422 naming `timeZone`. */
function contactZone(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const zone = canonicalTimeZone(value);
  if (!zone) throw new AppError("unprocessable", `timeZone: "${value}" is not an IANA time zone`, { errors: [{ path: "timeZone", message: 'must be an IANA time zone name, e.g. "Asia/Jakarta"' }] });
  return zone;
}

export const createContactInput = closedObject({
  phone: phoneField,
  name: nameField.optional(),
  email: emailField.optional(),
  tags: tagListField.optional(),
  stage: stageField.optional(),
  leadScore: leadScoreField.optional(),
  optedOut: z.boolean().optional(),
  customFields: customFieldsInput.optional(),
  timeZone: timeZoneField.nullable().optional(),
});
export type CreateContactInput = z.infer<typeof createContactInput>;

export const updateContactInput = closedObject(
  {
    name: nameField.nullable().optional(),
    email: emailField.nullable().optional(),
    tags: tagListField.optional(),
    stage: stageField.optional(),
    leadScore: leadScoreField.optional(),
    optedOut: z.boolean().optional(),
    /** Merged into the contact's values; null removes one. */
    customFields: customFieldsInput.optional(),
    /** IANA zone for quiet hours; null: the one the number implies. */
    timeZone: timeZoneField.nullable().optional(),
  },
  "cannot be changed here (a contact's phone number is its identity: create a new contact instead)",
).refine((v) => Object.keys(v).length > 0, { message: "nothing to update" });
export type UpdateContactInput = z.infer<typeof updateContactInput>;

/** The live (not erased) contact row of this tenant. */
export async function findContactRow(ctx: TenantCtx, id: string): Promise<ContactRow | null> {
  return (
    (await ctx.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.id, id), eq(contacts.tenantId, ctx.tenantId), isNull(contacts.erasedAt)))
      .get()) ?? null
  );
}

export async function getContactRow(ctx: TenantCtx, id: string): Promise<ContactRow> {
  const row = await findContactRow(ctx, id);
  if (!row) throw notFound("Contact");
  return row;
}

export async function getContact(ctx: TenantCtx, id: string): Promise<ContactView> {
  return contactView(await getContactRow(ctx, id));
}

async function contactByWaId(ctx: TenantCtx, waId: string) {
  return ctx.db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.tenantId, ctx.tenantId), eq(contacts.waId, waId))).get();
}

const phoneTaken = (id: string) =>
  new AppError("conflict", `A contact with this phone number already exists: ${id}`, { errors: [{ path: "phone", message: `belongs to contact ${id}` }] });

export async function createContact(ctx: TenantCtx, input: CreateContactInput): Promise<ContactView> {
  const timeZone = contactZone(input.timeZone) ?? null;
  const waId = waIdFromE164(input.phone);
  const customFields = input.customFields ? customFieldPatch(await loadCustomFields(ctx), input.customFields) : {};
  const existing = await contactByWaId(ctx, waId);
  if (existing) throw phoneTaken(existing.id);

  const id = newId("contact");
  const now = ctx.now();
  const statements: Statement[] = [
    ctx.db.insert(contacts).values({
      id,
      tenantId: ctx.tenantId,
      waId,
      phone: input.phone,
      name: input.name ?? null,
      email: input.email ?? null,
      tags: [],
      leadScore: input.leadScore ?? 0,
      stage: input.stage ?? "new",
      optedOut: input.optedOut ?? false,
      optedOutAt: input.optedOut ? now : null,
      customFields: Object.fromEntries(Object.entries(customFields).filter(([, v]) => v !== null)),
      timeZone,
      createdAt: now,
      updatedAt: now,
    }),
    ...(input.tags?.length ? replaceTagStatements(ctx, id, input.tags) : []),
    auditStatement(ctx, { action: "contact.created", targetType: "contact", targetId: id }),
  ];
  try {
    await runBatch(ctx, statements);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Someone (a webhook, another request) created it between the check and the insert.
    const raced = await contactByWaId(ctx, waId);
    if (raced) throw phoneTaken(raced.id);
    throw err;
  }
  const view = await getContact(ctx, id);
  await emitEvents(ctx, [buildEvent(ctx, ctx.tenantId, "contact.created", { contact: eventContact(view) })]);
  return view;
}

export async function updateContact(ctx: TenantCtx, id: string, input: UpdateContactInput): Promise<ContactView> {
  const timeZone = contactZone(input.timeZone);
  const row = await getContactRow(ctx, id);
  const patch = input.customFields ? customFieldPatch(await loadCustomFields(ctx), input.customFields) : null;
  const now = ctx.now();
  const set: Partial<typeof contacts.$inferInsert> = { updatedAt: now };
  if (input.name !== undefined) set.name = input.name;
  if (input.email !== undefined) set.email = input.email;
  if (input.stage !== undefined) set.stage = input.stage;
  if (input.leadScore !== undefined) set.leadScore = input.leadScore;
  if (timeZone !== undefined) set.timeZone = timeZone;
  if (input.optedOut !== undefined && input.optedOut !== row.optedOut) {
    set.optedOut = input.optedOut;
    set.optedOutAt = input.optedOut ? now : null;
  }
  const where = and(eq(contacts.id, id), eq(contacts.tenantId, ctx.tenantId), isNull(contacts.erasedAt));
  await runBatch(ctx, [
    ctx.db
      .update(contacts)
      .set({ ...set, ...(patch ? { customFields: sql`json_patch(${contacts.customFields}, ${JSON.stringify(patch)})` } : {}) })
      .where(where),
    ...(input.tags ? replaceTagStatements(ctx, id, input.tags) : []),
    auditStatement(ctx, { action: "contact.updated", targetType: "contact", targetId: id, metadata: { fields: changedFields(input) } }),
  ]);
  const view = await getContact(ctx, id);
  if (input.stage === CONVERTED_STAGE && row.stage !== CONVERTED_STAGE) await attributeConversion(ctx, ctx.tenantId, id);
  await emitEvents(ctx, [buildEvent(ctx, ctx.tenantId, "contact.updated", { contact: eventContact(view), changes: changedFields(input) })]);
  return view;
}

/** Field names only, so audit rows never hold personal data. */
function changedFields(input: UpdateContactInput): string[] {
  return Object.keys(input).filter((k) => k !== "customFields").concat(input.customFields ? Object.keys(input.customFields).map((k) => `customFields.${k}`) : []);
}
