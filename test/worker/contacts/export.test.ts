// The CSV export: streamed in pages, filtered like the list, and readable by
// the import (a round trip between two tenants).
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../worker/contacts/csv";
import { createTenant } from "../helpers/tenants";
import { postCsv, seedContacts, uniquePhone, walk } from "./helpers";

describe("CSV export", () => {
  it("streams every contact, with custom field columns, across many pages", async () => {
    const owner = await createTenant();
    await owner.callWithKey("POST", "/api/custom-fields", { key: "city", label: "City", type: "text" });
    await seedContacts(owner.tenant.id, 1_234);
    const special = await owner.callWithKey("POST", "/api/contacts", {
      phone: uniquePhone(),
      name: 'Rina "The Boss", Jr.',
      email: "rina@example.com",
      tags: ["vip", "jakarta"],
      customFields: { city: "=cmd" },
    });
    expect(special.status).toBe(201);

    const res = await owner.callWithKey("GET", "/api/contacts/export.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"/);
    const records = parseCsv(res.text).records.filter((r) => r.cells.length);
    expect(records[0]!.cells).toEqual(["id", "phone", "name", "email", "tags", "stage", "leadScore", "optedOut", "lastMessageAt", "createdAt", "city"]);
    expect(records).toHaveLength(1 + 1_235);
    const ids = records.slice(1).map((r) => r.cells[0]);
    expect(new Set(ids).size).toBe(1_235);
    const rina = records.find((r) => r.cells[0] === special.json.id)!;
    expect(rina.cells.slice(1, 5)).toEqual([special.json.phone, 'Rina "The Boss", Jr.', "rina@example.com", "jakarta; vip"]);
    expect(rina.cells[10]).toBe("'=cmd");
  });

  it("applies the list's filters and sort", async () => {
    const owner = await createTenant();
    await seedContacts(owner.tenant.id, 20, (i) => ({ leadScore: i * 5 }));
    const res = await owner.callWithKey("GET", "/api/contacts/export.csv?minScore=50&sort=score");
    const rows = parseCsv(res.text).records.filter((r) => r.cells.length).slice(1);
    expect(rows.map((r) => Number(r.cells[6]))).toEqual([95, 90, 85, 80, 75, 70, 65, 60, 55, 50]);
  });

  it("round-trips through the import into another tenant", async () => {
    const a = await createTenant();
    const b = await createTenant();
    for (const body of [
      { key: "city", label: "City", type: "text" },
      { key: "plan", label: "Plan", type: "select", options: ["basic", "pro"] },
    ]) {
      await a.callWithKey("POST", "/api/custom-fields", body);
      await b.callWithKey("POST", "/api/custom-fields", body);
    }
    for (let i = 0; i < 30; i++) {
      const res = await a.callWithKey("POST", "/api/contacts", {
        phone: uniquePhone(),
        name: i % 2 ? `Name, ${i}` : `Name ${i}`,
        tags: i % 3 ? ["x"] : ["x", "y z"],
        stage: i % 4 ? "new" : "won",
        customFields: { city: `City ${i}`, plan: i % 2 ? "pro" : "basic" },
      });
      expect(res.status).toBe(201);
    }
    const csv = (await a.callWithKey("GET", "/api/contacts/export.csv")).text;
    const imported = await postCsv(b.callWithKey, csv);
    expect(imported.status, imported.text).toBe(201);
    expect(imported.json).toMatchObject({ createdContacts: 30, errorRows: 0, ignoredColumns: ["id", "leadScore", "lastMessageAt", "createdAt"] });
    const shape = (c: Record<string, unknown>) => [c.phone, c.name, c.tags, c.stage, c.customFields];
    const fromA = (await walk(a.callWithKey, "/api/contacts")).map(shape).sort();
    const fromB = (await walk(b.callWithKey, "/api/contacts")).map(shape).sort();
    expect(fromB).toEqual(fromA);
  });
});
