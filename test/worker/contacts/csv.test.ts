// The CSV reader and writer, and reading a file into contacts (pure functions).
import { describe, expect, it } from "vitest";
import { csvCell, csvLine, detectDelimiter, parseCsv } from "../../../worker/contacts/csv";
import { importPhone, prepareImport, sliceContacts } from "../../../worker/contacts/import/prepare";
import type { CustomFieldDef } from "../../../worker/contacts/custom-fields";

const cells = (text: string) => parseCsv(text).records.map((r) => [r.row, r.cells]);

describe("parseCsv", () => {
  it("reads quotes, doubled quotes, embedded newlines and every line ending", () => {
    expect(cells('a,"b ""c""",d\r\n"x\ny",z\rlast,row')).toEqual([
      [1, ["a", 'b "c"', "d"]],
      [2, ["x\ny", "z"]],
      [3, ["last", "row"]],
    ]);
  });

  it("keeps blank lines as empty rows so row numbers match a spreadsheet", () => {
    expect(cells("h\n\nv\n\n")).toEqual([
      [1, ["h"]],
      [2, []],
      [3, ["v"]],
      [4, []],
    ]);
  });

  it("strips a BOM, keeps empty and trailing cells", () => {
    expect(cells("\ufeffa,,c,\n")).toEqual([[1, ["a", "", "c", ""]]]);
    expect(cells("a,b,")).toEqual([[1, ["a", "b", ""]]]);
    expect(parseCsv("").records).toEqual([]);
  });

  it("reports an unterminated quote with its row", () => {
    expect(parseCsv('a\nb\n"c,d\ne').unterminatedAt).toBe(3);
  });

  it("detects ; and tab delimiters from the header, ignoring quoted ones", () => {
    expect(detectDelimiter("phone;name;email\n1,2;3")).toBe(";");
    expect(detectDelimiter("phone\tname\n")).toBe("\t");
    expect(detectDelimiter('"a;b;c",d\n')).toBe(",");
  });
});

describe("csvCell", () => {
  it("quotes what needs quoting and defuses formulas, but leaves phone numbers alone", () => {
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("@SUM")).toBe("'@SUM");
    expect(csvCell("-x")).toBe("'-x");
    expect(csvCell("+6281234567890")).toBe("+6281234567890");
    expect(csvCell("+62 812-3456-7890")).toBe("+62 812-3456-7890");
    expect(csvCell("-5")).toBe("-5");
    // A sign followed by a digit is still a formula when more than a number follows.
    expect(csvCell("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvCell("+1+HYPERLINK(\"http://x\")")).toBe(`"'+1+HYPERLINK(""http://x"")"`);
    expect(csvCell("\tx")).toBe(`"'\tx"`);
    expect(csvCell("\r=1")).toBe(`"'\r=1"`);
    expect(csvCell(null)).toBe("");
    expect(csvLine(["a", 1, true, null])).toBe("a,1,true,\r\n");
  });
});

describe("prepareImport", () => {
  const def = (key: string, type: CustomFieldDef["type"], label = key, options: string[] | null = null): CustomFieldDef => ({
    id: `fld_${key}`,
    tenantId: "ten_x",
    key,
    label,
    type,
    options,
    createdAt: 0,
    updatedAt: 0,
  });

  it("maps header aliases and custom fields by key or label", () => {
    const out = prepareImport("WhatsApp Number,First Name,Last Name,E-mail,Labels,Lifecycle Stage,Unsubscribed,Birth day,cf.score\n+62 812 1111 2222,Ana,Putri,ANA@X.ID,a|b,Lead,y,1990-01-31,7\n", [
      def("birthday", "date", "Birth day"),
      def("score", "number"),
    ]);
    expect(out.errors).toEqual([]);
    expect(out.contacts).toEqual([
      {
        row: 2,
        phone: "+6281211112222",
        waId: "6281211112222",
        name: "Ana Putri",
        email: "ana@x.id",
        tags: ["a", "b"],
        tagKeys: ["a", "b"],
        stage: "lead",
        optedOut: true,
        customFields: { birthday: "1990-01-31", score: 7 },
      },
    ]);
  });

  it("refuses two columns for the same field and a file without a phone column", () => {
    expect(() => prepareImport("phone,mobile\n1,2\n", [])).toThrow(/both hold phone/);
    expect(() => prepareImport("name\nA\n", [])).toThrow(/no phone column/);
  });

  it("national numbers need a country code", () => {
    expect(importPhone("0812-3456-7890")).toBeNull();
    expect(importPhone("0812-3456-7890", "62")).toBe("+6281234567890");
    expect(importPhone("+44 20 7946 0958", "62")).toBe("+442079460958");
    expect(importPhone("abc", "62")).toBeNull();
  });

  it("slices by rows and by size", () => {
    const many = prepareImport("phone\n" + Array.from({ length: 2500 }, (_, i) => `+6281${String(i).padStart(8, "0")}`).join("\n"), []);
    expect(sliceContacts(many.contacts).map((s) => s.count)).toEqual([1000, 1000, 500]);
    expect(sliceContacts(many.contacts, 1000, 10_000).every((s) => s.data.length <= 10_000)).toBe(true);
  });
});
