// Plain words for audit actions and objects: "quick_reply.created" → "Quick reply created".

const words = (s: string) => s.replace(/_/g, " ");
const capital = (s: string) => (s.charAt(0).toUpperCase() + s.slice(1)).replace(/\bapi key\b/gi, "API key");

export const describeAction = (action: string) => capital(words(action.split(".").join(" ")));

export const describeObjectType = (type: string) => capital(words(type));

/** The object kinds seen in a list of actions (their first part), for the "Object" filter. */
export const objectTypesOf = (actions: string[]) => [...new Set(actions.map((a) => a.split(".")[0]!))].sort();

/** A short readable summary of the row's details, never more than a line. */
export function describeMetadata(metadata: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(metadata)) {
    if (v === null || v === undefined || typeof v === "object") {
      if (Array.isArray(v) && v.every((x) => typeof x === "string")) parts.push(`${words(k)}: ${v.join(", ")}`);
      continue;
    }
    parts.push(`${words(k)}: ${String(v)}`);
  }
  return parts.join(" · ");
}

/** A date input's value (yyyy-mm-dd, the viewer's day) as the first instant of that day, or of the next day. */
export function dayStart(date: string, nextDay = false): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + (nextDay ? 1 : 0)).toISOString();
}
