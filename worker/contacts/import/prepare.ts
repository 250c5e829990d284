// Reading an uploaded CSV into contacts: map the header to fields, validate
// every row (each problem becomes a row error naming the row and the column,
// never the cell's value), normalize phone numbers to E.164 and merge rows of
// the same number. Pure: no I/O, so it is tested directly.
import { fieldError } from "../../http/errors";
import { normalizeE164, waIdFromE164 } from "../../channels/phone";
import type { CustomFieldDef } from "../custom-fields";
import { checkCustomValue, parseBooleanText } from "../custom-fields";
import { parseCsv } from "../csv";
import { MAX_NAME, MAX_TAGS_PER_CONTACT, STAGE_MESSAGE, TAG_MESSAGE, isEmail, isStage, isTagName, tagKey } from "../fields";

export const MAX_IMPORT_ROWS = 100_000;
export const MAX_IMPORT_TAGS = 1000;

/** One contact to write, as stored in an import slice. */
export interface PreparedContact {
  /** The first row of the file that describes this contact. */
  row: number;
  waId: string;
  phone: string;
  name?: string;
  email?: string;
  stage?: string;
  /** Only ever true: an import never re-subscribes someone who opted out. */
  optedOut?: true;
  customFields?: Record<string, string | number | boolean>;
  tags?: string[];
  tagKeys?: string[];
}

export interface RowError {
  row: number;
  column: string | null;
  reason: string;
}

export interface PreparedImport {
  totalRows: number;
  duplicateRows: number;
  errorRows: number;
  contacts: PreparedContact[];
  errors: RowError[];
  ignoredColumns: string[];
}

type Role =
  | { kind: "phone" | "name" | "firstName" | "lastName" | "email" | "tags" | "stage" | "optedOut" }
  | { kind: "custom"; def: CustomFieldDef };

const ALIASES: Record<string, Exclude<Role["kind"], "custom">> = {};
const aliases: Array<[Exclude<Role["kind"], "custom">, string[]]> = [
  ["phone", ["phone", "phonenumber", "phoneno", "mobile", "mobilenumber", "mobilephone", "cell", "cellphone", "whatsapp", "whatsappnumber", "wanumber", "waid", "number", "msisdn", "tel", "telephone"]],
  ["name", ["name", "fullname", "contactname", "displayname"]],
  ["firstName", ["firstname", "givenname"]],
  ["lastName", ["lastname", "surname", "familyname"]],
  ["email", ["email", "emailaddress", "mail"]],
  ["tags", ["tags", "tag", "labels", "label"]],
  ["stage", ["stage", "lifecyclestage", "leadstage"]],
  ["optedOut", ["optedout", "optout", "unsubscribed"]],
];
for (const [kind, names] of aliases) for (const n of names) ALIASES[n] = kind;

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

function roleOf(header: string, defs: CustomFieldDef[]): Role | null {
  const h = header.trim();
  const builtin = ALIASES[squash(h)];
  if (builtin) return { kind: builtin };
  const bare = h.replace(/^(cf|custom|customfields?)[.:]/i, "");
  const def =
    defs.find((d) => d.key === bare) ?? defs.find((d) => squash(d.key) === squash(bare)) ?? defs.find((d) => squash(d.label) === squash(bare));
  return def ? { kind: "custom", def } : null;
}

/** Phone cell → E.164. With a country code, a national number ("0812…") gets it in place of the trunk 0. */
export function importPhone(raw: string, countryCode?: string): string | null {
  const direct = normalizeE164(raw);
  if (direct) return direct;
  if (!countryCode) return null;
  const compact = raw.trim().replace(/[\s\-().\/\u00a0]/g, "");
  return /^0[1-9]\d+$/.test(compact) ? normalizeE164(`+${countryCode}${compact.slice(1)}`) : null;
}

function splitTags(cell: string): string[] {
  return cell
    .split(/[;,|]/)
    .map((t) => t.trim())
    .filter(Boolean);
}

function merge(into: PreparedContact, from: PreparedContact) {
  if (from.name !== undefined) into.name = from.name;
  if (from.email !== undefined) into.email = from.email;
  if (from.stage !== undefined) into.stage = from.stage;
  if (from.optedOut) into.optedOut = true;
  if (from.customFields) into.customFields = { ...into.customFields, ...from.customFields };
  if (from.tags) {
    const keys = new Set(into.tagKeys ?? []);
    for (const t of from.tags) {
      const k = tagKey(t);
      if (keys.has(k)) continue;
      keys.add(k);
      (into.tags ??= []).push(t);
      (into.tagKeys ??= []).push(k);
    }
  }
}

export function prepareImport(text: string, defs: CustomFieldDef[], opts: { countryCode?: string } = {}): PreparedImport {
  const parsed = parseCsv(text);
  if (parsed.unterminatedAt !== null) {
    throw fieldError("file", `row ${parsed.unterminatedAt}: a quoted cell starting here is never closed, so the rest of the file cannot be read`);
  }
  const [header, ...rows] = parsed.records;
  if (!header || header.cells.length === 0) throw fieldError("file", "the first row must be a header naming the columns, e.g. phone,name,email,tags");

  const roles: Array<Role | null> = [];
  const ignoredColumns: string[] = [];
  const claimed = new Map<string, string>();
  header.cells.forEach((cell, i) => {
    const label = cell.trim() || `(column ${i + 1})`;
    const role = cell.trim() ? roleOf(cell, defs) : null;
    if (!role) {
      ignoredColumns.push(label);
      roles.push(null);
      return;
    }
    const id = role.kind === "custom" ? `custom:${role.def.key}` : role.kind;
    const other = claimed.get(id);
    if (other !== undefined) throw fieldError("file", `columns "${other}" and "${label}" both hold ${role.kind === "custom" ? `custom field ${role.def.key}` : role.kind}`);
    claimed.set(id, label);
    roles.push(role);
  });
  if (!claimed.has("phone")) {
    throw fieldError("file", `no phone column: name one of the header cells "phone" (found: ${header.cells.map((c) => c.trim()).join(", ")})`);
  }
  const nonBlank = rows.filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (nonBlank.length > MAX_IMPORT_ROWS) throw fieldError("file", `has ${nonBlank.length} rows; import at most ${MAX_IMPORT_ROWS} per file`);

  const labels = header.cells.map((c, i) => c.trim() || `(column ${i + 1})`);
  const byWaId = new Map<string, PreparedContact>();
  const errors: RowError[] = [];
  const tagKeysSeen = new Set<string>();
  let duplicateRows = 0;
  let errorRows = 0;

  for (const record of nonBlank) {
    const rowErrors: RowError[] = [];
    const fail = (i: number | null, reason: string) => rowErrors.push({ row: record.row, column: i === null ? null : labels[i]!, reason });
    const extra = record.cells.slice(header.cells.length).filter((c) => c.trim() !== "").length;
    if (extra > 0) fail(null, `has ${header.cells.length + extra} or more cells but the header has ${header.cells.length}`);

    const c: Partial<PreparedContact> & { row: number } = { row: record.row };
    let first: string | undefined;
    let last: string | undefined;
    roles.forEach((role, i) => {
      if (!role) return;
      const cell = (record.cells[i] ?? "").trim();
      if (role.kind === "phone") {
        if (!cell) return fail(i, "is empty: every row needs a phone number");
        const e164 = importPhone(cell, opts.countryCode);
        if (!e164) {
          return fail(i, opts.countryCode ? "is not a valid phone number" : "is not a phone number in international format (add the country code, e.g. +62…, or import with ?countryCode=)");
        }
        c.phone = e164;
        c.waId = waIdFromE164(e164);
        return;
      }
      if (!cell) return;
      switch (role.kind) {
        case "name":
          c.name = cell;
          break;
        case "firstName":
          first = cell;
          break;
        case "lastName":
          last = cell;
          break;
        case "email":
          if (isEmail(cell.toLowerCase())) c.email = cell.toLowerCase();
          else fail(i, "is not an email address");
          break;
        case "tags": {
          const names = splitTags(cell);
          const bad = names.findIndex((n) => !isTagName(n));
          if (bad !== -1) fail(i, `tag ${bad + 1}: ${TAG_MESSAGE}`);
          else if (names.length > MAX_TAGS_PER_CONTACT) fail(i, `has ${names.length} tags; at most ${MAX_TAGS_PER_CONTACT}`);
          else merge(c as PreparedContact, { tags: names } as PreparedContact);
          break;
        }
        case "stage":
          if (isStage(cell.toLowerCase())) c.stage = cell.toLowerCase();
          else fail(i, STAGE_MESSAGE);
          break;
        case "optedOut": {
          const b = parseBooleanText(cell);
          if (b === undefined) fail(i, "must be yes/no, true/false or 1/0");
          else if (b) c.optedOut = true;
          break;
        }
        case "custom": {
          const checked = checkCustomValue(role.def, cell, true);
          if (checked.ok) c.customFields = { ...c.customFields, [role.def.key]: checked.value };
          else fail(i, `${role.def.key} ${checked.message}`);
          break;
        }
      }
    });
    if (c.name === undefined && (first || last)) c.name = [first, last].filter(Boolean).join(" ");
    if (c.name !== undefined && c.name.length > MAX_NAME) fail(roles.findIndex((r) => r?.kind === "name" || r?.kind === "firstName"), `is longer than ${MAX_NAME} characters`);

    if (rowErrors.length) {
      errors.push(...rowErrors);
      errorRows++;
      continue;
    }
    const contact = c as PreparedContact;
    for (const k of contact.tagKeys ?? []) tagKeysSeen.add(k);
    const earlier = byWaId.get(contact.waId);
    if (earlier) {
      merge(earlier, contact);
      duplicateRows++;
    } else {
      byWaId.set(contact.waId, contact);
    }
  }
  if (tagKeysSeen.size > MAX_IMPORT_TAGS) throw fieldError("file", `uses ${tagKeysSeen.size} different tags; at most ${MAX_IMPORT_TAGS} per import`);

  return { totalRows: nonBlank.length, duplicateRows, errorRows, contacts: [...byWaId.values()], errors, ignoredColumns };
}

/** Contacts in slices of at most `maxRows` and about `maxBytes` of JSON: each fits one D1 row and one consumer step. */
export function sliceContacts(contacts: PreparedContact[], maxRows = 1000, maxBytes = 900_000): Array<{ data: string; count: number }> {
  const slices: Array<{ data: string; count: number }> = [];
  let parts: string[] = [];
  let bytes = 2;
  const flush = () => {
    if (parts.length) slices.push({ data: `[${parts.join(",")}]`, count: parts.length });
    parts = [];
    bytes = 2;
  };
  for (const c of contacts) {
    const json = JSON.stringify(c);
    if (parts.length && (parts.length >= maxRows || bytes + json.length + 1 > maxBytes)) flush();
    parts.push(json);
    bytes += json.length + 1;
  }
  flush();
  return slices;
}
