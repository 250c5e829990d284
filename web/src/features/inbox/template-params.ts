// The placeholders of a WhatsApp template and the send-time parameters that
// fill them, counted by the worker's own worker/templates/placeholders.ts: {{1}},
// {{2}} or named {{first_name}}, per text header and body; Meta's send format
// [{ type: "body", parameters: [{ type: "text", text, parameter_name? }] }].
import type { SendTemplateInput } from "../conversations/api/send-template";
import type { Template } from "../conversations/api/types";

import { PLACEHOLDER, isPositional, placeholders } from "../../../../worker/templates/placeholders";

export { placeholders };

export type Section = "header" | "body";

/** One input the agent fills: `id` ("body.1", "header.first_name") keys the value. */
export interface Slot {
  id: string;
  section: Section;
  name: string;
  named: boolean;
  label: string;
}

export interface TemplateShape {
  header: string | null;
  /** The file an image, video or document header takes; null for a text header or none. */
  headerFile: "image" | "video" | "document" | null;
  body: string | null;
  footer: string | null;
  slots: Slot[];
}

const SECTION_LABEL: Record<Section, string> = { header: "Header", body: "Body" };

function slotsOf(section: Section, text: string | null): Slot[] {
  const names = placeholders(text);
  // {{1}} is the first parameter whatever order the text uses them in.
  const ordered = names.every(isPositional) ? [...names].sort((a, b) => Number(a) - Number(b)) : names;
  return ordered.map((name) => ({
    id: `${section}.${name}`,
    section,
    name,
    named: !isPositional(name),
    label: `${SECTION_LABEL[section]} {{${name}}}`,
  }));
}

const textOf = (c: Record<string, unknown> | undefined) => (typeof c?.text === "string" ? c.text : null);

/** Header (text headers only), body and footer of a template, and the slots to fill. */
export function templateShape(template: Pick<Template, "components">): TemplateShape {
  const find = (type: string) => template.components.find((c) => String(c.type).toUpperCase() === type);
  const headerComponent = find("HEADER");
  const textHeader = headerComponent && String(headerComponent.format ?? "TEXT").toUpperCase() === "TEXT";
  const header = textHeader ? textOf(headerComponent) : null;
  const format = String(headerComponent?.format ?? "").toUpperCase();
  const headerFile = format === "IMAGE" ? "image" : format === "VIDEO" ? "video" : format === "DOCUMENT" ? "document" : null;
  const body = textOf(find("BODY"));
  return { header, headerFile, body, footer: textOf(find("FOOTER")), slots: [...slotsOf("header", header), ...slotsOf("body", body)] };
}

/** A text cut into literal parts and placeholders, for the live preview. */
export type PreviewPart = { kind: "text"; text: string } | { kind: "slot"; slot: string; placeholder: string; value: string };

export function previewParts(section: Section, text: string, values: Record<string, string>): PreviewPart[] {
  const parts: PreviewPart[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m.index > last) parts.push({ kind: "text", text: text.slice(last, m.index) });
    const slot = `${section}.${m[1]!}`;
    parts.push({ kind: "slot", slot, placeholder: m[0], value: values[slot]?.trim() ?? "" });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}

export const missingSlots = (shape: TemplateShape, values: Record<string, string>) => shape.slots.filter((s) => !values[s.id]?.trim());

/** The `components` the send API takes: one entry per section that has placeholders. */
export function sendComponents(shape: TemplateShape, values: Record<string, string>): SendTemplateInput["components"] {
  const out: NonNullable<SendTemplateInput["components"]> = [];
  for (const section of ["header", "body"] as const) {
    const slots = shape.slots.filter((s) => s.section === section);
    if (slots.length === 0) continue;
    out.push({
      type: section,
      parameters: slots.map((s) => ({ type: "text", text: values[s.id]?.trim() ?? "", ...(s.named ? { parameter_name: s.name } : {}) })),
    });
  }
  return out.length ? out : undefined;
}
