// Knowledge bulk import, parsed once for both sides: the worker's
// POST /api/v1/knowledge/import validates with it and the dashboard's import
// dialog previews with it, so what the preview shows is what gets imported.
// Pure (no bindings, no request): Markdown (one entry per heading section) or
// CSV with question/answer (or title/content) columns, parsed by the
// RFC 4180 parser in worker/contacts/csv.ts (BOM, `,` `;` or tab).
import { parseCsv } from "../contacts/csv";

export type KnowledgeImportFormat = "markdown" | "csv";

export interface ImportEntry {
  title: string;
  content: string;
}

export const MAX_IMPORT_ENTRIES = 500;
export const MAX_TITLE = 200;
export const MAX_CONTENT = 20_000;

export interface ImportAnalysis {
  entries: ImportEntry[];
  /** Plain sentences about parts that will not become entries. */
  skipped: string[];
  /** Why nothing at all can be imported, when that is the case. */
  problem: string | null;
}

function markdownEntries(body: string, skipped: string[]): ImportEntry[] {
  const out: ImportEntry[] = [];
  let title: string | null = null;
  let lines: string[] = [];
  const flush = () => {
    const content = lines.join("\n").trim();
    if (title && content) out.push({ title, content });
    else if (title) skipped.push(`“${title}” has no text under its heading.`);
  };
  for (const line of body.split(/\r?\n/)) {
    const h = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (h) {
      flush();
      title = h[1]!;
      lines = [];
    } else lines.push(line);
  }
  flush();
  return out;
}

/** The entries of a CSV, or null when the header row does not name the columns. */
function csvEntries(body: string, skipped: string[]): ImportEntry[] | null {
  const rows = parseCsv(body).records.filter((r) => r.cells.some((c) => c.trim() !== ""));
  const header = (rows.shift()?.cells ?? []).map((h) => h.trim().toLowerCase());
  const ti = header.findIndex((h) => h === "question" || h === "title" || h === "q");
  const ci = header.findIndex((h) => h === "answer" || h === "content" || h === "a");
  if (ti < 0 || ci < 0) return null;
  const out: ImportEntry[] = [];
  for (const r of rows) {
    const title = (r.cells[ti] ?? "").trim();
    const content = (r.cells[ci] ?? "").trim();
    if (title && content) out.push({ title, content });
    else skipped.push(`Row ${r.row} is missing ${title ? "an answer" : "a question"}.`);
  }
  return out;
}

/** The entries an import creates; incomplete parts are left out. */
export function parseImport(format: KnowledgeImportFormat, body: string): ImportEntry[] {
  return analyzeImport(format, body).entries;
}

/** The entries, what is skipped and why, and the reason nothing can be imported (none when it can). */
export function analyzeImport(format: KnowledgeImportFormat, body: string): ImportAnalysis {
  const skipped: string[] = [];
  if (!body.trim()) return { entries: [], skipped, problem: null };
  const parsed = format === "markdown" ? markdownEntries(body, skipped) : csvEntries(body, skipped);
  if (parsed === null) return { entries: [], skipped, problem: "The first row must name the columns: question,answer (or title,content)." };
  let problem: string | null = null;
  if (parsed.length === 0) {
    problem = format === "markdown" ? "No entries found. Start each entry with a heading line such as “# Opening hours”, followed by its text." : "No complete rows found: each row needs a question and an answer.";
  } else if (parsed.length > MAX_IMPORT_ENTRIES) {
    problem = `That is ${parsed.length} entries; one import takes at most ${MAX_IMPORT_ENTRIES}. Split the file and import it in parts.`;
  } else {
    const tooLong = parsed.findIndex((e) => e.title.length > MAX_TITLE || e.content.length > MAX_CONTENT);
    if (tooLong >= 0) problem = `Entry ${tooLong + 1} (“${parsed[tooLong]!.title.slice(0, 60)}”) is too long: titles can have ${MAX_TITLE} characters and answers ${MAX_CONTENT.toLocaleString("en")}.`;
  }
  return { entries: parsed, skipped, problem };
}
