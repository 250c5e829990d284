// A preview of what an import will create, parsed the way the API parses it
// (worker/ai/knowledge.ts parseImport), plus the reasons anything is skipped.
import type { ImportFormat } from "./api/import-knowledge";

export interface PreviewEntry {
  title: string;
  content: string;
}

export interface ImportPreview {
  entries: PreviewEntry[];
  /** Plain sentences about parts that will not become entries. */
  skipped: string[];
  /** Why nothing at all can be imported, when that is the case. */
  problem: string | null;
}

const MAX_ENTRIES = 500;
const MAX_TITLE = 200;
const MAX_CONTENT = 20_000;

function parseMarkdown(body: string, skipped: string[]): PreviewEntry[] {
  const out: PreviewEntry[] = [];
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

/** RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      field = "";
      if (row.some((f) => f !== "")) rows.push(row);
      row = [];
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== "")) rows.push(row);
  return rows;
}

function parseCsvEntries(body: string, skipped: string[]): PreviewEntry[] | string {
  const rows = parseCsv(body);
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  const ti = header.findIndex((h) => h === "question" || h === "title" || h === "q");
  const ci = header.findIndex((h) => h === "answer" || h === "content" || h === "a");
  if (ti < 0 || ci < 0) return "The first row must name the columns: question,answer (or title,content).";
  const out: PreviewEntry[] = [];
  rows.forEach((r, i) => {
    const title = (r[ti] ?? "").trim();
    const content = (r[ci] ?? "").trim();
    if (title && content) out.push({ title, content });
    else skipped.push(`Row ${i + 2} is missing ${title ? "an answer" : "a question"}.`);
  });
  return out;
}

export function previewImport(format: ImportFormat, body: string): ImportPreview {
  const skipped: string[] = [];
  if (!body.trim()) return { entries: [], skipped, problem: null };
  const parsed = format === "markdown" ? parseMarkdown(body, skipped) : parseCsvEntries(body, skipped);
  if (typeof parsed === "string") return { entries: [], skipped, problem: parsed };
  let problem: string | null = null;
  if (parsed.length === 0) {
    problem = format === "markdown" ? "No entries found. Start each entry with a heading line such as “# Opening hours”, followed by its text." : "No complete rows found: each row needs a question and an answer.";
  } else if (parsed.length > MAX_ENTRIES) {
    problem = `That is ${parsed.length} entries; one import takes at most ${MAX_ENTRIES}. Split the file and import it in parts.`;
  } else {
    const tooLong = parsed.findIndex((e) => e.title.length > MAX_TITLE || e.content.length > MAX_CONTENT);
    if (tooLong >= 0) problem = `Entry ${tooLong + 1} (“${parsed[tooLong]!.title.slice(0, 60)}”) is too long: titles can have ${MAX_TITLE} characters and answers ${MAX_CONTENT.toLocaleString()}.`;
  }
  return { entries: parsed, skipped, problem };
}

/** Guess the format from a file name. */
export const formatOfFile = (name: string): ImportFormat | null => (/\.csv$/i.test(name) ? "csv" : /\.(md|markdown|txt)$/i.test(name) ? "markdown" : null);
