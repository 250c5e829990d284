// Placeholders of a WhatsApp template text: {{1}}, {{2}} or named {{first_name}}.
// Pure and dependency-free: the worker's parameter check and the dashboard's
// template form (web/src/features/inbox/template-params.ts) both count them here.
export const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Distinct placeholders of a text, in order of first use. */
export function placeholders(text: string | null | undefined): string[] {
  const names: string[] = [];
  for (const m of (text ?? "").matchAll(PLACEHOLDER)) if (!names.includes(m[1]!)) names.push(m[1]!);
  return names;
}

/** {{1}} is positional; {{first_name}} is named. */
export const isPositional = (name: string) => /^\d+$/.test(name);
