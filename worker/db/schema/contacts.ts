// Contact data owned by worker/contacts/: tags (and which contacts carry
// them), typed custom field definitions, and CSV imports. The contacts table
// itself lives in messaging.ts next to conversations.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { tenants } from "./core";
import { contacts } from "./messaging";

export const tags = sqliteTable(
  "tags",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** lower(name): tag names are unique per tenant regardless of case. */
    nameKey: text("name_key").notNull(),
    color: text("color"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("tags_tenant_name_key").on(t.tenantId, t.nameKey), index("tags_tenant").on(t.tenantId, t.id)],
);

/**
 * Which contact carries which tag: the source of truth for tag filters.
 * contacts.tags (a JSON array of names) is the cache the API returns; every
 * write here recomputes it in the same batch.
 */
export const contactTags = sqliteTable(
  "contact_tags",
  {
    tenantId: text("tenant_id").notNull(),
    tagId: text("tag_id").notNull().references(() => tags.id, { onDelete: "cascade" }),
    contactId: text("contact_id").notNull().references(() => contacts.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.tagId, t.contactId] }), index("contact_tags_contact").on(t.contactId)],
);

export const CUSTOM_FIELD_TYPES = ["text", "number", "boolean", "date", "select"] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** A tenant's typed contact field; values live in contacts.custom_fields under `key`. */
export const customFields = sqliteTable(
  "custom_fields",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    label: text("label").notNull(),
    type: text("type", { enum: CUSTOM_FIELD_TYPES }).notNull(),
    /** The allowed values of a `select` field; null for other types. */
    options: text("options", { mode: "json" }).$type<string[]>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("custom_fields_tenant_key").on(t.tenantId, t.key), index("custom_fields_tenant").on(t.tenantId, t.id)],
);

export const IMPORT_STATUSES = ["queued", "processing", "completed", "failed"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const contactImports = sqliteTable(
  "contact_imports",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    status: text("status", { enum: IMPORT_STATUSES }).notNull(),
    fileName: text("file_name"),
    /** Data rows in the file (blank lines not counted). */
    totalRows: integer("total_rows").notNull(),
    /** Distinct contacts the valid rows describe, after merging duplicates within the file. */
    contactRows: integer("contact_rows").notNull(),
    /** Valid rows merged into an earlier row of the same file (same phone number). */
    duplicateRows: integer("duplicate_rows").notNull(),
    errorRows: integer("error_rows").notNull(),
    /** Distinct contacts written so far; equals contact_rows when completed. */
    processedRows: integer("processed_rows").notNull().default(0),
    createdCount: integer("created_count").notNull().default(0),
    /** Existing contacts the file was merged into. */
    updatedCount: integer("updated_count").notNull().default(0),
    sliceCount: integer("slice_count").notNull(),
    slicesDone: integer("slices_done").notNull().default(0),
    ignoredColumns: text("ignored_columns", { mode: "json" }).$type<string[]>().notNull(),
    error: text("error"),
    createdBy: text("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    completedAt: integer("completed_at"),
  },
  (t) => [index("contact_imports_tenant").on(t.tenantId, t.id)],
);

/**
 * An import's validated rows, in slices small enough for one D1 row and one
 * consumer step. `data` is cleared when the slice is applied; `claim` makes
 * applying it exactly-once under at-least-once queue delivery.
 */
export const contactImportSlices = sqliteTable(
  "contact_import_slices",
  {
    importId: text("import_id").notNull().references(() => contactImports.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    tenantId: text("tenant_id").notNull(),
    rowCount: integer("row_count").notNull(),
    data: text("data"),
    claim: text("claim"),
    doneAt: integer("done_at"),
  },
  (t) => [primaryKey({ columns: [t.importId, t.seq] }), index("contact_import_slices_tenant").on(t.tenantId, t.doneAt)],
);

/** One problem with one row of an import file; never the cell's value (no personal data). */
export const contactImportErrors = sqliteTable(
  "contact_import_errors",
  {
    importId: text("import_id").notNull().references(() => contactImports.id, { onDelete: "cascade" }),
    ord: integer("ord").notNull(),
    tenantId: text("tenant_id").notNull(),
    /** The row as a spreadsheet numbers it: the header is row 1. */
    row: integer("row").notNull(),
    column: text("column"),
    reason: text("reason").notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.ord] })],
);
