// WhatsApp template definitions (Meta's component format) and the send-time
// parameters that fill them: placeholder counting, the parameter check Meta
// would otherwise fail with 132000, and rendering to text for the inbox.
import { z } from "zod";
import { fieldError } from "../http/errors";
import { PLACEHOLDER, placeholders } from "./placeholders";

const button = z.looseObject({
  type: z.string().min(1).max(32),
  text: z.string().min(1).max(25),
  url: z.string().max(2000).optional(),
  phone_number: z.string().max(20).optional(),
});

/** One component of a template definition, as Meta's message_templates API returns it. */
export const templateComponentSchema = z.looseObject({
  type: z.enum(["HEADER", "BODY", "FOOTER", "BUTTONS"]),
  format: z.enum(["TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"]).optional(),
  text: z.string().min(1).max(1024).optional(),
  buttons: z.array(button).min(1).max(10).optional(),
});
export type TemplateComponent = z.infer<typeof templateComponentSchema>;

/** A locally edited template: one BODY with text, at most one of each other component. */
export const localComponentsSchema = z
  .array(templateComponentSchema)
  .min(1)
  .max(4)
  .superRefine((components, ctx) => {
    const seen = new Set<string>();
    components.forEach((c, i) => {
      if (seen.has(c.type)) ctx.addIssue({ code: "custom", path: [i, "type"], message: `only one ${c.type} component is allowed` });
      seen.add(c.type);
      if ((c.type === "BODY" || c.type === "FOOTER") && !c.text) ctx.addIssue({ code: "custom", path: [i, "text"], message: `a ${c.type} needs text` });
      if (c.type === "BUTTONS" && !c.buttons) ctx.addIssue({ code: "custom", path: [i, "buttons"], message: "BUTTONS needs buttons" });
    });
    if (!seen.has("BODY")) ctx.addIssue({ code: "custom", message: "a template needs a BODY component" });
  });

/** The parameters of one component at send time, as Meta's send API takes them. */
export const sendComponentSchema = z.looseObject({
  type: z.string().min(1).max(32).describe("header, body or button"),
  sub_type: z.string().max(32).optional(),
  index: z.union([z.string(), z.number()]).optional(),
  parameters: z
    .array(z.looseObject({ type: z.string().min(1).max(32), text: z.string().max(1024).optional(), parameter_name: z.string().max(64).optional() }))
    .max(100)
    .optional(),
});
export type SendComponent = z.infer<typeof sendComponentSchema>;

/** The parts of a stored definition the send check reads; synced ones may hold component kinds Parley does not know. */
export interface DefinitionComponent {
  type: string;
  format?: string;
  text?: string;
}

const lenientComponent = z.looseObject({ type: z.string(), format: z.string().optional().catch(undefined), text: z.string().optional().catch(undefined) });

export function asDefinition(components: unknown): DefinitionComponent[] {
  if (!Array.isArray(components)) return [];
  return components.flatMap((c) => {
    const parsed = lenientComponent.safeParse(c);
    return parsed.success ? [{ type: parsed.data.type.toUpperCase(), format: parsed.data.format?.toUpperCase(), text: parsed.data.text }] : [];
  });
}

export { placeholders };

// Only text headers and bodies take text parameters the way {{n}} counts them.
const parameterised = (c: DefinitionComponent) => c.type === "BODY" || (c.type === "HEADER" && (c.format ?? "TEXT") === "TEXT");

function paramsFor(components: SendComponent[] | undefined, type: string) {
  return components?.find((c) => c.type.toLowerCase() === type.toLowerCase())?.parameters ?? [];
}

/** Refuse a send whose parameter counts do not match the definition (Meta would fail it with 132000). */
export function checkParameters(name: string, definition: DefinitionComponent[], components: SendComponent[] | undefined): void {
  for (const c of definition.filter(parameterised)) {
    const expected = placeholders(c.text).length;
    const given = paramsFor(components, c.type).length;
    if (expected !== given) {
      throw fieldError("components", `template "${name}" takes ${expected} ${c.type.toLowerCase()} parameter(s); ${given} given`);
    }
  }
}

type Param = NonNullable<SendComponent["parameters"]>[number];

function paramText(p: Param | undefined): string {
  if (!p) return "";
  if (typeof p.text === "string") return p.text;
  const fallback = (p as Record<string, { fallback_value?: unknown } | undefined>)[p.type]?.fallback_value;
  return typeof fallback === "string" ? fallback : `[${p.type}]`;
}

function fill(text: string, params: Param[]): string {
  const order = placeholders(text);
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const named = params.find((p) => p.parameter_name === name);
    if (named) return paramText(named);
    const index = /^\d+$/.test(name) ? Number(name) - 1 : order.indexOf(name);
    return paramText(params[index]);
  });
}

/** The message as the customer will read it: header, body and footer with the parameters filled in. */
export function renderTemplate(definition: DefinitionComponent[], components: SendComponent[] | undefined): string {
  const parts: string[] = [];
  for (const c of definition) {
    if (!c.text) continue;
    if (c.type === "HEADER" && (c.format ?? "TEXT") === "TEXT") parts.push(fill(c.text, paramsFor(components, "header")));
    else if (c.type === "BODY") parts.push(fill(c.text, paramsFor(components, "body")));
    else if (c.type === "FOOTER") parts.push(c.text);
  }
  return parts.join("\n\n");
}
