// A preview of what an import will create, parsed by the same module the API
// validates with (worker/ai/knowledge-import.ts), plus the reasons anything is skipped.
import { analyzeImport, type ImportAnalysis, type ImportEntry, type KnowledgeImportFormat as ImportFormat } from "../../../../worker/ai/knowledge-import";

export type PreviewEntry = ImportEntry;
export type ImportPreview = ImportAnalysis;

export function previewImport(format: ImportFormat, body: string): ImportPreview {
  return analyzeImport(format, body);
}

/** Guess the format from a file name. */
export const formatOfFile = (name: string): ImportFormat | null => (/\.csv$/i.test(name) ? "csv" : /\.(md|markdown|txt)$/i.test(name) ? "markdown" : null);
