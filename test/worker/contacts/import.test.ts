// CSV import: the error report (row and reason), merging duplicates within the
// file and into existing contacts, file-level refusals, body limits, and a
// 50,000-row file through the parley-imports queue.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../../worker/index";
import { newId } from "../../../worker/lib/ids";
import { createTenant, type TenantOwner } from "../helpers/tenants";
import { eventually } from "../helpers/wait";
import { csvBody, postCsv, seedContacts } from "./helpers";

async function contactByPhone(owner: TenantOwner, phone: string) {
  const list = await owner.callWithKey("GET", `/api/contacts?q=${encodeURIComponent(phone)}`);
  expect(list.status).toBe(200);
  return list.json.data.find((c: { phone: string }) => c.phone === phone) ?? null;
}

describe("CSV import", () => {
  it("reports each bad row with its row number, column and reason; merges duplicates; writes only valid rows", async () => {
    const owner = await createTenant();
    await owner.callWithKey("POST", "/api/custom-fields", { key: "age", label: "Age", type: "number" });
    await owner.callWithKey("POST", "/api/custom-fields", { key: "plan", label: "Plan", type: "select", options: ["basic", "pro"] });
    const existing = await owner.callWithKey("POST", "/api/contacts", { phone: "+6281200000001", name: "Old Name", tags: ["existing"], optedOut: true });
    expect(existing.status).toBe(201);

    const csv = csvBody([
      "Phone,Name,Email,Tags,Stage,Opted out,Age,Plan,Notes", // row 1
      "+62 812-0000-0001,New Name,,vip;new,,no,40,pro,ignored", // 2: merged into the existing contact
      "0812 0000 0002,Local,,,,,,,", // 3: no country code
      ",Nobody,,,,,,,", // 4: no phone
      "+6281200000003,Ana,ana@example,,,,,,", // 5: email
      "+6281200000004,Bo,,,Won!,,,,", // 6: stage
      "+6281200000005,Cy,,,,maybe,,,", // 7: opted out
      "+6281200000006,Di,,,,,abc,,", // 8: number field
      "+6281200000007,Ed,,,,,,gold,", // 9: select field
      "", // 10: blank, skipped
      "+6281200000008,Fay,FAY@example.com,a,Lead,yes,1,basic,", // 11
      '"+62 812 0000 0008","Fay ""F"" Smith",,b,,,,,', // 12: same number as row 11
      '+6281200000009,"Multi\nline",,,,,,,,extra', // 13: one cell too many (the quoted newline stays in row 13)
      "+6281200000010,Gus,,,,,,,", // 14
    ]);
    const res = await postCsv(owner.callWithKey, csv, "?fileName=leads.csv");
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get("location")).toBe(`/api/contacts/imports/${res.json.id}`);
    expect(res.json).toMatchObject({
      status: "completed",
      fileName: "leads.csv",
      totalRows: 12,
      contactRows: 3,
      duplicateRows: 1,
      errorRows: 8,
      processedRows: 3,
      createdContacts: 2,
      updatedContacts: 1,
      progress: 1,
      ignoredColumns: ["Notes"],
      error: null,
    });

    const report = await owner.callWithKey("GET", `/api/contacts/imports/${res.json.id}/errors`);
    expect(report.status).toBe(200);
    expect(report.json.nextCursor).toBeNull();
    const errors = report.json.data as Array<{ row: number; column: string | null; reason: string }>;
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, "Phone"],
      [4, "Phone"],
      [5, "Email"],
      [6, "Stage"],
      [7, "Opted out"],
      [8, "Age"],
      [9, "Plan"],
      [13, null],
    ]);
    expect(errors[0]!.reason).toMatch(/country code/);
    expect(errors[1]!.reason).toMatch(/empty/);
    expect(errors[5]!.reason).toMatch(/age must be a number/);
    expect(errors[6]!.reason).toMatch(/basic, pro/);
    expect(errors[7]!.reason).toMatch(/cells/);
    // The report never repeats what the file held.
    expect(report.text).not.toMatch(/ana@example|Won!|gold|maybe/);

    const csvReport = await owner.callWithKey("GET", `/api/contacts/imports/${res.json.id}/errors?format=csv`);
    expect(csvReport.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = csvReport.text.trim().split("\r\n");
    expect(lines[0]).toBe("row,column,reason");
    expect(lines).toHaveLength(9);
    expect(lines[1]).toMatch(/^3,Phone,/);
    const viaAccept = await owner.callWithKey("GET", `/api/contacts/imports/${res.json.id}/errors`, undefined, { headers: { accept: "text/csv" } });
    expect(viaAccept.text).toBe(csvReport.text);

    const merged = await owner.callWithKey("GET", `/api/contacts/${existing.json.id}`);
    expect(merged.json).toMatchObject({ name: "New Name", tags: ["existing", "new", "vip"], optedOut: true, customFields: { age: 40, plan: "pro" } });
    const fay = await contactByPhone(owner, "+6281200000008");
    expect(fay).toMatchObject({ name: 'Fay "F" Smith', email: "fay@example.com", tags: ["a", "b"], stage: "lead", optedOut: true, customFields: { age: 1, plan: "basic" } });
    expect(await contactByPhone(owner, "+6281200000010")).toMatchObject({ name: "Gus", tags: [] });
    const total = await env.DB.prepare("SELECT count(*) AS n FROM contacts WHERE tenant_id = ?").bind(owner.tenant.id).first<{ n: number }>();
    expect(total!.n).toBe(3);
    const left = await env.DB.prepare("SELECT count(*) AS n FROM contact_import_slices WHERE import_id = ? AND data IS NOT NULL").bind(res.json.id).first<{ n: number }>();
    expect(left!.n).toBe(0);
  });

  it("turns national numbers into international ones with ?countryCode, and reads ; separated files", async () => {
    const owner = await createTenant();
    const res = await postCsv(owner.callWithKey, csvBody(["First name;Last name;Mobile", "Dewi;Lestari;0812 3456 7890", "Rudi;;+65 9123 4567"]), "?countryCode=62");
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ createdContacts: 2, errorRows: 0 });
    expect(await contactByPhone(owner, "+6281234567890")).toMatchObject({ name: "Dewi Lestari" });
    expect(await contactByPhone(owner, "+6591234567")).toMatchObject({ name: "Rudi" });
  });

  it("refuses files it cannot read with 400 naming the problem, and other media types with 415", async () => {
    const owner = await createTenant();
    const noPhone = await postCsv(owner.callWithKey, csvBody(["name,email", "A,a@example.com"]));
    expect(noPhone.status).toBe(400);
    expect(noPhone.json.errors).toEqual([expect.objectContaining({ path: "file", message: expect.stringMatching(/phone/) })]);
    const empty = await postCsv(owner.callWithKey, "");
    expect(empty.status).toBe(400);
    const open = await postCsv(owner.callWithKey, csvBody(["phone,name", '+6281234567890,"never closed', "+6281234567891,x"]));
    expect(open.status).toBe(400);
    expect(open.json.errors[0].message).toMatch(/row 2/);
    const twice = await postCsv(owner.callWithKey, csvBody(["phone,mobile", "+6281234567890,+6281234567891"]));
    expect(twice.status).toBe(400);
    const json = await owner.callWithKey("POST", "/api/contacts/imports", [{ phone: "+6281234567890" }]);
    expect(json.status).toBe(415);
    expect(json.headers.get("content-type")).toMatch(/problem\+json/);
    const badCode = await postCsv(owner.callWithKey, csvBody(["phone", "0812"]), "?countryCode=%2B62");
    expect(badCode.status).toBe(400);
    expect(badCode.json.errors).toEqual([expect.objectContaining({ path: "countryCode" })]);
    const count = await env.DB.prepare("SELECT count(*) AS n FROM contact_imports WHERE tenant_id = ?").bind(owner.tenant.id).first<{ n: number }>();
    expect(count!.n).toBe(0);
  });

  it("accepts up to 10 MiB on the import route only", async () => {
    const owner = await createTenant();
    const tooBig = "phone,name\n" + `+6281234567890,${"x".repeat(10 * 1024 * 1024)}\n`;
    const res = await postCsv(owner.callWithKey, tooBig);
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    // The rest of the API keeps its 1 MiB limit.
    const big = await owner.callWithKey("POST", "/api/contacts", { phone: "+6281234567890", name: "x".repeat(1024 * 1024) });
    expect(big.status).toBe(413);
  });

  it("processes 50,000 rows through the queue: progress, counts, duplicates, errors", { timeout: 180_000 }, async () => {
    const owner = await createTenant();
    const existing = await seedContacts(owner.tenant.id, 100);
    const lines = ["phone,name,tags"];
    const phoneOf = (i: number) => `+6285${String(i).padStart(8, "0")}`;
    for (let i = 0; i < 50_000; i++) {
      if (i % 1000 === 999) lines.push(`12,Bad ${i},batch`);
      else if (i % 500 === 250) lines.push(`${phoneOf(i - 1)},Dup ${i},batch;dup`);
      else if (i < 100) lines.push(`${existing[i]!.phone},Imported ${i},batch`);
      else lines.push(`${phoneOf(i)},Row ${i},${i % 3 === 0 ? "batch;three" : "batch"}`);
    }
    const body = csvBody(lines);
    expect(body.length).toBeGreaterThan(1024 * 1024);

    const res = await postCsv(owner.callWithKey, body, "?fileName=big.csv");
    expect(res.status, res.text).toBe(202);
    expect(res.json).toMatchObject({ totalRows: 50_000, contactRows: 49_850, duplicateRows: 100, errorRows: 50 });
    expect(["queued", "processing", "completed"]).toContain(res.json.status);

    const done = await eventually(
      async () => {
        const r = await owner.callWithKey("GET", `/api/contacts/imports/${res.json.id}`);
        expect(r.json.progress).toBeGreaterThanOrEqual(0);
        expect(r.json.status).toBe("completed");
        return r.json;
      },
      { timeoutMs: 150_000, what: "the 50,000-row import to complete" },
    );
    expect(done).toMatchObject({ processedRows: 49_850, createdContacts: 49_750, updatedContacts: 100, progress: 1, error: null });

    const total = await env.DB.prepare("SELECT count(*) AS n FROM contacts WHERE tenant_id = ?").bind(owner.tenant.id).first<{ n: number }>();
    expect(total!.n).toBe(49_850);
    const batchTag = (await owner.callWithKey("GET", "/api/tags?q=batch")).json.data[0];
    expect(batchTag.contactCount).toBe(49_850);
    const dup = (await owner.callWithKey("GET", "/api/tags?q=dup")).json.data[0];
    expect(dup.contactCount).toBe(100);
    expect((await owner.callWithKey("GET", `/api/contacts/${existing[5]!.id}`)).json.name).toBe("Imported 5");
    // Row 252 (i = 250) merged into row 251 (i = 249, a multiple of 3): the later name wins, tags add up.
    expect(await contactByPhone(owner, phoneOf(249))).toMatchObject({ name: "Dup 250", tags: ["batch", "dup", "three"] });

    const report = await owner.callWithKey("GET", `/api/contacts/imports/${res.json.id}/errors?limit=200`);
    expect(report.json.data.map((e: { row: number }) => e.row)).toEqual(Array.from({ length: 50 }, (_, k) => 1001 + k * 1000));
    const leftover = await env.DB.prepare("SELECT count(*) AS n FROM contact_import_slices WHERE import_id = ? AND (data IS NOT NULL OR done_at IS NULL)").bind(res.json.id).first<{ n: number }>();
    expect(leftover!.n).toBe(0);
  });
});

describe("the import queue consumer", () => {
  async function storedSlice(owner: TenantOwner, data: string, count: number) {
    const id = newId("contactImport");
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO contact_imports (id, tenant_id, status, total_rows, contact_rows, duplicate_rows, error_rows, slice_count, ignored_columns, created_at, updated_at)
         VALUES (?, ?, 'queued', ?, ?, 0, 0, 1, '[]', ?, ?)`,
      ).bind(id, owner.tenant.id, count, count, now, now),
      env.DB.prepare("INSERT INTO contact_import_slices (import_id, seq, tenant_id, row_count, data) VALUES (?, 0, ?, ?, ?)").bind(id, owner.tenant.id, count, data),
    ]);
    return { importId: id, tenantId: owner.tenant.id, seq: 0 };
  }

  async function deliver(messages: Array<{ body: unknown; attempts: number }>) {
    const batch = createMessageBatch(
      "parley-imports",
      messages.map((m, i) => ({ id: `m${i}-${crypto.randomUUID()}`, timestamp: new Date(), attempts: m.attempts, body: m.body })),
    );
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    return getQueueResult(batch, ctx);
  }

  it("applies a slice delivered twice exactly once", async () => {
    const owner = await createTenant();
    const rows = [1, 2, 3].map((n) => ({ row: n + 1, waId: `62811000000${n}`, phone: `+62811000000${n}`, name: `Twice ${n}`, tags: ["t"], tagKeys: ["t"] }));
    const job = await storedSlice(owner, JSON.stringify(rows), 3);
    const result = await deliver([
      { body: job, attempts: 1 },
      { body: job, attempts: 1 },
    ]);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toHaveLength(2);
    const imp = (await owner.callWithKey("GET", `/api/contacts/imports/${job.importId}`)).json;
    expect(imp).toMatchObject({ status: "completed", processedRows: 3, createdContacts: 3, updatedContacts: 0 });
    const total = await env.DB.prepare("SELECT count(*) AS n FROM contacts WHERE tenant_id = ?").bind(owner.tenant.id).first<{ n: number }>();
    expect(total!.n).toBe(3);
  });

  it("retries a failing slice, and on the last attempt marks the import failed and keeps a dead letter", async () => {
    const owner = await createTenant();
    const job = await storedSlice(owner, JSON.stringify([{ row: 2, waId: "not-a-number", phone: "x" }]), 1);
    const first = await deliver([{ body: job, attempts: 1 }]);
    expect(first.retryMessages).toHaveLength(1);
    expect((await owner.callWithKey("GET", `/api/contacts/imports/${job.importId}`)).json.status).toBe("queued");

    const last = await deliver([{ body: job, attempts: 6 }]);
    expect(last.retryMessages).toEqual([]);
    const imp = (await owner.callWithKey("GET", `/api/contacts/imports/${job.importId}`)).json;
    expect(imp.status).toBe("failed");
    expect(imp.error).toMatch(/rows 2–2/);
    const dead = await env.DB.prepare("SELECT count(*) AS n FROM dead_letters WHERE tenant_id = ? AND queue = 'parley-imports'").bind(owner.tenant.id).first<{ n: number }>();
    expect(dead!.n).toBe(1);
    const slice = await env.DB.prepare("SELECT data FROM contact_import_slices WHERE import_id = ?").bind(job.importId).first<{ data: string | null }>();
    expect(slice!.data).toBeNull();
  });

  it("dead-letters a malformed message instead of retrying it", async () => {
    const result = await deliver([{ body: { importId: "nope" }, attempts: 1 }]);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toHaveLength(1);
  });
});
