// Variables in quick replies: `{{contact.name}}`, with an optional fallback
// for an empty value, `{{contact.name | there}}`. Unknown variables are
// refused when the reply is saved, so a typo never reaches a customer.
export const VARIABLES = [
  "contact.name",
  "contact.firstName",
  "contact.phone",
  "contact.email",
  "agent.name",
  "agent.firstName",
  "agent.email",
  "business.name",
] as const;
/** `contact.fields.<key>` reads one of the contact's custom fields. */
const CUSTOM_FIELD = /^contact\.fields\.([A-Za-z0-9_]{1,64})$/;

const VARIABLE = /\{\{\s*([A-Za-z][\w.]*)\s*(?:\|\s*([^}]*?)\s*)?\}\}/g;

export type VariableValues = Record<string, string | null | undefined>;

export function isKnownVariable(name: string): boolean {
  return (VARIABLES as readonly string[]).includes(name) || CUSTOM_FIELD.test(name);
}

/** Variables used in a text that Parley does not know. */
export function unknownVariables(text: string): string[] {
  const unknown = new Set<string>();
  for (const m of text.matchAll(VARIABLE)) if (!isKnownVariable(m[1]!)) unknown.add(m[1]!);
  return [...unknown];
}

export const customFieldKey = (name: string) => CUSTOM_FIELD.exec(name)?.[1] ?? null;

/** Substitute every variable; `missing` lists those with no value and no fallback (they render as ""). */
export function renderVariables(text: string, lookup: (name: string) => string | null): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const rendered = text.replace(VARIABLE, (_, name: string, fallback: string | undefined) => {
    const value = lookup(name);
    if (value) return value;
    if (fallback !== undefined && fallback !== "") return fallback;
    missing.add(name);
    return "";
  });
  return { text: rendered, missing: [...missing] };
}

export const firstName = (name: string | null | undefined) => name?.trim().split(/\s+/)[0] || null;
