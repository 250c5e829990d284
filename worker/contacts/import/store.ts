// Starting an import and reading its progress and error report. The upload is
// validated and merged in the request (so the error report exists at once);
// the rows are stored in slices and applied by the parley-imports consumer,
// or right away when the file fits in one slice.
import { and, asc, desc, eq, gt, lt, sql } from "drizzle-orm";
import { contactImportErrors, contactImportSlices, contactImports } from "../../db/schema";
import { AppError, notFound } from "../../http/errors";
import type { TenantCtx } from "../../lib/context";
import { newId } from "../../lib/ids";
import { errorFields } from "../../lib/logger";
import { auditStatement } from "../../tenancy/audit";
import { iso } from "../../tenancy/serialize";
import { runBatch, type Statement } from "../batch";
import { loadCustomFields } from "../custom-fields";
import { csvLine } from "../csv";
import { encodeKeyset, type Keyset } from "../cursor";
import { applySlice, type ImportJob } from "./apply";
import { prepareImport, sliceContacts, type RowError } from "./prepare";

/** Bytes of bound data per D1 batch while storing an upload. */
const BATCH_BYTES = 3_000_000;
/** Bytes of JSON per error-insert statement. */
const ERROR_CHUNK_BYTES = 500_000;

type ImportRow = typeof contactImports.$inferSelect;

export function importView(r: ImportRow) {
  return {
    id: r.id,
    status: r.status,
    fileName: r.fileName,
    totalRows: r.totalRows,
    contactRows: r.contactRows,
    duplicateRows: r.duplicateRows,
    errorRows: r.errorRows,
    processedRows: r.processedRows,
    createdContacts: r.createdCount,
    updatedContacts: r.updatedCount,
    progress: r.contactRows === 0 ? 1 : Math.min(1, r.processedRows / r.contactRows),
    ignoredColumns: r.ignoredColumns,
    error: r.error,
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
    completedAt: iso(r.completedAt),
  };
}
export type ImportView = ReturnType<typeof importView>;

function errorStatements(ctx: TenantCtx, importId: string, errors: RowError[]): Array<{ statement: Statement; bytes: number }> {
  const out: Array<{ statement: Statement; bytes: number }> = [];
  let part: unknown[] = [];
  let bytes = 0;
  const flush = () => {
    if (!part.length) return;
    const json = JSON.stringify(part);
    out.push({
      bytes: json.length,
      statement: sql`
        INSERT INTO contact_import_errors (import_id, ord, tenant_id, "row", "column", reason)
        SELECT ${importId}, json_extract(value, '$[0]'), ${ctx.tenantId}, json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]')
        FROM json_each(${json})`,
    });
    part = [];
    bytes = 0;
  };
  errors.forEach((e, i) => {
    const item = [i, e.row, e.column, e.reason];
    bytes += JSON.stringify(item).length + 1;
    part.push(item);
    if (bytes >= ERROR_CHUNK_BYTES) flush();
  });
  flush();
  return out;
}

export async function startImport(ctx: TenantCtx, body: string, opts: { fileName?: string; countryCode?: string }): Promise<ImportView> {
  const prepared = prepareImport(body, await loadCustomFields(ctx), { countryCode: opts.countryCode });
  const slices = sliceContacts(prepared.contacts);
  const id = newId("contactImport");
  const now = ctx.now();
  const row: typeof contactImports.$inferInsert = {
    id,
    tenantId: ctx.tenantId,
    status: slices.length ? "queued" : "completed",
    fileName: opts.fileName ?? null,
    totalRows: prepared.totalRows,
    contactRows: prepared.contacts.length,
    duplicateRows: prepared.duplicateRows,
    errorRows: prepared.errorRows,
    sliceCount: slices.length,
    ignoredColumns: prepared.ignoredColumns,
    createdBy: ctx.actor.id,
    createdAt: now,
    updatedAt: now,
    completedAt: slices.length ? null : now,
  };

  // The import row and its audit row first, then as many slices and errors as
  // fit per batch. If any batch fails the import row is deleted, and with it
  // (ON DELETE CASCADE) everything stored so far: no partial upload remains.
  const items: Array<{ statement: Statement; bytes: number }> = [
    ...errorStatements(ctx, id, prepared.errors),
    ...slices.map((slice, seq) => ({
      bytes: slice.data.length,
      statement: ctx.db.insert(contactImportSlices).values({ importId: id, seq, tenantId: ctx.tenantId, rowCount: slice.count, data: slice.data }) as Statement,
    })),
  ];
  const batches: Statement[][] = [
    [
      ctx.db.insert(contactImports).values(row),
      auditStatement(ctx, {
        action: "contact_import.created",
        targetType: "contact_import",
        targetId: id,
        metadata: { totalRows: prepared.totalRows, contactRows: prepared.contacts.length, errorRows: prepared.errorRows },
      }),
    ],
  ];
  let size = 0;
  for (const item of items) {
    if (size + item.bytes > BATCH_BYTES && batches[batches.length - 1]!.length > 0) {
      batches.push([]);
      size = 0;
    }
    batches[batches.length - 1]!.push(item.statement);
    size += item.bytes;
  }
  try {
    for (const b of batches) await runBatch(ctx, b);
  } catch (err) {
    await ctx.db.delete(contactImports).where(eq(contactImports.id, id));
    throw err;
  }

  const jobs: ImportJob[] = slices.map((_, seq) => ({ importId: id, tenantId: ctx.tenantId, seq }));
  if (jobs.length === 1) {
    // Small file: apply it now. If that fails, the queue takes over with its retries.
    try {
      await applySlice(ctx, jobs[0]!);
      return getImport(ctx, id);
    } catch (err) {
      ctx.logger.warn("inline import failed; queued instead", { importId: id, ...errorFields(err) });
    }
  }
  try {
    for (let i = 0; i < jobs.length; i += 100) {
      await ctx.env.IMPORTS_QUEUE.sendBatch(jobs.slice(i, i + 100).map((body) => ({ body, contentType: "json" as const })));
    }
  } catch (err) {
    ctx.logger.error("could not queue an import", { importId: id, ...errorFields(err) });
    await ctx.db
      .update(contactImports)
      .set({ status: "failed", error: "The import could not be queued; upload the file again.", updatedAt: ctx.now() })
      .where(eq(contactImports.id, id));
    throw new AppError("unavailable", "The import could not be queued; try again in a moment");
  }
  return getImport(ctx, id);
}

async function getImportRow(ctx: TenantCtx, id: string): Promise<ImportRow> {
  const row = await ctx.db
    .select()
    .from(contactImports)
    .where(and(eq(contactImports.id, id), eq(contactImports.tenantId, ctx.tenantId)))
    .get();
  if (!row) throw notFound("Import");
  return row;
}

export async function getImport(ctx: TenantCtx, id: string): Promise<ImportView> {
  return importView(await getImportRow(ctx, id));
}

export async function listImports(ctx: TenantCtx, page: { limit: number; cursor: string | null }): Promise<ImportView[]> {
  const rows = await ctx.db
    .select()
    .from(contactImports)
    .where(and(eq(contactImports.tenantId, ctx.tenantId), page.cursor ? lt(contactImports.id, page.cursor) : undefined))
    .orderBy(desc(contactImports.id))
    .limit(page.limit + 1)
    .all();
  return rows.map(importView);
}

const errorView = (e: typeof contactImportErrors.$inferSelect) => ({ row: e.row, column: e.column, reason: e.reason });
export type ImportErrorView = ReturnType<typeof errorView>;

async function errorPage(ctx: TenantCtx, importId: string, afterOrd: number, limit: number) {
  return ctx.db
    .select()
    .from(contactImportErrors)
    .where(and(eq(contactImportErrors.importId, importId), eq(contactImportErrors.tenantId, ctx.tenantId), gt(contactImportErrors.ord, afterOrd)))
    .orderBy(asc(contactImportErrors.ord))
    .limit(limit)
    .all();
}

/** The error report as a JSON page, in file order. */
export async function listImportErrors(ctx: TenantCtx, importId: string, page: { limit: number; cursor: Keyset | null }) {
  await getImportRow(ctx, importId);
  const after = page.cursor && page.cursor.id === importId ? Number(page.cursor.value) : -1;
  const rows = await errorPage(ctx, importId, after, page.limit + 1);
  const data = rows.slice(0, page.limit);
  const last = data[data.length - 1];
  return {
    data: data.map(errorView),
    nextCursor: rows.length > page.limit && last ? encodeKeyset({ kind: "error", value: last.ord, id: importId }) : null,
  };
}

/** The whole error report as CSV (row, column, reason), streamed. */
export async function importErrorsCsv(ctx: TenantCtx, importId: string): Promise<ReadableStream<Uint8Array>> {
  await getImportRow(ctx, importId);
  const encoder = new TextEncoder();
  let after: number | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (after === null) {
          after = -1;
          controller.enqueue(encoder.encode(csvLine(["row", "column", "reason"])));
          return;
        }
        const rows = await errorPage(ctx, importId, after, 1000);
        if (rows.length) controller.enqueue(encoder.encode(rows.map((e) => csvLine([e.row, e.column, e.reason])).join("")));
        if (rows.length < 1000) controller.close();
        else after = rows[rows.length - 1]!.ord;
      } catch (err) {
        controller.error(err);
      }
    },
  });
}
