import { describe, expect, it } from "vitest";
import { analyzeImport, MAX_IMPORT_ENTRIES, parseImport } from "../../../worker/ai/knowledge-import";
import { previewImport } from "../../../web/src/features/knowledge/import-preview";

describe("knowledge import, shared by the API and the dashboard preview", () => {
  it("reads a semicolon CSV with a BOM the way the API imports it, and the preview shows the same entries", () => {
    const body = "\uFEFFQuestion;Answer\nOpen on Sunday?;No, Monday to Saturday\n\nParking?;\n";
    const a = analyzeImport("csv", body);
    expect(a.entries).toEqual([{ title: "Open on Sunday?", content: "No, Monday to Saturday" }]);
    expect(a.skipped).toEqual(["Row 4 is missing an answer."]);
    expect(a.problem).toBeNull();
    expect(previewImport("csv", body)).toEqual(a);
    expect(parseImport("csv", body)).toEqual(a.entries);
  });

  it("names the missing header and a heading without text", () => {
    expect(analyzeImport("csv", "foo,bar\n1,2").problem).toMatch(/question,answer/);
    const md = analyzeImport("markdown", "# Hours\nNine to five\n# Empty\n");
    expect(md.entries).toEqual([{ title: "Hours", content: "Nine to five" }]);
    expect(md.skipped).toEqual(["“Empty” has no text under its heading."]);
  });

  it("refuses more entries than one import takes and entries that are too long", () => {
    const many = "q,a\n" + Array.from({ length: MAX_IMPORT_ENTRIES + 1 }, (_, i) => `q${i},a${i}`).join("\n");
    expect(analyzeImport("csv", many).problem).toMatch(/at most 500/);
    expect(analyzeImport("markdown", `# T\n${"x".repeat(20_001)}`).problem).toMatch(/too long/);
  });
});
