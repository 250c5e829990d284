// Applying one slice of an import: merge into existing contacts (non-empty
// cells win, tags are added, custom values merged), insert the new ones, link
// tags, and count. The whole step is one D1 batch gated on a claim token, so
// a slice delivered twice (queues are at-least-once) is applied once.
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { contactImportSlices, contactImports } from "../../db/schema";
import type { Ctx } from "../../lib/context";
import { randomToken } from "../../lib/crypto";
import { newId } from "../../lib/ids";
import { jsonParam, runBatch, type Statement } from "../batch";
import { ensureTags, TAG_NAMES_OF_CONTACT } from "../tag-links";
import type { PreparedContact } from "./prepare";

/** What travels on the parley-imports queue: a pointer to a stored slice. */
export const importJobSchema = z.object({
  importId: z.string().regex(/^imp_[0-9A-Z]{26}$/),
  tenantId: z.string().min(1).max(64),
  seq: z.number().int().min(0),
});
export type ImportJob = z.infer<typeof importJobSchema>;

const preparedSchema = z.array(
  z.looseObject({
    row: z.number().int(),
    waId: z.string().regex(/^\d{8,15}$/),
    phone: z.string(),
    tags: z.array(z.string()).optional(),
    tagKeys: z.array(z.string()).optional(),
  }),
);

export type ApplyOutcome = "applied" | "skipped";

export async function applySlice(ctx: Ctx, job: ImportJob): Promise<ApplyOutcome> {
  const slice = await ctx.db
    .select()
    .from(contactImportSlices)
    .where(and(eq(contactImportSlices.importId, job.importId), eq(contactImportSlices.seq, job.seq), eq(contactImportSlices.tenantId, job.tenantId)))
    .get();
  if (!slice || slice.doneAt !== null || slice.data === null) return "skipped";

  const records = preparedSchema.parse(JSON.parse(slice.data)) as PreparedContact[];
  const now = ctx.now();
  const claim = randomToken(16);
  const t = job.tenantId;
  const withIds = records.map((r) => ({ ...r, id: newId("contact", now) }));
  const waIds = records.map((r) => r.waId);
  const tagged = records.filter((r) => r.tagKeys?.length).map((r) => ({ waId: r.waId, tagKeys: r.tagKeys }));
  const tagNames = new Map<string, string>();
  for (const r of records) r.tags?.forEach((name, i) => tagNames.set(r.tagKeys![i]!, name));

  const claimed = sql`EXISTS (SELECT 1 FROM contact_import_slices WHERE import_id = ${job.importId} AND seq = ${job.seq} AND claim = ${claim})`;
  const existing = sql`EXISTS (SELECT 1 FROM contacts c WHERE c.tenant_id = ${t} AND c.wa_id = j.value)`;
  const lastSlice = sql`${contactImports.slicesDone} + 1 >= ${contactImports.sliceCount}`;

  const statements: Statement[] = [
    ctx.db
      .update(contactImportSlices)
      .set({ claim, doneAt: now, data: null })
      .where(and(eq(contactImportSlices.importId, job.importId), eq(contactImportSlices.seq, job.seq), sql`${contactImportSlices.doneAt} IS NULL`))
      .returning({ seq: contactImportSlices.seq }),
    // Counted before the writes below, against the same transaction's state.
    ctx.db
      .update(contactImports)
      .set({
        createdCount: sql`${contactImports.createdCount} + (SELECT count(*) FROM json_each(${jsonParam(waIds)}) j WHERE NOT ${existing})`,
        updatedCount: sql`${contactImports.updatedCount} + (SELECT count(*) FROM json_each(${jsonParam(waIds)}) j WHERE ${existing})`,
        processedRows: sql`${contactImports.processedRows} + ${records.length}`,
        slicesDone: sql`${contactImports.slicesDone} + 1`,
        status: sql`CASE WHEN ${contactImports.status} = 'failed' THEN 'failed' WHEN ${lastSlice} THEN 'completed' ELSE 'processing' END`,
        completedAt: sql`CASE WHEN ${lastSlice} THEN ${now} ELSE ${contactImports.completedAt} END`,
        updatedAt: now,
      })
      .where(and(eq(contactImports.id, job.importId), eq(contactImports.tenantId, t), claimed)),
  ];
  if (tagNames.size) statements.push(ensureTags({ db: ctx.db, tenantId: t, now: () => now }, [...tagNames.values()]));
  statements.push(
    // One upsert: the unique (tenant_id, wa_id) index finds the existing contact for each row, so the
    // work grows with the slice, not with the tenant. A row without a stage carries '' (stage is NOT
    // NULL, so "not given" cannot be NULL); new contacts get the default right after, in this batch.
    sql`
      INSERT INTO contacts (id, tenant_id, wa_id, phone, name, email, tags, lead_score, stage, opted_out, opted_out_at, custom_fields, created_at, updated_at)
      SELECT json_extract(value, '$.id'), ${t}, json_extract(value, '$.waId'), json_extract(value, '$.phone'),
             json_extract(value, '$.name'), json_extract(value, '$.email'), '[]', 0,
             coalesce(json_extract(value, '$.stage'), ''), coalesce(json_extract(value, '$.optedOut'), 0),
             CASE WHEN json_extract(value, '$.optedOut') = 1 THEN ${now} END,
             coalesce(json_extract(value, '$.customFields'), '{}'), ${now}, ${now}
      FROM json_each(${jsonParam(withIds)}) WHERE ${claimed}
      ON CONFLICT (tenant_id, wa_id) DO UPDATE SET
        name = coalesce(excluded.name, contacts.name),
        email = coalesce(excluded.email, contacts.email),
        stage = CASE WHEN excluded.stage = '' THEN contacts.stage ELSE excluded.stage END,
        opted_out_at = CASE WHEN excluded.opted_out = 1 AND contacts.opted_out = 0 THEN excluded.opted_out_at ELSE contacts.opted_out_at END,
        opted_out = max(contacts.opted_out, excluded.opted_out),
        custom_fields = json_patch(contacts.custom_fields, excluded.custom_fields),
        updated_at = excluded.updated_at`,
    sql`UPDATE contacts SET stage = 'new' WHERE tenant_id = ${t} AND stage = '' AND ${claimed}`,
  );
  if (tagged.length) {
    statements.push(
      // CROSS JOIN fixes the loop order: slice rows outside, index lookups inside.
      sql`
        INSERT INTO contact_tags (tenant_id, tag_id, contact_id, created_at)
        SELECT ${t}, tg.id, c.id, ${now}
        FROM json_each(${jsonParam(tagged)}) j
        CROSS JOIN json_each(j.value, '$.tagKeys') k
        CROSS JOIN contacts c
        CROSS JOIN tags tg
        WHERE c.tenant_id = ${t} AND c.wa_id = json_extract(j.value, '$.waId') AND tg.tenant_id = ${t} AND tg.name_key = k.value AND ${claimed}
        ON CONFLICT DO NOTHING`,
      sql`
        UPDATE contacts SET tags = ${TAG_NAMES_OF_CONTACT}
        WHERE tenant_id = ${t} AND wa_id IN (SELECT value FROM json_each(${jsonParam(tagged.map((r) => r.waId))})) AND ${claimed}`,
    );
  }
  const [claimResult] = await runBatch(ctx, statements);
  return claimResult?.results.length === 1 ? "applied" : "skipped";
}

/** After the last delivery attempt failed: the import is marked failed, naming the rows that were not stored. */
export async function failSlice(ctx: Ctx, job: ImportJob, attempts: number): Promise<void> {
  const slice = await ctx.db
    .select({ data: contactImportSlices.data })
    .from(contactImportSlices)
    .where(and(eq(contactImportSlices.importId, job.importId), eq(contactImportSlices.seq, job.seq), eq(contactImportSlices.tenantId, job.tenantId)))
    .get();
  if (!slice?.data) return;
  let rows = "";
  try {
    const numbers = (JSON.parse(slice.data) as PreparedContact[]).map((r) => r.row);
    rows = numbers.length ? ` (rows ${Math.min(...numbers)}–${Math.max(...numbers)})` : "";
  } catch {
    rows = "";
  }
  const now = ctx.now();
  await runBatch(ctx, [
    ctx.db
      .update(contactImportSlices)
      .set({ data: null, doneAt: now })
      .where(and(eq(contactImportSlices.importId, job.importId), eq(contactImportSlices.seq, job.seq), sql`${contactImportSlices.doneAt} IS NULL`)),
    ctx.db
      .update(contactImports)
      .set({
        status: "failed",
        error: `Part ${job.seq + 1} of the file${rows} could not be stored after ${attempts} attempts; the other parts were imported. Import those rows again.`,
        updatedAt: now,
      })
      .where(and(eq(contactImports.id, job.importId), eq(contactImports.tenantId, job.tenantId))),
  ]);
}
