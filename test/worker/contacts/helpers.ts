// Contacts for tests: many rows straight into D1 (one json_each statement per
// few thousand rows, far under the 100-parameter cap), unique phone numbers,
// and walking a list through its cursors.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { newId } from "../../../worker/lib/ids";
import type { ApiResponse, Call } from "../helpers/api";

export interface SeedContact {
  id: string;
  phone: string;
  name: string | null;
  leadScore: number;
  lastMessageAt: number | null;
  stage: string;
  optedOut: boolean;
}

let phoneCounter = 0;
const phoneBase = 100_000 + (crypto.getRandomValues(new Uint32Array(1))[0]! % 800_000);

/** A phone number no other call in this test file returns: "+62 8xx…" in E.164. */
export function uniquePhone(): string {
  phoneCounter++;
  return `+628${String(phoneBase).padStart(6, "0")}${String(phoneCounter).padStart(5, "0")}`;
}

/** Insert contacts directly. `make(i)` chooses each row's sortable values. */
export async function seedContacts(tenantId: string, count: number, make: (i: number) => Partial<SeedContact> = () => ({})): Promise<SeedContact[]> {
  const rows: SeedContact[] = [];
  const start = Date.now() - count;
  for (let i = 0; i < count; i++) {
    rows.push({
      id: newId("contact", start + i),
      phone: uniquePhone(),
      name: `Seed ${i}`,
      leadScore: 0,
      lastMessageAt: null,
      stage: "new",
      optedOut: false,
      ...make(i),
    });
  }
  for (let i = 0; i < rows.length; i += 2500) {
    await insertContacts(tenantId, rows.slice(i, i + 2500));
  }
  return rows;
}

export async function insertContacts(tenantId: string, rows: SeedContact[]): Promise<void> {
  const now = Date.now();
  await env.DB.prepare(
    `INSERT INTO contacts (id, tenant_id, wa_id, phone, name, email, tags, lead_score, stage, opted_out, custom_fields, last_message_at, created_at, updated_at)
     SELECT json_extract(value, '$.id'), ?1, substr(json_extract(value, '$.phone'), 2), json_extract(value, '$.phone'), json_extract(value, '$.name'), NULL, '[]',
            json_extract(value, '$.leadScore'), json_extract(value, '$.stage'), json_extract(value, '$.optedOut'), '{}', json_extract(value, '$.lastMessageAt'), ?2, ?2
     FROM json_each(?3)`,
  )
    .bind(tenantId, now, JSON.stringify(rows))
    .run();
}

/** Walk a list from its first page to its last, calling `between` after each page. */
export async function walk(call: Call, path: string, between: (page: number) => Promise<void> = async () => {}): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  for (let page = 0; ; page++) {
    const sep = path.includes("?") ? "&" : "?";
    const res: ApiResponse = await call("GET", cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path);
    expect(res.status, res.text).toBe(200);
    items.push(...res.json.data);
    cursor = res.json.nextCursor;
    if (!cursor) return items;
    await between(page);
  }
}

export const csvBody = (lines: string[]) => lines.join("\r\n") + "\r\n";

export function postCsv(call: Call, csv: string, query = "") {
  return call("POST", `/api/contacts/imports${query}`, undefined, { rawBody: csv, headers: { "content-type": "text/csv" } });
}
